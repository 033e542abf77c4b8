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
