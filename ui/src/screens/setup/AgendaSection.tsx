import { useEffect, useRef, useState } from "preact/hooks";
import { addSession, deleteSession, updateSession } from "../../api";
import type { AgendaInput } from "../../bindings/AgendaInput";
import type { AgendaSession } from "../../bindings/AgendaSession";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { TextField } from "../../components/Field";
import { formatDate, getLocale, t, tn } from "../../i18n";
import { ConfirmButton, SelectField, SetupBanner, normaliseClock, escapeCancels, useWrite } from "./controls";
import { SESSION_LABELS, isAtField, problemAt } from "./problems";

type Props = { lab: Lab; agenda: AgendaSession[]; options: OptionItem[]; reload: () => void };

type Open = { kind: "add"; day: number } | { kind: "edit"; id: string } | null;

const FIELDS = ["day", "startsAt", "endsAt", "title", "stage"] as const;

/** `YYYY-MM-DD` of lab day `day` (day 1 is the start date). */
export function dayDate(startDate: string, day: number): string | null {
  const start = new Date(`${startDate}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) return null;
  start.setUTCDate(start.getUTCDate() + day - 1);
  return start.toISOString().slice(0, 10);
}

/** An option's label in the current language. */
export function optionLabel(o: OptionItem): string {
  return getLocale() === "en" ? o.labelEn || o.labelId : o.labelId;
}

/** The agenda: each lab day's sessions with their times, titles and 5D stages. */
export function AgendaSection({ lab, agenda, options, reload }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [status, setStatus] = useState("");
  const remove = useWrite();
  const stages = options.filter((o) => o.list === "stage");
  const stageLabel = (code: string) => {
    const o = stages.find((s) => s.code === code);
    return o ? optionLabel(o) : code;
  };
  const days = Array.from({ length: Math.max(lab.days, 1) }, (_, i) => i + 1);
  // Sessions on a day the lab no longer has (its length was shortened) are still shown.
  const extraDays = [...new Set(agenda.map((s) => s.day))].filter((d) => d > lab.days);
  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus());

  return (
    <div class="setup-section">
      <section class="card" aria-labelledby="agenda-title">
        <div class="card__head">
          <h2 id="agenda-title" class="card__title">
            {t("setup.agenda.title")}
          </h2>
          <p class="card__note">{t("setup.agenda.intro")}</p>
        </div>
        <p class="setup-status" role="status" aria-live="polite" data-testid="agenda-status">
          {status}
        </p>
        {remove.error && <SetupBanner error={remove.error} />}

        {[...days, ...extraDays].map((day) => {
          const sessions = agenda.filter((s) => s.day === day);
          const date = dayDate(lab.startDate, day);
          const dayTitle = date
            ? t("setup.agenda.dayWithDate", { day, date: formatDate(date) })
            : t("setup.agenda.day", { day });
          return (
            <section key={day} class="setup-day" aria-labelledby={`agenda-day-${day}`} data-testid={`agenda-day-${day}`}>
              <h3 id={`agenda-day-${day}`} class="setup-day__title">
                {dayTitle}
                <span class="setup-day__count">{tn("setup.agenda.sessions", sessions.length)}</span>
              </h3>
              {sessions.length === 0 ? (
                <p class="setup-empty">{t("setup.agenda.empty")}</p>
              ) : (
                <div class="setup-table-wrap">
                  <table class="setup-table">
                    <caption class="visually-hidden">{dayTitle}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("setup.agenda.time")}</th>
                        <th scope="col">{t("setup.session.title")}</th>
                        <th scope="col">{t("setup.list.stage")}</th>
                        <th scope="col">
                          <span class="visually-hidden">{t("setup.actions")}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {sessions.map((s) =>
                        open?.kind === "edit" && open.id === s.id ? (
                          <tr key={s.id} class="setup-table__form-row">
                            <td colSpan={4}>
                              <SessionForm
                                prefix={`session-${s.id}`}
                                title={t("setup.agenda.editTitle", { title: s.title })}
                                lab={lab}
                                stages={stages}
                                initial={{ day: s.day, startsAt: s.startsAt, endsAt: s.endsAt, title: s.title, stage: s.stage }}
                                submitLabel={t("setup.save")}
                                onSubmit={async (input) => {
                                  const saved = await updateSession(lab.id, s.id, input);
                                  setStatus(t("setup.agenda.saved", { title: saved.title }));
                                  setOpen(null);
                                  reload();
                                  focusLater(`session-edit-${s.id}`);
                                }}
                                onCancel={() => {
                                  setOpen(null);
                                  focusLater(`session-edit-${s.id}`);
                                }}
                              />
                            </td>
                          </tr>
                        ) : (
                          <tr key={s.id} data-testid="session-row">
                            <td class="setup-table__time">
                              {s.startsAt}–{s.endsAt}
                            </td>
                            <td>{s.title}</td>
                            <td>{s.stage ? stageLabel(s.stage) : <span class="setup-muted">{t("setup.agenda.noStage")}</span>}</td>
                            <td class="setup-table__actions">
                              <button
                                type="button"
                                id={`session-edit-${s.id}`}
                                class="button button--secondary button--small"
                                data-testid="session-edit"
                                aria-label={t("setup.agenda.editAria", { title: s.title })}
                                onClick={() => setOpen({ kind: "edit", id: s.id })}
                              >
                                {t("setup.edit")}
                              </button>
                              <ConfirmButton
                                label={t("setup.delete")}
                                ariaLabel={t("setup.agenda.deleteAria", { title: s.title })}
                                question={t("setup.agenda.deleteQuestion", { title: s.title })}
                                confirmLabel={t("setup.agenda.deleteYes")}
                                testid="session-delete"
                                onConfirm={async () => {
                                  const ok = await remove.run(() => deleteSession(lab.id, s.id));
                                  if (ok) {
                                    setStatus(t("setup.agenda.deleted", { title: s.title }));
                                    reload();
                                    focusLater(`session-add-${day}`);
                                  }
                                }}
                              />
                            </td>
                          </tr>
                        ),
                      )}
                    </tbody>
                  </table>
                </div>
              )}
              {open?.kind === "add" && open.day === day ? (
                <SessionForm
                  prefix={`session-new-${day}`}
                  title={t("setup.agenda.addTitle", { day })}
                  lab={lab}
                  stages={stages}
                  initial={{ day, startsAt: "", endsAt: "", title: "", stage: "" }}
                  submitLabel={t("setup.agenda.addSubmit")}
                  onSubmit={async (input) => {
                    const saved = await addSession(lab.id, input);
                    setStatus(t("setup.agenda.added", { title: saved.title }));
                    setOpen(null);
                    reload();
                    focusLater(`session-add-${day}`);
                  }}
                  onCancel={() => {
                    setOpen(null);
                    focusLater(`session-add-${day}`);
                  }}
                />
              ) : (
                day <= lab.days && (
                  <button
                    type="button"
                    id={`session-add-${day}`}
                    class="button button--secondary"
                    data-testid={`session-add-${day}`}
                    onClick={() => setOpen({ kind: "add", day })}
                  >
                    {t("setup.agenda.add", { day })}
                  </button>
                )
              )}
            </section>
          );
        })}
      </section>
    </div>
  );
}

type FormProps = {
  prefix: string;
  title: string;
  lab: Lab;
  stages: OptionItem[];
  initial: AgendaInput;
  submitLabel: string;
  onSubmit: (input: AgendaInput) => Promise<void>;
  onCancel: () => void;
};

/** One session: day, start and end time, title and 5D stage. */
function SessionForm({ prefix, title, lab, stages, initial, submitLabel, onSubmit, onCancel }: FormProps) {
  const [values, setValues] = useState({ ...initial, day: String(initial.day) });
  const { busy, error, run } = useWrite();
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: string) => `${prefix}-${field}`;
  const offered = stages.filter((s) => !s.retired || s.code === initial.stage);

  useEffect(() => {
    document.getElementById(id("startsAt"))?.focus();
  }, []);
  useEffect(() => {
    if (error?.field) document.getElementById(id(error.field))?.focus();
  }, [error]);

  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  return (
    <form
      ref={formRef}
      class="setup-form"
      noValidate
      aria-label={title}
      data-testid={`${prefix}-form`}
      onKeyDown={escapeCancels(onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void run(() => onSubmit({
            day: Number(values.day),
            startsAt: normaliseClock(values.startsAt),
            endsAt: normaliseClock(values.endsAt),
            title: values.title,
            stage: values.stage,
          }));
      }}
    >
      <h4 class="setup-form__title">{title}</h4>
      {error && !isAtField(error, FIELDS) && <SetupBanner error={error} />}
      <div class="setup-form__grid setup-form__grid--times">
        <SelectField
          id={id("day")}
          label={t("setup.session.day")}
          testid={`${prefix}-day`}
          value={values.day}
          onValue={set("day")}
          problem={problemAt(SESSION_LABELS, error, "day")}
        >
          {Array.from({ length: Math.max(lab.days, initial.day) }, (_, i) => i + 1).map((d) => (
            <option key={d} value={String(d)}>
              {t("setup.agenda.day", { day: d })}
            </option>
          ))}
        </SelectField>
        <TextField
          id={id("startsAt")}
          label={t("setup.session.startsAt")}
          testid={`${prefix}-startsAt`}
          value={values.startsAt}
          onValue={set("startsAt")}
          problem={problemAt(SESSION_LABELS, error, "startsAt")}
          hint={t("setup.agenda.timeHint")}
          required
          inputMode="numeric"
        />
        <TextField
          id={id("endsAt")}
          label={t("setup.session.endsAt")}
          testid={`${prefix}-endsAt`}
          value={values.endsAt}
          onValue={set("endsAt")}
          problem={problemAt(SESSION_LABELS, error, "endsAt")}
          hint={t("setup.agenda.timeHint")}
          required
          inputMode="numeric"
        />
      </div>
      <TextField
        id={id("title")}
        label={t("setup.session.title")}
        testid={`${prefix}-title`}
        value={values.title}
        onValue={set("title")}
        problem={problemAt(SESSION_LABELS, error, "title")}
        hint={t("setup.agenda.titleHint")}
        required
      />
      <SelectField
        id={id("stage")}
        label={t("setup.list.stage")}
        testid={`${prefix}-stage`}
        value={values.stage}
        onValue={set("stage")}
        problem={problemAt(SESSION_LABELS, error, "stage")}
      >
        <option value="">{t("setup.agenda.noStage")}</option>
        {offered.map((s) => (
          <option key={s.code} value={s.code}>
            {s.retired ? t("setup.options.retiredLabel", { label: optionLabel(s) }) : optionLabel(s)}
          </option>
        ))}
      </SelectField>
      <div class="form-actions">
        <button type="submit" class="button button--primary" data-testid={`${prefix}-save`} disabled={busy}>
          {busy ? t("setup.saving") : submitLabel}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
