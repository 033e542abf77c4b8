import { useState } from "preact/hooks";
import { addSession, deleteSession, updateSession } from "../../api";
import type { AgendaInput } from "../../bindings/AgendaInput";
import type { AgendaSession } from "../../bindings/AgendaSession";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { EditableTable, RowForm } from "../../components/EditableTable";
import { TextField } from "../../components/Field";
import { formatDate, getLocale, t, tn } from "../../i18n";
import { ConfirmButton, SelectField, SetupBanner, normaliseClock, useWrite } from "./controls";
import { SESSION_LABELS, problemAt } from "./problems";

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
              <EditableTable
                rows={sessions}
                rowKey={(s) => s.id}
                caption={dayTitle}
                empty={t("setup.agenda.empty")}
                columns={[
                  { label: t("setup.agenda.time"), cell: (s) => `${s.startsAt}–${s.endsAt}`, class: "setup-table__time" },
                  { label: t("setup.session.title"), cell: (s) => s.title },
                  {
                    label: t("setup.list.stage"),
                    cell: (s) => (s.stage ? stageLabel(s.stage) : <span class="setup-muted">{t("setup.agenda.noStage")}</span>),
                  },
                ]}
                rowAttrs={() => ({ "data-testid": "session-row" })}
                editing={open?.kind === "edit" ? open.id : null}
                onEditing={(id) => setOpen(id ? { kind: "edit", id } : null)}
                edit={{
                  label: t("setup.edit"),
                  aria: (s) => t("setup.agenda.editAria", { title: s.title }),
                  testid: "session-edit",
                  form: (s, close) => (
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
                        close();
                        reload();
                      }}
                      onCancel={close}
                    />
                  ),
                }}
                actions={(s) => (
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
                )}
              />
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
  const offered = stages.filter((s) => !s.retired || s.code === initial.stage);
  return (
    <RowForm
      prefix={prefix}
      title={title}
      heading="h4"
      initial={{ ...initial, day: String(initial.day) }}
      fields={FIELDS}
      problem={(error, field) => problemAt(SESSION_LABELS, error, field)}
      focus="startsAt"
      submitLabel={submitLabel}
      onSubmit={(values) =>
        onSubmit({
          day: Number(values.day),
          startsAt: normaliseClock(values.startsAt),
          endsAt: normaliseClock(values.endsAt),
          title: values.title,
          stage: values.stage,
        })
      }
      onCancel={onCancel}
    >
      {(f) => (
        <>
          <div class="setup-form__grid setup-form__grid--times">
            <SelectField {...f.field("day")} label={t("setup.session.day")}>
              {Array.from({ length: Math.max(lab.days, initial.day) }, (_, i) => i + 1).map((d) => (
                <option key={d} value={String(d)}>
                  {t("setup.agenda.day", { day: d })}
                </option>
              ))}
            </SelectField>
            <TextField {...f.field("startsAt")} label={t("setup.session.startsAt")} hint={t("setup.agenda.timeHint")} required inputMode="numeric" />
            <TextField {...f.field("endsAt")} label={t("setup.session.endsAt")} hint={t("setup.agenda.timeHint")} required inputMode="numeric" />
          </div>
          <TextField {...f.field("title")} label={t("setup.session.title")} hint={t("setup.agenda.titleHint")} required />
          <SelectField {...f.field("stage")} label={t("setup.list.stage")}>
            <option value="">{t("setup.agenda.noStage")}</option>
            {offered.map((s) => (
              <option key={s.code} value={s.code}>
                {s.retired ? t("setup.options.retiredLabel", { label: optionLabel(s) }) : optionLabel(s)}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </RowForm>
  );
}
