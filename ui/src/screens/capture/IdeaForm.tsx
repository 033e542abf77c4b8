import { Fragment, type RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, addAttachment, addIdea, updateIdea } from "../../api";
import { measureSince, now } from "../../perf";
import type { Agency } from "../../bindings/Agency";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import type { SimilarIdea } from "../../bindings/SimilarIdea";
import { CheckGroup, DateField, SelectField, TagsField, offered } from "../../components/Choice";
import { ErrorBanner } from "../../components/ErrorBanner";
import { FieldShell, TextField } from "../../components/Field";
import { Kbd } from "../../components/Kbd";
import { errorField, fieldProblem } from "../../errors";
import type { FormSection } from "../../bindings/FormSection";
import {
  IDEA_FIELDS,
  IDEA_FIELD_TABLE,
  type IdeaField,
  type IdeaFieldDef,
  changedFields,
  emptyIdeaInput,
} from "../../ideaFields";
import { type MessageKey, formatDateTime, t } from "../../i18n";
import { SHORTCUTS, isSaveChord } from "../../shortcuts";
import { AgencyPicker } from "./AgencyPicker";
import type { DraftForm } from "./draft";
import { Photos } from "./Photos";
import { SimilarHint } from "./SimilarHint";

type Props = {
  lab: Lab;
  agencies: readonly Agency[];
  options: readonly OptionItem[];
  draft: DraftForm;
  pickerRef: RefObject<HTMLInputElement | null>;
  /** Called with the idea as stored, after a new idea or an edit is saved. */
  onSaved: (idea: Idea) => void;
  /** Opens an existing idea (from the duplicate hint). */
  onOpenIdea: (ideaId: string) => void;
  /** While an idea is edited: merges a similar idea into it. */
  onMergeHere: (similar: SimilarIdea) => void;
};

type Status = { key: MessageKey; params?: Record<string, string> };

/** The core fields keep the test ids the end-to-end tests and the guide use. */
const TEST_IDS: Partial<Record<IdeaField, string>> = {
  proposerName: "idea-proposer-name",
  proposerPosition: "idea-proposer-position",
  rancangBangun: "idea-rancang-bangun",
  trialDate: "idea-trial-date",
  rolloutDate: "idea-rollout-date",
  urusanLain: "idea-urusan-lain",
  benefitTypes: "idea-benefit-types",
};
export const testId = (field: IdeaField) => TEST_IDS[field] ?? `idea-${field}`;
const inputId = (field: IdeaField) => `idea-${field}`;

/** Check groups drawn in more columns (long lists). */
const TALL: ReadonlySet<IdeaField> = new Set(["urusanLain"]);

const inSection = (section: FormSection) => IDEA_FIELD_TABLE.filter((f) => f.section === section);

/** Fields inside the "regional innovation form" disclosure. */
const FORM_FIELDS: readonly IdeaField[] = [...inSection("form"), ...inSection("benefit")].map((f) => f.key);

/** Short optional fields sit two to a row; the others take the whole width. */
const isShort = (f: IdeaFieldDef) => !f.required && ["line", "code", "date", "day"].includes(f.kind);
function rows(fields: readonly IdeaFieldDef[]): IdeaFieldDef[][] {
  const out: IdeaFieldDef[][] = [];
  for (const f of fields) {
    const last = out[out.length - 1];
    if (isShort(f) && last?.length === 1 && isShort(last[0])) last.push(f);
    else out.push([f]);
  }
  return out;
}

/**
 * The capture form. Ctrl+Enter saves from any field and plain Enter never does, so a
 * half-typed idea is not saved by reflex. Everything typed is a draft in the database
 * within a quarter second; Esc puts the form aside without losing it; a failed save keeps
 * everything typed.
 */
export function IdeaForm({ lab, agencies, options, draft, pickerRef, onSaved, onOpenIdea, onMergeHere }: Props) {
  const [saving, setSaving] = useState(false);
  const savingNow = useRef(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [pending, setPending] = useState<File[]>([]);
  const { values, editing } = draft;
  const empty = emptyIdeaInput();
  const filledMore = FORM_FIELDS.some((f) => JSON.stringify(values[f]) !== JSON.stringify(empty[f]));
  const [moreOpen, setMoreOpen] = useState(false);
  const problemAt = (field: IdeaField) => fieldProblem(error, field);
  const bannerError = error && !errorField(error, IDEA_FIELDS) ? error : null;

  // Starting over (a new idea, another idea to edit, a draft) drops the previous error
  // and the photos waiting for the previous new idea, and opens the long form if it holds
  // anything.
  const shownGeneration = useRef(draft.generation);
  useEffect(() => {
    if (shownGeneration.current === draft.generation) return;
    shownGeneration.current = draft.generation;
    setError(null);
    setPending([]);
    setMoreOpen(filledMore);
  }, [draft.generation]);

  // Opening an idea to edit starts a new conversation: the last "saved" note goes.
  useEffect(() => {
    if (editing) setStatus(null);
  }, [editing?.id]);

  // Take the keyboard to the field an error is about (opening the long form if needed).
  useEffect(() => {
    const field = errorField(error, IDEA_FIELDS) as IdeaField | null;
    if (!field) return;
    if (FORM_FIELDS.includes(field)) setMoreOpen(true);
    setTimeout(() => {
      const el = document.getElementById(inputId(field)) ?? document.getElementById(`${inputId(field)}-first`);
      el?.focus();
    });
  }, [error]);

  const save = async () => {
    if (savingNow.current) return;
    const patch = editing ? changedFields(draft.base, values) : null;
    if (editing && patch && Object.keys(patch).length === 0) {
      setStatus({ key: "capture.noChanges" });
      draft.leaveEdit();
      return;
    }
    savingNow.current = true;
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const started = now();
      const idea = await draft.commit((draftId) =>
        editing && patch ? updateIdea(editing.id, patch, draftId) : addIdea(lab.id, values, draftId),
      );
      // The save's round trip as the facilitator waits for it (read by make bench).
      measureSince("labinov:capture-save", started);
      const photos = editing ? [] : pending;
      draft.done();
      setStatus({ key: editing ? "capture.updated" : "capture.saved", params: { title: idea.title } });
      onSaved(idea);
      for (const file of photos) {
        try {
          await addAttachment(lab.id, idea.id, file.name, await file.arrayBuffer());
        } catch (reason) {
          setError(ApiError.from(reason));
          setStatus({ key: "photos.failed", params: { name: file.name } });
        }
      }
    } catch (reason) {
      setError(ApiError.from(reason));
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (isSaveChord(e)) {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      if (editing) draft.leaveEdit();
      else if (draft.dirty) {
        draft.setAside();
        setStatus({ key: "draft.setAside" });
      }
    } else if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type !== "checkbox") {
      e.preventDefault();
    }
  };

  const days = Array.from({ length: Math.max(1, lab.days) }, (_, i) => i + 1);

  /** One field, drawn by its kind in the core's field table. */
  const field = (f: IdeaFieldDef) => {
    const key = f.key;
    const label = t(f.label as MessageKey);
    switch (f.kind) {
      case "agency":
        return (
          <AgencyPicker
            resetKey={draft.generation}
            id={inputId(key)}
            agencies={agencies.filter((a) => !a.retiredAt || a.id === values.agencyId)}
            value={values.agencyId}
            onChange={(agencyId) => draft.set(key, agencyId)}
            problem={problemAt(key)}
            inputRef={pickerRef}
          />
        );
      case "line":
      case "text":
        return (
          <TextField
            id={inputId(key)}
            label={label}
            testid={testId(key)}
            value={values[key] as string}
            onValue={(value) => draft.set(key, value)}
            problem={problemAt(key)}
            multiline={f.kind === "text"}
            required={f.required}
            hint={f.hint ? t(f.hint as MessageKey) : undefined}
          />
        );
      case "code":
        return (
          <SelectField
            id={inputId(key)}
            label={label}
            testid={testId(key)}
            options={offered(options, f.list ?? "", [values[key] as string])}
            value={values[key] as string}
            onValue={(code) => draft.set(key, code)}
            problem={problemAt(key)}
          />
        );
      case "codes":
        return (
          <CheckGroup
            id={inputId(key)}
            label={label}
            testid={testId(key)}
            options={offered(options, f.list ?? "", values[key] as string[])}
            value={values[key] as string[]}
            onValue={(codes) => draft.set(key, codes)}
            problem={problemAt(key)}
            tall={TALL.has(key)}
          />
        );
      case "date":
        return (
          <DateField
            id={inputId(key)}
            label={label}
            testid={testId(key)}
            value={values[key] as string}
            onValue={(v) => draft.set(key, v)}
            problem={problemAt(key)}
            resetKey={draft.generation}
          />
        );
      case "day":
        return (
          <FieldShell id={inputId(key)} label={label} problem={problemAt(key)}>
            <select
              id={inputId(key)}
              class="input select"
              data-testid={`idea-${key}`}
              value={values[key] === null ? "" : String(values[key])}
              onChange={(e) => draft.set(key, e.currentTarget.value ? Number(e.currentTarget.value) : null)}
            >
              <option value="">{t("field.none")}</option>
              {days.map((d) => (
                <option key={d} value={String(d)}>
                  {t("field.dayN", { day: d })}
                </option>
              ))}
            </select>
          </FieldShell>
        );
      case "tags":
        return (
          <TagsField
            id={inputId(key)}
            testid={testId(key)}
            value={values[key] as string[]}
            onValue={(tags) => draft.set(key, tags)}
            problem={problemAt(key)}
            resetKey={draft.generation}
          />
        );
    }
  };
  /** A section's fields in table order, short ones paired; the duplicate hint under the title. */
  const section = (name: FormSection) =>
    rows(inSection(name)).map((row) => (
      <Fragment key={row[0].key}>
        {row.length === 2 ? (
          <div class="field-row">
            {field(row[0])}
            {field(row[1])}
          </div>
        ) : (
          field(row[0])
        )}
        {row[0].key === "title" && (
          <SimilarHint
            labId={lab.id}
            text={values.title}
            editingId={editing?.id ?? null}
            onOpen={onOpenIdea}
            onMergeHere={editing ? onMergeHere : undefined}
          />
        )}
      </Fragment>
    ));

  return (
    <form
      class="card idea-form"
      noValidate
      aria-labelledby="idea-form-title"
      data-testid="idea-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={onKeyDown}
    >
      <div class="card__head">
        <h2 id="idea-form-title" class="card__title">
          {editing ? t("capture.editTitle") : t("capture.newTitle")}
        </h2>
        {editing && (
          <p class="card__note">{t("capture.editNote", { time: formatDateTime(editing.createdAt, lab.timeZone) })}</p>
        )}
      </div>
      {bannerError && <ErrorBanner error={bannerError} />}
      {section("main")}

      <details
        class="more"
        open={moreOpen}
        onToggle={(e) => setMoreOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary class="more__summary" data-testid="more-fields">
          <span class="more__title">{t("form.sectionForm")}</span>
          <span class="more__hint">{t("form.sectionFormHint")}</span>
        </summary>
        {section("form")}
        <h3 class="form-section">{t("form.sectionBenefit")}</h3>
        {section("benefit")}
      </details>

      <h3 class="form-section">{t("form.sectionPhotos")}</h3>
      <Photos labId={lab.id} ideaId={editing?.id ?? null} pending={pending} onPending={setPending} />

      <div class="form-actions">
        <button
          type="submit"
          class="button button--primary button--large"
          data-testid="save-idea"
          disabled={saving}
          aria-keyshortcuts={SHORTCUTS.save.aria}
        >
          {saving ? t("capture.saving") : editing ? t("capture.saveChanges") : t("capture.save")}
          <Kbd shortcut={SHORTCUTS.save} />
        </button>
        {editing && (
          <button
            type="button"
            class="button button--secondary"
            aria-keyshortcuts={SHORTCUTS.cancel.aria}
            onClick={draft.leaveEdit}
          >
            {t("common.cancel")}
            <Kbd shortcut={SHORTCUTS.cancel} />
          </button>
        )}
        <p class="save-status" role="status" aria-live="polite" data-testid="save-status">
          {status && t(status.key, status.params)}
        </p>
        {!status && <p class="form-actions__hint">{t("capture.saveHint")}</p>}
      </div>
      <p class={`draft-status draft-status--${draft.status}`} data-testid="draft-status" aria-live="off">
        {draft.status === "pending" && t("draft.pending")}
        {draft.status === "saved" && t("draft.saved")}
      </p>
      {draft.status === "failed" && (
        <p class="field__error" role="alert" data-testid="draft-failed">
          {t("draft.failed")}
        </p>
      )}
    </form>
  );
}
