// Where the lab is right now: which day, and which agenda session, in the lab's time zone.

import type { AgendaSession } from "./bindings/AgendaSession";
import type { Lab } from "./bindings/Lab";

/** `YYYY-MM-DD` and `HH:MM` of `now` in `timeZone`. */
export function localParts(now: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

/** The lab day (1..days) that `now` falls on, or null outside the lab's dates. */
export function labDayAt(lab: Lab, now: Date): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(lab.startDate)) return null;
  const today = localParts(now, lab.timeZone).date;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lab.startDate}T00:00:00Z`)) / 86_400_000);
  return days >= 0 && days < lab.days ? days + 1 : null;
}

/** The agenda session running at `now`, if any. */
export function sessionAt(lab: Lab, agenda: readonly AgendaSession[], now: Date): AgendaSession | null {
  const day = labDayAt(lab, now);
  if (day === null) return null;
  const { time } = localParts(now, lab.timeZone);
  return agenda.find((s) => s.day === day && s.startsAt <= time && time < s.endsAt) ?? null;
}
