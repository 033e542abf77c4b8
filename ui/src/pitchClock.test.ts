import { describe, expect, it } from "vitest";
import { formatClock, remainingMs, timerPhase } from "./pitchClock";

const timer = (running: boolean, remainingMs: number, startedAt: string | null) => ({
  durationMs: 300_000,
  running,
  startedAt,
  remainingMs,
});

describe("pitch clock", () => {
  it("counts down from the stored start, corrected for the store's clock", () => {
    const start = Date.parse("2026-11-24T03:00:00.000Z");
    const t = timer(true, 300_000, "2026-11-24T03:00:00.000Z");
    expect(remainingMs(t, start + 90_000)).toBe(210_000);
    // This window's clock is 2 s behind the store's.
    expect(remainingMs(t, start + 88_000, 2_000)).toBe(210_000);
    expect(remainingMs(t, start + 400_000)).toBe(0);
    expect(remainingMs(timer(false, 45_000, null), start + 999_999)).toBe(45_000);
  });

  it("names the phase: warning in the last minute, over at zero, paused", () => {
    const t = timer(true, 300_000, "2026-11-24T03:00:00.000Z");
    expect(timerPhase(t, 120_000, true)).toBe("running");
    expect(timerPhase(t, 60_000, true)).toBe("warning");
    expect(timerPhase(t, 0, true)).toBe("over");
    expect(timerPhase(timer(false, 30_000, null), 30_000, true)).toBe("paused");
    expect(timerPhase(t, 120_000, false)).toBe("idle");
  });

  it("writes minutes and seconds, rounding up", () => {
    expect(formatClock(300_000)).toBe("5:00");
    expect(formatClock(59_001)).toBe("1:00");
    expect(formatClock(59_000)).toBe("0:59");
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(3_723_000)).toBe("1:02:03");
  });
});
