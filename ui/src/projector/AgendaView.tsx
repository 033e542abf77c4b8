// The agenda: the session running now with its 5D stage and the time left, what comes
// next, and the day's sessions.

import { useEffect, useState } from "preact/hooks";
import { getAgenda, listOptions } from "../api";
import type { AgendaSession } from "../bindings/AgendaSession";
import type { Lab } from "../bindings/Lab";
import { optionLabel } from "../components/Choice";
import { t } from "../i18n";
import { labDayAt, localParts, sessionAt } from "../labClock";
import { formatClock } from "../pitchClock";
import { Ready, useData } from "./shared";

const seconds = (hm: string) => Number(hm.slice(0, 2)) * 3600 + Number(hm.slice(3, 5)) * 60;

/**
 * The lab day whose agenda to show at `now`: today's during the lab, the first day before
 * it and the last day after it.
 */
export function agendaDay(lab: Lab, now: Date): number {
  const day = labDayAt(lab, now);
  if (day !== null) return day;
  return localParts(now, lab.timeZone).date < lab.startDate ? 1 : Math.max(1, lab.days);
}

/** Seconds from `now` to the end of `session` (both on the lab's clock), never below 0. */
export function secondsLeft(lab: Lab, session: AgendaSession, now: Date): number {
  const { time } = localParts(now, lab.timeZone);
  // Time zones are whole minutes from UTC, so the seconds are the same on every clock.
  return Math.max(0, seconds(session.endsAt) - seconds(time) - now.getUTCSeconds());
}

export function AgendaView({ lab, version }: { lab: Lab; version: number }) {
  const data = useData(() => Promise.all([getAgenda(lab.id), listOptions(lab.id)]), [lab.id, version]);
  // The countdown to the session's end: the clock, read once a second (no backend call).
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(tick);
  }, []);
  if (!data) return null;
  const [agenda, options] = data;
  const stageLabel = (code: string) => {
    const o = options.find((x) => x.list === "stage" && x.code === code);
    return o ? optionLabel(o) : code;
  };
  const inLab = labDayAt(lab, now) !== null;
  const day = agendaDay(lab, now);
  const today = agenda.filter((s) => s.day === day).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const current = sessionAt(lab, agenda, now);
  const { time } = localParts(now, lab.timeZone);
  const next = inLab ? (today.find((s) => s.startsAt > time && s.id !== current?.id) ?? null) : null;
  return (
    <Ready mode="agenda" class="agenda">
      <header class="projector__head">
        <h1 class="projector__lab">{lab.days > 0 ? t("projector.agendaDay", { day }) : t("projector.agendaOutside")}</h1>
        <p class="agenda__clock">{time}</p>
      </header>
      <div class="agenda__grid">
        <div class="agenda-now">
          {current ? (
            <>
              <p class="agenda-now__label">{t("projector.agendaNow")}</p>
              <p class="agenda-now__title">{current.title}</p>
              {current.stage && <p class="agenda-now__stage">{stageLabel(current.stage)}</p>}
              <p class="agenda-now__left" data-testid="projector-session-left">
                {formatClock(secondsLeft(lab, current, now) * 1000)} <span>{t("projector.agendaLeft")}</span>
              </p>
            </>
          ) : (
            <p class="agenda-now__none">{t("projector.agendaNone")}</p>
          )}
          {next && (
            <p class="agenda-now__next">
              <span class="agenda-now__label">{t("projector.agendaNext")}</span> {next.startsAt} {next.title}
              {next.stage && ` · ${stageLabel(next.stage)}`}
            </p>
          )}
        </div>
        {today.length === 0 ? (
          <p class="agenda-day agenda-day--empty">{t("projector.agendaEmpty", { day })}</p>
        ) : (
          <ol class="agenda-day">
            {today.map((s) => (
              <li key={s.id} class={current?.id === s.id ? "is-now" : inLab && s.endsAt <= time ? "is-past" : ""}>
                <span class="agenda-day__time">
                  {s.startsAt}–{s.endsAt}
                </span>
                <span class="agenda-day__title">{s.title}</span>
                {s.stage && <span class="agenda-day__stage">{stageLabel(s.stage)}</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Ready>
  );
}
