import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  addCoachNote,
  addPartner,
  addProgressUpdate,
  addStep,
  editStep,
  followupHistory,
  ideaFollowup,
  listAgencies,
  listOptions,
  moveStep,
  openProjector,
  removeCoachNote,
  removePartner,
  removeProgressUpdate,
  removeStep,
  saveFollowupPlan,
  setMilestone,
  setShowMode,
  setSpotlight,
} from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { IdeaFollowup } from "../../bindings/IdeaFollowup";
import type { Lab } from "../../bindings/Lab";
import type { Milestone } from "../../bindings/Milestone";
import type { OptionItem } from "../../bindings/OptionItem";
import type { Step } from "../../bindings/Step";
import type { StepInput } from "../../bindings/StepInput";
import { DateField, showDate } from "../../components/Choice";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/Field";
import { useChanged } from "../../hooks/useChanged";
import { formatDateTime, t, useLocale } from "../../i18n";
import { isSaveChord } from "../../shortcuts";
import { ConfirmButton, SelectField, useWrite } from "../setup/controls";
import { EvidenceList, EvidencePicker, FilePicker, uploadAll } from "./Evidence";
import { IidChecklist } from "./IidChecklist";
import { describeFollowup } from "./history";
import { STEP_STATUSES, agencyShort, followupErrorText, labToday, stageLabel, stagesOf } from "./shared";

type Props = {
  lab: Lab;
  ideaId: string;
  onBack: () => void;
  onReady?: () => void;
};

/** `useWrite`, with its refusal shown in words (`banner`). */
function useRun() {
  const write = useWrite();
  const banner = write.error && <ErrorBanner error={write.error} text={followupErrorText(write.error)} />;
  return { ...write, banner };
}

type FormProps = {
  class: string;
  testid?: string;
  submit: () => void;
  /** Esc inside the form (leaving an edit); by default Esc is left to the editor. */
  onEscape?: () => void;
  children: ComponentChildren;
};

/** A form that submits on Enter in a one-line field, on its button, and on Ctrl+Enter anywhere in it. */
function ChordForm({ class: className, testid, submit, onEscape, children }: FormProps) {
  return (
    <form
      class={className}
      data-testid={testid}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onEscape) {
          e.preventDefault();
          e.stopPropagation();
          onEscape();
        } else if (isSaveChord(e)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      {children}
    </form>
  );
}

/**
 * One idea's follow-up: who leads it, partners, the action plan's steps, milestones per
 * stage, progress updates with their evidence, coaching notes kept apart, the IID
 * checklist with the estimate, and the history. Every part reloads on a change event
 * for the lab (another window, or a merge).
 */
export function PlanEditor({ lab, ideaId, onBack, onReady }: Props) {
  useLocale();
  const [data, setData] = useState<IdeaFollowup | null>(null);
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [options, setOptions] = useState<OptionItem[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const generation = useRef(0);

  const reload = () => {
    const mine = ++generation.current;
    Promise.all([ideaFollowup(ideaId), listAgencies(lab.id), listOptions(lab.id)]).then(
      ([d, a, o]) => {
        if (mine !== generation.current) return;
        setData(d);
        setAgencies(a);
        setOptions(o);
        setLoadError(null);
        setVersion((v) => v + 1);
      },
      (reason: unknown) => mine === generation.current && setLoadError(ApiError.from(reason)),
    );
  };
  useEffect(reload, [ideaId]);
  useChanged(lab.id, reload);
  const readied = useRef(false);
  useEffect(() => {
    if (data && !readied.current) {
      readied.current = true;
      onReady?.();
    }
  }, [data]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [ideaId]);

  // Esc goes back to the board, unless it is leaving something first (a field being typed
  // in, an edit, a question, an opened file: those stop it there).
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === "Escape" && !e.defaultPrevented && !["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) {
      e.preventDefault();
      onBack();
    }
  };

  const project = () =>
    setSpotlight(lab.id, ideaId)
      .then(() => setShowMode(lab.id, "plan"))
      .then(() => openProjector())
      .catch((reason: unknown) => setLoadError(ApiError.from(reason)));

  if (!data) {
    return (
      <section class="fu-editor" data-testid="plan-editor">
        {loadError ? <ErrorBanner error={loadError} onRetry={reload} /> : <p>{t("common.loading")}</p>}
      </section>
    );
  }
  const ctx = { lab, data, agencies: agencies ?? [], options: options ?? [], reload };
  return (
    <section class="fu-editor" aria-labelledby="fu-editor-title" data-testid="plan-editor" tabIndex={-1} onKeyDown={onKeyDown}>
      <div class="fu-editor__head">
        <button type="button" class="button button--secondary" data-testid="plan-back" onClick={onBack}>
          ← {t("fu.editor.back")}
        </button>
        <h2 id="fu-editor-title" class="fu-editor__title" tabIndex={-1} ref={headingRef}>
          {data.title}
        </h2>
        <button type="button" class="button button--secondary" data-testid="plan-project" onClick={() => void project()}>
          {t("fu.editor.project")}
        </button>
      </div>
      {loadError && <ErrorBanner error={loadError} onRetry={reload} />}
      <div class="fu-editor__grid">
        <div class="fu-editor__col">
          <PlanHeader {...ctx} />
          <StepsSection {...ctx} />
          <MilestonesSection {...ctx} />
        </div>
        <div class="fu-editor__col">
          <UpdatesSection {...ctx} />
          <CoachNotesSection {...ctx} />
          <IidChecklist lab={lab} ideaId={ideaId} evidence={data.evidence} version={version} />
          <HistorySection lab={lab} ideaId={ideaId} version={version} />
        </div>
      </div>
    </section>
  );
}

type Ctx = {
  lab: Lab;
  data: IdeaFollowup;
  agencies: Agency[];
  options: OptionItem[];
  reload: () => void;
};

function activeAgencies(agencies: Agency[]): Agency[] {
  return agencies.filter((a) => a.retiredAt === null);
}

/** Lead agency, person responsible, partner agencies with their role. */
function PlanHeader({ lab, data, agencies, reload }: Ctx) {
  const [lead, setLead] = useState(data.plan.agencyId ?? "");
  const [responsible, setResponsible] = useState(data.plan.responsible);
  const [partner, setPartner] = useState("");
  const [role, setRole] = useState("");
  const save = useRun();
  const add = useRun();
  useEffect(() => {
    setLead(data.plan.agencyId ?? "");
    setResponsible(data.plan.responsible);
  }, [data.plan.agencyId, data.plan.responsible]);

  const submit = () =>
    void save.run(() => saveFollowupPlan(lab.id, data.ideaId, lead || null, responsible)).then((ok) => ok && reload());
  const submitPartner = () =>
    void add.run(() => addPartner(lab.id, data.ideaId, partner, role)).then((ok) => {
      if (!ok) return;
      setPartner("");
      setRole("");
      reload();
    });
  const own = agencyShort(agencies, data.ideaAgencyId);
  return (
    <section class="card fu-card" aria-labelledby="fu-plan-title" data-testid="plan-header">
      <h3 id="fu-plan-title" class="card__title">
        {t("fu.plan.title")}
      </h3>
      <ChordForm class="fu-form fu-form--row" submit={submit}>
        <SelectField id="fu-lead" label={t("fu.plan.lead")} testid="plan-lead" value={lead} onValue={setLead} problem={null}>
          <option value="">{t("fu.plan.leadOwn", { agency: own })}</option>
          {activeAgencies(agencies).map((a) => (
            <option key={a.id} value={a.id}>
              {a.shortName || a.code} — {a.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="fu-responsible"
          label={t("fu.plan.responsible")}
          hint={t("fu.plan.responsibleHint")}
          testid="plan-responsible"
          value={responsible}
          onValue={setResponsible}
          problem={null}
        />
        <button type="submit" class="button button--primary" data-testid="plan-save" disabled={save.busy}>
          {t("fu.save")}
        </button>
      </ChordForm>
      {save.banner}
      <h4 class="fu-subtitle">{t("fu.partner.title")}</h4>
      {data.partners.length === 0 && <p class="card__note">{t("fu.partner.none")}</p>}
      <ul class="fu-list" data-testid="partners">
        {data.partners.map((p) => (
          <li key={p.id} class="fu-list__item">
            <span>
              <strong>{agencyShort(agencies, p.agencyId)}</strong>
              {p.role && ` — ${p.role}`}
            </span>
            <ConfirmButton
              label={t("fu.remove")}
              ariaLabel={t("fu.partner.remove", { agency: agencyShort(agencies, p.agencyId) })}
              question={t("fu.partner.removeConfirm", { agency: agencyShort(agencies, p.agencyId) })}
              confirmLabel={t("fu.remove")}
              testid="partner-remove"
              onConfirm={() => removePartner(lab.id, p.id).then(reload)}
            />
          </li>
        ))}
      </ul>
      <ChordForm class="fu-form fu-form--row" submit={submitPartner}>
        <SelectField id="fu-partner" label={t("fu.partner.agency")} testid="partner-agency" value={partner} onValue={setPartner} problem={null}>
          <option value="">{t("fu.partner.choose")}</option>
          {activeAgencies(agencies)
            .filter((a) => a.id !== data.ideaAgencyId && !data.partners.some((p) => p.agencyId === a.id))
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.shortName || a.code} — {a.name}
              </option>
            ))}
        </SelectField>
        <TextField id="fu-partner-role" label={t("fu.partner.role")} testid="partner-role" value={role} onValue={setRole} problem={null} />
        <button type="submit" class="button button--secondary" data-testid="partner-add" disabled={add.busy || !partner}>
          {t("fu.partner.add")}
        </button>
      </ChordForm>
      {add.banner}
    </section>
  );
}

const emptyStep = (): StepInput => ({ title: "", owner: "", startDate: "", dueDate: "", status: "belum", note: "" });
const stepInput = (s: Step): StepInput => ({
  title: s.title,
  owner: s.owner,
  startDate: s.startDate ?? "",
  dueDate: s.dueDate ?? "",
  status: s.status,
  note: s.note,
});

/**
 * The action plan's steps, in order. Keyboard: a row has the focus; Enter edits it,
 * Alt+↑ / Alt+↓ move it, Delete asks to remove it; the form below adds or saves
 * (Ctrl+Enter), Esc leaves an edit.
 */
function StepsSection({ lab, data, reload }: Ctx) {
  const [editing, setEditing] = useState<string | null>(null);
  const [input, setInput] = useState<StepInput>(emptyStep());
  const [resetKey, setResetKey] = useState(0);
  const [asking, setAsking] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const write = useRun();
  const rows = useRef<Record<string, HTMLTableRowElement | null>>({});
  const titleRef = useRef<HTMLDivElement>(null);
  const today = labToday(lab);

  useEffect(() => {
    if (focusId) rows.current[focusId]?.focus();
  }, [focusId, data.steps]);

  const startEdit = (s: Step) => {
    setEditing(s.id);
    setInput(stepInput(s));
    setResetKey((k) => k + 1);
    requestAnimationFrame(() => titleRef.current?.querySelector("input")?.focus());
  };
  const stopEdit = () => {
    const id = editing;
    setEditing(null);
    setInput(emptyStep());
    setResetKey((k) => k + 1);
    if (id) setFocusId(id);
  };
  const submit = () =>
    void write
      .run(() => (editing ? editStep(lab.id, editing, input) : addStep(lab.id, data.ideaId, input)))
      .then((ok) => {
        if (!ok) return;
        if (editing) stopEdit();
        else {
          setInput(emptyStep());
          setResetKey((k) => k + 1);
          requestAnimationFrame(() => titleRef.current?.querySelector("input")?.focus());
        }
        reload();
      });
  const move = (s: Step, by: number) => {
    const to = s.position + by;
    if (to < 1 || to > data.steps.length) return;
    void write.run(() => moveStep(lab.id, s.id, to)).then((ok) => {
      if (ok) {
        setFocusId(s.id);
        reload();
      }
    });
  };
  const onRowKey = (s: Step) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      move(s, e.key === "ArrowUp" ? -1 : 1);
    } else if (!e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const i = data.steps.findIndex((x) => x.id === s.id) + (e.key === "ArrowUp" ? -1 : 1);
      const next = data.steps[i];
      if (next) rows.current[next.id]?.focus();
    } else if (e.key === "Enter") {
      e.preventDefault();
      startEdit(s);
    } else if (e.key === "Delete") {
      e.preventDefault();
      setAsking(s.id);
    }
  };
  const set = (k: keyof StepInput) => (v: string) => setInput((x) => ({ ...x, [k]: v }));

  return (
    <section class="card fu-card" aria-labelledby="fu-steps-title" data-testid="steps">
      <h3 id="fu-steps-title" class="card__title">
        {t("fu.step.heading")}
      </h3>
      <p class="card__note">{t("fu.step.keys")}</p>
      {data.steps.length === 0 ? (
        <p class="card__note">{t("fu.step.none")}</p>
      ) : (
        <table class="fu-table" data-testid="steps-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("fu.step.title")}</th>
              <th scope="col">{t("fu.step.owner")}</th>
              <th scope="col">{t("fu.step.dates")}</th>
              <th scope="col">{t("fu.step.status")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("fu.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.steps.map((s) => {
              const late = s.status !== "selesai" && s.dueDate !== null && s.dueDate < today;
              return (
                <tr
                  key={s.id}
                  ref={(el) => {
                    rows.current[s.id] = el;
                  }}
                  tabIndex={0}
                  class={editing === s.id ? "fu-row is-editing" : late ? "fu-row is-late" : "fu-row"}
                  data-testid="step-row"
                  aria-label={t("fu.step.rowLabel", { n: s.position, title: s.title })}
                  onKeyDown={onRowKey(s)}
                >
                  <td>{s.position}</td>
                  <td>
                    <span class="fu-row__title">{s.title}</span>
                    {s.note && <span class="fu-row__note">{s.note}</span>}
                  </td>
                  <td>{s.owner}</td>
                  <td class="fu-nowrap">
                    {showDate(s.startDate ?? "")} – {showDate(s.dueDate ?? "")}
                    {late && <span class="fu-badge fu-badge--late">{t("fu.late")}</span>}
                  </td>
                  <td>
                    <span class={`fu-status fu-status--${s.status}`}>{t(`fu.status.${s.status}`)}</span>
                  </td>
                  <td class="fu-row__actions">
                    {asking === s.id ? (
                      <span class="confirm" role="group" aria-label={t("fu.step.removeConfirm", { title: s.title })}>
                        <span>{t("fu.step.removeConfirm", { title: s.title })}</span>
                        <button
                          type="button"
                          class="button button--danger button--small"
                          data-testid="step-remove-yes"
                          onClick={() =>
                            void write.run(() => removeStep(lab.id, s.id)).then(() => {
                              setAsking(null);
                              reload();
                            })
                          }
                        >
                          {t("fu.remove")}
                        </button>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          ref={(el) => el?.focus()}
                          onClick={() => {
                            setAsking(null);
                            setFocusId(s.id);
                          }}
                          onKeyDown={(e) => {
                            if (e.key === "Escape") {
                              e.preventDefault();
                              e.stopPropagation();
                              setAsking(null);
                              setFocusId(s.id);
                            }
                          }}
                        >
                          {t("common.cancel")}
                        </button>
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={t("fu.step.up", { title: s.title })}
                          disabled={s.position === 1}
                          tabIndex={-1}
                          onClick={() => move(s, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={t("fu.step.down", { title: s.title })}
                          disabled={s.position === data.steps.length}
                          tabIndex={-1}
                          onClick={() => move(s, 1)}
                        >
                          ↓
                        </button>
                        <button type="button" class="button button--secondary button--small" data-testid="step-edit" tabIndex={-1} onClick={() => startEdit(s)}>
                          {t("fu.edit")}
                        </button>
                        <button
                          type="button"
                          class="button button--danger-quiet button--small"
                          data-testid="step-remove"
                          tabIndex={-1}
                          onClick={() => setAsking(s.id)}
                        >
                          {t("fu.remove")}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ChordForm class="fu-form fu-form--grid" testid="step-form" submit={submit} onEscape={editing ? stopEdit : undefined}>
        <h4 class="fu-subtitle fu-form__wide">{editing ? t("fu.step.editing") : t("fu.step.new")}</h4>
        <div class="fu-form__wide" ref={titleRef}>
          <TextField id="fu-step-title" label={t("fu.step.title")} testid="step-title" value={input.title} onValue={set("title")} problem={null} required />
        </div>
        <TextField id="fu-step-owner" label={t("fu.step.owner")} testid="step-owner" value={input.owner} onValue={set("owner")} problem={null} />
        <SelectField id="fu-step-status" label={t("fu.step.status")} testid="step-status" value={input.status} onValue={set("status")} problem={null}>
          {STEP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`fu.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <DateField id="fu-step-start" label={t("fu.step.start")} testid="step-start" value={input.startDate} onValue={set("startDate")} problem={null} resetKey={resetKey} />
        <DateField id="fu-step-due" label={t("fu.step.due")} testid="step-due" value={input.dueDate} onValue={set("dueDate")} problem={null} resetKey={resetKey} />
        <div class="fu-form__wide">
          <TextField id="fu-step-note" label={t("fu.step.note")} testid="step-note" value={input.note} onValue={set("note")} problem={null} />
        </div>
        <div class="fu-form__actions fu-form__wide">
          <button type="submit" class="button button--primary" data-testid="step-save" disabled={write.busy}>
            {editing ? t("fu.save") : t("fu.step.add")} <kbd class="kbd">Ctrl+Enter</kbd>
          </button>
          {editing && (
            <button type="button" class="button button--secondary" onClick={stopEdit}>
              {t("common.cancel")}
            </button>
          )}
        </div>
      </ChordForm>
      {write.banner}
    </section>
  );
}

/** Planned and actual dates per stage, each row saved on its own. */
function MilestonesSection({ lab, data, options, reload }: Ctx) {
  return (
    <section class="card fu-card" aria-labelledby="fu-ms-title" data-testid="milestones">
      <h3 id="fu-ms-title" class="card__title">
        {t("fu.milestone.title")}
      </h3>
      <p class="card__note">{t("field.dateHint")}</p>
      <ol class="fu-milestones">
        {data.milestones.map((m) => (
          <MilestoneRow key={m.stage} lab={lab} milestone={m} label={stageLabel(options, m.stage)} onSaved={reload} />
        ))}
      </ol>
    </section>
  );
}

function MilestoneRow({ lab, milestone, label, onSaved }: { lab: Lab; milestone: Milestone; label: string; onSaved: () => void }) {
  const [planned, setPlanned] = useState(milestone.plannedDate ?? "");
  const [actual, setActual] = useState(milestone.actualDate ?? "");
  const [resetKey, setResetKey] = useState(0);
  const write = useRun();
  useEffect(() => {
    setPlanned(milestone.plannedDate ?? "");
    setActual(milestone.actualDate ?? "");
    setResetKey((k) => k + 1);
  }, [milestone.plannedDate, milestone.actualDate]);
  const dirty = planned !== (milestone.plannedDate ?? "") || actual !== (milestone.actualDate ?? "");
  const submit = () =>
    void write.run(() => setMilestone(lab.id, milestone.ideaId, milestone.stage, planned, actual)).then((ok) => ok && onSaved());
  const reached = milestone.actualDate !== null;
  return (
    <li class={reached ? "fu-milestone is-reached" : "fu-milestone"} data-testid={`milestone-${milestone.stage}`}>
      <ChordForm class="fu-form fu-form--row" submit={submit}>
        <span class="fu-milestone__stage">{label}</span>
        <DateField id={`fu-ms-${milestone.stage}-planned`} label={t("fu.milestone.planned")} testid="milestone-planned" value={planned} onValue={setPlanned} problem={null} resetKey={resetKey} />
        <DateField id={`fu-ms-${milestone.stage}-actual`} label={t("fu.milestone.actual")} testid="milestone-actual" value={actual} onValue={setActual} problem={null} resetKey={resetKey} />
        <button type="submit" class="button button--secondary button--small" data-testid="milestone-save" disabled={!dirty || write.busy}>
          {t("fu.save")}
        </button>
      </ChordForm>
      {write.banner}
    </li>
  );
}

/** Dated progress updates by the agency, newest first, each with its evidence files. */
function UpdatesSection({ lab, data, agencies, options, reload }: Ctx) {
  const stages = stagesOf(options);
  const blank = () => ({ date: labToday(lab), done: "", stage: stages[0]?.code ?? "", percent: "" });
  const [input, setInput] = useState(blank);
  const [files, setFiles] = useState<File[]>([]);
  const [resetKey, setResetKey] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);
  const write = useRun();
  useEffect(() => {
    if (!input.stage && stages[0]) setInput((x) => ({ ...x, stage: stages[0].code }));
  }, [stages.length]);

  const submit = () =>
    void write
      .run(async () => {
        const percent = Number(input.percent);
        const u = await addProgressUpdate(lab.id, data.ideaId, {
          date: input.date,
          done: input.done,
          stage: input.stage,
          percent: Number.isFinite(percent) ? Math.max(0, Math.round(percent)) : 0,
          agencyId: "",
        });
        setProblems(await uploadAll(lab.id, data.ideaId, u.id, files));
      })
      .then((ok) => {
        if (!ok) return;
        setInput(blank());
        setFiles([]);
        setResetKey((k) => k + 1);
        reload();
      });

  const looseEvidence = data.evidence.filter((e) => e.updateId === null || !data.updates.some((u) => u.id === e.updateId));
  return (
    <section class="card fu-card" aria-labelledby="fu-updates-title" data-testid="updates">
      <h3 id="fu-updates-title" class="card__title">
        {t("fu.update.title")}
      </h3>
      <ChordForm class="fu-form fu-form--grid" testid="update-form" submit={submit}>
        <DateField id="fu-update-date" label={t("fu.update.date")} testid="update-date" value={input.date} onValue={(v) => setInput((x) => ({ ...x, date: v }))} problem={null} resetKey={resetKey} />
        <SelectField id="fu-update-stage" label={t("fu.update.stage")} testid="update-stage" value={input.stage} onValue={(v) => setInput((x) => ({ ...x, stage: v }))} problem={null}>
          {stages.map((s) => (
            <option key={s.code} value={s.code}>
              {stageLabel(options, s.code)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="fu-update-percent"
          label={t("fu.update.percent")}
          testid="update-percent"
          inputMode="numeric"
          value={input.percent}
          onValue={(v) => setInput((x) => ({ ...x, percent: v.replace(/[^0-9]/g, "") }))}
          problem={null}
        />
        <div class="fu-form__wide">
          <TextField id="fu-update-done" label={t("fu.update.done")} testid="update-done" value={input.done} onValue={(v) => setInput((x) => ({ ...x, done: v }))} problem={null} multiline required />
        </div>
        <div class="fu-form__wide">
          <EvidencePicker id="fu-update-files" files={files} onFiles={setFiles} />
        </div>
        <div class="fu-form__actions fu-form__wide">
          <button type="submit" class="button button--primary" data-testid="update-save" disabled={write.busy}>
            {t("fu.update.add")} <kbd class="kbd">Ctrl+Enter</kbd>
          </button>
        </div>
      </ChordForm>
      {write.banner}
      {problems.map((p) => (
        <p key={p} class="field__error" role="alert" data-testid="evidence-problem">
          {p}
        </p>
      ))}
      {data.updates.length === 0 && <p class="card__note">{t("fu.update.none")}</p>}
      <ol class="fu-updates" data-testid="update-list">
        {data.updates.map((u) => (
          <li key={u.id} class="fu-update" data-testid="update-item">
            <div class="fu-update__head">
              <strong>{showDate(u.date)}</strong>
              <span class="fu-badge">{stageLabel(options, u.stage)}</span>
              <span class="fu-percent" aria-label={t("fu.update.percentOf", { n: u.percent })}>
                <span class="fu-percent__bar" style={{ width: `${Math.min(100, u.percent)}%` }} />
                <span class="fu-percent__text">{u.percent}%</span>
              </span>
              {u.agencyId && <span class="fu-muted">{agencyShort(agencies, u.agencyId)}</span>}
              <ConfirmButton
                label={t("fu.remove")}
                ariaLabel={t("fu.update.remove", { date: showDate(u.date) })}
                question={t("fu.update.removeConfirm", { date: showDate(u.date) })}
                confirmLabel={t("fu.remove")}
                testid="update-remove"
                onConfirm={() => removeProgressUpdate(lab.id, u.id).then(reload)}
              />
            </div>
            <p class="fu-update__done">{u.done}</p>
            <EvidenceList labId={lab.id} evidence={data.evidence.filter((e) => e.updateId === u.id)} onChanged={reload} />
            <EvidenceAdder lab={lab} ideaId={data.ideaId} updateId={u.id} onAdded={reload} />
          </li>
        ))}
      </ol>
      <h4 class="fu-subtitle">{t("fu.evidence.ofIdea")}</h4>
      <EvidenceList labId={lab.id} evidence={looseEvidence} onChanged={reload} />
      <EvidenceAdder lab={lab} ideaId={data.ideaId} updateId="" onAdded={reload} />
    </section>
  );
}

/** A compact "add files" for one update (or the idea itself). */
function EvidenceAdder({ lab, ideaId, updateId, onAdded }: { lab: Lab; ideaId: string; updateId: string; onAdded: () => void }) {
  const [problems, setProblems] = useState<string[]>([]);
  const id = `fu-ev-${updateId || "idea"}`;
  return (
    <div class="fu-evidence-adder">
      <FilePicker
        id={id}
        testid={updateId ? "update-evidence-input" : "idea-evidence-input"}
        label={t("fu.evidence.add")}
        onFiles={(files) =>
          void uploadAll(lab.id, ideaId, updateId, files).then((p) => {
            setProblems(p);
            onAdded();
          })
        }
      />
      {problems.map((p) => (
        <p key={p} class="field__error" role="alert" data-testid="evidence-problem">
          {p}
        </p>
      ))}
    </div>
  );
}

/** Coaching notes (pendampingan), shown apart from the agency's own updates. */
function CoachNotesSection({ lab, data, reload }: Ctx) {
  const [date, setDate] = useState(labToday(lab));
  const [coach, setCoach] = useState("");
  const [text, setText] = useState("");
  const [resetKey, setResetKey] = useState(0);
  const write = useRun();
  const submit = () =>
    void write.run(() => addCoachNote(lab.id, data.ideaId, date, coach, text)).then((ok) => {
      if (!ok) return;
      setText("");
      setResetKey((k) => k + 1);
      reload();
    });
  return (
    <section class="card fu-card fu-card--coach" aria-labelledby="fu-notes-title" data-testid="coach-notes">
      <h3 id="fu-notes-title" class="card__title">
        {t("fu.note.title")}
      </h3>
      <p class="card__note">{t("fu.note.intro")}</p>
      <ChordForm class="fu-form fu-form--grid" submit={submit}>
        <DateField id="fu-note-date" label={t("fu.note.date")} testid="note-date" value={date} onValue={setDate} problem={null} resetKey={resetKey} />
        <TextField id="fu-note-coach" label={t("fu.note.coach")} testid="note-coach" value={coach} onValue={setCoach} problem={null} required />
        <div class="fu-form__wide">
          <TextField id="fu-note-text" label={t("fu.note.text")} testid="note-text" value={text} onValue={setText} problem={null} multiline required />
        </div>
        <div class="fu-form__actions fu-form__wide">
          <button type="submit" class="button button--secondary" data-testid="note-save" disabled={write.busy}>
            {t("fu.note.add")}
          </button>
        </div>
      </ChordForm>
      {write.banner}
      <ol class="fu-updates" data-testid="note-list">
        {data.coachNotes.map((n) => (
          <li key={n.id} class="fu-update fu-update--coach" data-testid="note-item">
            <div class="fu-update__head">
              <strong>{showDate(n.date)}</strong>
              <span class="fu-muted">{n.coach}</span>
              <ConfirmButton
                label={t("fu.remove")}
                ariaLabel={t("fu.note.remove", { date: showDate(n.date) })}
                question={t("fu.note.removeConfirm", { date: showDate(n.date) })}
                confirmLabel={t("fu.remove")}
                testid="note-remove"
                onConfirm={() => removeCoachNote(lab.id, n.id).then(reload)}
              />
            </div>
            <p class="fu-update__done">{n.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The idea's history with its follow-up, newest first, folded. */
function HistorySection({ lab, ideaId, version }: { lab: Lab; ideaId: string; version: number }) {
  const [history, setHistory] = useState<Awaited<ReturnType<typeof followupHistory>> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    followupHistory(ideaId).then(
      (h) => live && setHistory([...h].reverse()),
      (reason: unknown) => live && setError(ApiError.from(reason)),
    );
    return () => {
      live = false;
    };
  }, [ideaId, version]);
  return (
    <details class="card fu-card" data-testid="followup-history">
      <summary class="card__title">{t("fu.history.title")}</summary>
      {error && <ErrorBanner error={error} />}
      {history && history.length === 0 && <p class="card__note">{t("details.historyEmpty")}</p>}
      <ol class="history">
        {history?.map((r) => (
          <li key={r.seq} class="history__item">
            <span class="history__what">{describeFollowup(r)}</span>
            <span class="history__meta">
              <time dateTime={r.at}>{formatDateTime(r.at, lab.timeZone)}</time>
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
