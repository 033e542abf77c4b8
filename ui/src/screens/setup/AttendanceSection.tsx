// "Daftar hadir": ticking who came to each agenda session, fast and by keyboard. Pick the
// session, type to filter, Enter ticks the highlighted row (Space on a row's box works
// too); the filter clears and keeps the focus, so the next name can be typed at once.
// The people to tick are the lab's people and every name written in before (heads of
// agency are often not on the roster); someone new is added with their agency below.
// A tick is saved at once (the backend ignores a tick already there), counted per
// session, per day and per agency.

import { useMemo, useRef, useState } from "preact/hooks";
import { attendance, attendanceCounts, setAttendance } from "../../api";
import type { ApiError } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { AgendaSession } from "../../bindings/AgendaSession";
import type { AttendanceCounts } from "../../bindings/AttendanceCounts";
import type { AttendanceInput } from "../../bindings/AttendanceInput";
import type { Attendee } from "../../bindings/Attendee";
import type { Lab } from "../../bindings/Lab";
import type { Person } from "../../bindings/Person";
import { TextField } from "../../components/Field";
import { ErrorBanner } from "../../components/ErrorBanner";
import { type FieldProblem, reasonText } from "../../errors";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { errorText, formatNumber, t } from "../../i18n";
import { SelectField } from "./controls";

type Props = { lab: Lab; agenda: AgendaSession[]; people: Person[]; agencies: Agency[] };

/** Someone who can be ticked: a person of the roster or a name written in before. */
export type Candidate = {
  /** The attendee key the backend gives them (`p:<id>` or `n:<agency>:<name>`). */
  key: string;
  name: string;
  agencyId: string | null;
  personId: string | null;
};

/** A written-in name's key, as the backend makes it (lower case, spaces collapsed). */
export const nameKey = (agencyId: string | null, name: string) =>
  `n:${agencyId ?? ""}:${name.trim().split(/\s+/).join(" ").toLowerCase()}`;

/** The roster's people, then every written-in name of any session, each once, by name. */
export function candidates(people: Person[], rows: Attendee[]): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const p of people) {
    out.set(`p:${p.id}`, { key: `p:${p.id}`, name: p.name, agencyId: p.agencyId, personId: p.id });
  }
  for (const r of rows) {
    if (!out.has(r.attendee)) {
      out.set(r.attendee, { key: r.attendee, name: r.name, agencyId: r.agencyId, personId: r.personId });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, "id"));
}

/** Whether `c` matches every word typed, in its name or its agency's names. */
function matches(c: Candidate, agency: Agency | undefined, words: string[]): boolean {
  const hay = `${c.name} ${agency?.name ?? ""} ${agency?.shortName ?? ""} ${agency?.code ?? ""}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

type Loaded = { rows: Attendee[]; counts: AttendanceCounts };

/** A refusal at the new-name form's field, worded with that form's own label. */
function problemAt(error: ApiError | null, field: string, label: string): FieldProblem | null {
  if (!error || error.field !== field) return null;
  const text = error.reason ? reasonText(error.reason, label) : t("reason.other", { label, text: errorText(error.code) });
  return { text, detail: error.message };
}

export function AttendanceSection({ lab, agenda, people, agencies }: Props) {
  const { data, error, reload, mutate } = useLoad<Loaded>(
    async () => {
      const [rows, counts] = await Promise.all([attendance(lab.id), attendanceCounts(lab.id)]);
      return { rows, counts };
    },
    lab.id,
  );
  useChanged(lab.id, (event) => {
    if (event.entity === "attendance" || event.entity === "agenda" || event.entity === "lab") reload();
  });
  const [sessionId, setSessionId] = useState<string>("");
  const session = agenda.find((s) => s.id === sessionId) ?? agenda[0] ?? null;
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [newName, setNewName] = useState("");
  const [newAgency, setNewAgency] = useState("");
  const [addError, setAddError] = useState<ApiError | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const agencyOf = useMemo(() => new Map(agencies.map((a) => [a.id, a])), [agencies]);

  const rows = data?.rows ?? [];
  const everyone = useMemo(() => candidates(people, rows), [people, rows]);
  const presentHere = new Set(rows.filter((r) => r.present && r.sessionId === session?.id).map((r) => r.attendee));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = everyone.filter((c) => matches(c, c.agencyId ? agencyOf.get(c.agencyId) : undefined, words));
  const activeIndex = Math.min(active, Math.max(shown.length - 1, 0));
  const countOf = (id: string) => data?.counts.perSession.find((s) => s.sessionId === id)?.present ?? 0;

  if (agenda.length === 0 || !session) {
    return (
      <div class="setup-section">
        <section class="card">
          <h2 class="card__title">{t("attendance.title")}</h2>
          <p class="card__note" data-testid="attendance-no-agenda">
            {t("attendance.noAgenda")}
          </p>
        </section>
      </div>
    );
  }

  /** Saves a tick or an untick; the list shows it at once and the counts follow. */
  const tick = async (c: Candidate, present: boolean) => {
    const input: AttendanceInput = c.personId
      ? { personId: c.personId, name: "", agencyId: null, present }
      : { personId: null, name: c.name, agencyId: c.agencyId, present };
    const sid = session.id;
    mutate((d) => {
      const others = d.rows.filter((r) => !(r.sessionId === sid && r.attendee === c.key));
      const row: Attendee = { sessionId: sid, attendee: c.key, personId: c.personId, name: c.name, agencyId: c.agencyId, present };
      return { ...d, rows: [...others, row] };
    });
    try {
      await setAttendance(lab.id, sid, input);
      setFailure(null);
      setStatus(t(present ? "attendance.ticked" : "attendance.unticked", { name: c.name }));
    } catch (e) {
      setFailure(e as ApiError);
    }
    reload();
  };

  const toggleActive = () => {
    const c = shown[activeIndex];
    if (!c) return;
    void tick(c, !presentHere.has(c.key));
    setFilter("");
    setActive(0);
  };

  const addNew = async (e: Event) => {
    e.preventDefault();
    const agencyId = newAgency || null;
    try {
      await setAttendance(lab.id, session.id, { personId: null, name: newName, agencyId, present: true });
      setAddError(null);
      setStatus(t("attendance.ticked", { name: newName.trim() }));
      setNewName("");
      reload();
      filterRef.current?.focus();
    } catch (err) {
      setAddError(err as ApiError);
    }
  };

  const sessionLabel = (s: AgendaSession) =>
    t("attendance.sessionOption", {
      day: s.day,
      from: s.startsAt,
      to: s.endsAt,
      title: s.title,
      present: formatNumber(countOf(s.id)),
    });
  const counts = data?.counts;

  return (
    <div class="setup-section attendance">
      <section class="card" aria-labelledby="attendance-title">
        <div class="card__head">
          <h2 id="attendance-title" class="card__title">
            {t("attendance.title")}
          </h2>
          <p class="card__note">{t("attendance.intro")}</p>
        </div>
        {error && <ErrorBanner error={error} onRetry={reload} />}
        {failure && <ErrorBanner error={failure} onRetry={reload} />}

        <div class="attendance__pick">
          <SelectField
            id="attendance-session"
            label={t("attendance.session")}
            testid="attendance-session"
            value={session.id}
            onValue={(v) => {
              setSessionId(v);
              setActive(0);
              filterRef.current?.focus();
            }}
            problem={null}
          >
            {agenda.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionLabel(s)}
              </option>
            ))}
          </SelectField>
          <p class="attendance__count" data-testid="attendance-count" aria-live="polite">
            {t("attendance.countSession", { count: formatNumber(presentHere.size) })}
          </p>
        </div>

        <div class="field">
          <label class="field__label" for="attendance-filter">
            {t("attendance.filter")}
          </label>
          <input
            ref={filterRef}
            id="attendance-filter"
            class="input"
            type="search"
            autoComplete="off"
            spellcheck={false}
            data-testid="attendance-filter"
            aria-controls="attendance-list"
            aria-describedby="attendance-filter-hint"
            aria-activedescendant={shown[activeIndex] ? `attendee-${activeIndex}` : undefined}
            value={filter}
            onInput={(e) => {
              setFilter(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive(Math.min(activeIndex + 1, shown.length - 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive(Math.max(activeIndex - 1, 0));
              } else if (e.key === "Enter" || (e.key === " " && filter === "")) {
                // Space types a space inside a name; with nothing typed it ticks.
                e.preventDefault();
                toggleActive();
              } else if (e.key === "Escape" && filter) {
                e.preventDefault();
                e.stopPropagation();
                setFilter("");
                setActive(0);
              }
            }}
          />
          <p class="field__hint" id="attendance-filter-hint">
            {t("attendance.filterHint")}
          </p>
        </div>

        <p class="setup-status" role="status" aria-live="polite" data-testid="attendance-status">
          {status}
        </p>

        {everyone.length === 0 && <p class="card__note">{t("attendance.empty")}</p>}
        {everyone.length > 0 && shown.length === 0 && (
          <p class="card__note" data-testid="attendance-no-match">
            {t("attendance.noMatch", { text: filter })}
          </p>
        )}
        <ul
          id="attendance-list"
          class="attendance__list"
          role="listbox"
          aria-multiselectable="true"
          aria-label={t("attendance.listLabel", { session: session.title })}
          data-testid="attendance-list"
        >
          {shown.map((c, i) => {
            const here = presentHere.has(c.key);
            const agency = c.agencyId ? agencyOf.get(c.agencyId) : undefined;
            return (
              <li
                key={c.key}
                id={`attendee-${i}`}
                role="option"
                aria-selected={here}
                class={`attendance__row${i === activeIndex ? " is-active" : ""}${here ? " is-present" : ""}`}
                data-testid="attendee"
                data-present={here ? "true" : "false"}
                tabIndex={-1}
                onClick={() => {
                  setActive(i);
                  void tick(c, !here);
                }}
                onKeyDown={(e) => {
                  if (e.key === " " || e.key === "Enter") {
                    e.preventDefault();
                    void tick(c, !here);
                  }
                }}
              >
                <span class="attendance__box" aria-hidden="true">
                  {here ? "✓" : ""}
                </span>
                <span class="attendance__name">{c.name}</span>
                <span class="attendance__agency">{agency ? agency.shortName || agency.name : ""}</span>
                {here && <span class="visually-hidden">{t("attendance.present")}</span>}
              </li>
            );
          })}
        </ul>

        <form class="attendance__add" onSubmit={addNew} data-testid="attendance-add">
          <h3 class="attendance__add-title">{t("attendance.addTitle")}</h3>
          <TextField
            id="attendance-name"
            label={t("attendance.name")}
            testid="attendance-name"
            value={newName}
            onValue={setNewName}
            problem={problemAt(addError, "name", t("attendance.name"))}
            required
          />
          <SelectField
            id="attendance-agency"
            label={t("attendance.agency")}
            testid="attendance-agency"
            value={newAgency}
            onValue={setNewAgency}
            problem={problemAt(addError, "agencyId", t("attendance.agency"))}
          >
            <option value="">{t("attendance.noAgency")}</option>
            {agencies
              .filter((a) => !a.retiredAt)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} — {a.name}
                </option>
              ))}
          </SelectField>
          <button type="submit" class="button button--primary" data-testid="attendance-add-go">
            {t("attendance.add")}
          </button>
        </form>
      </section>

      {counts && counts.people > 0 && (
        <section class="card" aria-labelledby="attendance-summary-title" data-testid="attendance-summary">
          <h2 id="attendance-summary-title" class="card__title">
            {t("attendance.summaryTitle")}
          </h2>
          <p class="card__note">
            {t("attendance.summaryLead", {
              people: formatNumber(counts.people),
              agencies: formatNumber(counts.agenciesPresent),
            })}
          </p>
          <table class="setup-table attendance__table" data-testid="attendance-per-day">
            <caption>{t("attendance.perDay")}</caption>
            <thead>
              <tr>
                {counts.perDay.map((d) => (
                  <th key={d.day} scope="col">
                    {t("attendance.dayN", { day: d.day })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {counts.perDay.map((d) => (
                  <td key={d.day}>{formatNumber(d.people)}</td>
                ))}
              </tr>
            </tbody>
          </table>
          <table class="setup-table attendance__table" data-testid="attendance-per-agency">
            <caption>{t("attendance.perAgency")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("attendance.agency")}</th>
                {counts.perDay.map((d) => (
                  <th key={d.day} scope="col">
                    {t("attendance.dayN", { day: d.day })}
                  </th>
                ))}
                <th scope="col">{t("attendance.total")}</th>
              </tr>
            </thead>
            <tbody>
              {counts.perAgency.map((a) => (
                <tr key={a.agencyId}>
                  <th scope="row">{a.agencyId ? a.shortName || a.name : t("attendance.noAgencyRow")}</th>
                  {a.perDay.map((n, i) => (
                    <td key={i}>{formatNumber(n)}</td>
                  ))}
                  <td>{formatNumber(a.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
