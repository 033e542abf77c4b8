/**
 * A performance mark the benchmarks and end-to-end tests read back from the real webview
 * (`labinov:first-screen`, `labinov:board-painted`, ...). A measurement aid only: it never
 * fails the caller.
 */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // No Performance API: nothing to measure.
  }
}

/**
 * A performance measure from `start` (a `performance.now()` time) to now, under `name`
 * (`labinov:capture-save`, ...), which the benchmarks read back as durations. A
 * measurement aid only, like [`mark`].
 */
export function measureSince(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // No Performance API: nothing to measure.
  }
}

/** `performance.now()`, or 0 where there is none. */
export function now(): number {
  try {
    return performance.now();
  } catch {
    return 0;
  }
}
