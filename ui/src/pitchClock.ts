// The pitch timer as both windows show it: computed from the stored timer and the clock,
// so the projector and the main window agree without sending ticks to each other.

import { useEffect, useState } from "preact/hooks";
import type { PitchSession } from "./bindings/PitchSession";
import type { PitchTimer } from "./bindings/PitchTimer";

/** The last minute is shown as a warning. */
export const WARNING_MS = 60_000;

/**
 * Milliseconds left on `timer` at `nowMs` (this machine's clock), given `skewMs` = the
 * store's clock minus this window's when the session was read. Never below 0.
 */
export function remainingMs(timer: PitchTimer, nowMs: number, skewMs = 0): number {
  if (!timer.running || !timer.startedAt) return Math.max(0, timer.remainingMs);
  const elapsed = nowMs + skewMs - Date.parse(timer.startedAt);
  return Math.max(0, timer.remainingMs - Math.max(0, elapsed));
}

export type TimerPhase = "idle" | "running" | "warning" | "over" | "paused";

export function timerPhase(timer: PitchTimer, left: number, hasCurrent: boolean): TimerPhase {
  if (!hasCurrent) return "idle";
  if (left <= 0) return "over";
  if (!timer.running) return "paused";
  return left <= WARNING_MS ? "warning" : "running";
}

/** `m:ss` (or `h:mm:ss`), rounding up so 0:00 shows only when the time is up. */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * The time left on a session's timer, re-rendering a few times a second while it runs.
 * `readAt` is this window's clock when the session was read, to correct the skew.
 */
export function useRemaining(session: PitchSession | null, readAt: number): number {
  const skew = session ? Date.parse(session.now) - readAt : 0;
  const [now, setNow] = useState(() => Date.now());
  const running = !!session?.timer.running;
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [running, session]);
  return session ? remainingMs(session.timer, running ? now : Date.now(), skew) : 0;
}
