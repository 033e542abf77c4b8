import { describe, expect, it } from "vitest";
import type { AgendaSession } from "./bindings/AgendaSession";
import { labDayAt, sessionAt } from "./labClock";
import { LAB } from "./test/fixtures";

const session = (day: number, startsAt: string, endsAt: string, stage: string): AgendaSession => ({
  id: `${day}-${startsAt}`,
  labId: LAB.id,
  day,
  startsAt,
  endsAt,
  title: stage,
  stage,
});

describe("lab clock", () => {
  it("counts lab days in the lab's time zone", () => {
    // LAB starts 2026-11-24 in Asia/Jakarta (UTC+7) and lasts 3 days.
    expect(labDayAt(LAB, new Date("2026-11-23T16:59:00Z"))).toBeNull(); // 23:59 on the 23rd in Jakarta
    expect(labDayAt(LAB, new Date("2026-11-23T17:00:00Z"))).toBe(1); // 00:00 on the 24th in Jakarta
    expect(labDayAt(LAB, new Date("2026-11-26T10:00:00Z"))).toBe(3);
    expect(labDayAt(LAB, new Date("2026-11-26T17:00:00Z"))).toBeNull(); // the 27th in Jakarta
  });

  it("finds the agenda session running now", () => {
    const agenda = [session(1, "08:00", "10:00", "drum_up"), session(1, "10:00", "12:00", "diagnose"), session(2, "08:00", "12:00", "design")];
    expect(sessionAt(LAB, agenda, new Date("2026-11-24T03:30:00Z"))?.stage).toBe("diagnose"); // 10:30 WIB day 1
    expect(sessionAt(LAB, agenda, new Date("2026-11-24T02:59:00Z"))?.stage).toBe("drum_up"); // 09:59 WIB
    expect(sessionAt(LAB, agenda, new Date("2026-11-24T06:00:00Z"))).toBeNull(); // 13:00 WIB: a break
    expect(sessionAt(LAB, agenda, new Date("2026-11-25T01:00:00Z"))?.stage).toBe("design");
  });
});
