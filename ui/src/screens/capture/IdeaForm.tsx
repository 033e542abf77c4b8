import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, addIdea, updateIdea } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/Field";
import { Kbd } from "../../components/Kbd";
import { errorField, fieldProblem } from "../../errors";
import { formatDateTime, t } from "../../i18n";
import { SHORTCUTS, isSaveChord } from "../../shortcuts";
import { AgencyPicker } from "./AgencyPicker";
import { IDEA_FIELDS, type IdeaField, changedFields } from "../../ideaFields";
import type { Draft } from "./draft";

type Props = {
  lab: Lab;
  agencies: readonly Agency[];
  draft: Draft;
  pickerRef: RefObject<HTMLInputElement | null>;
  /** Called with the idea as stored, after a new idea or an edit is saved. */
  onSaved: (idea: Idea) => void;
};

type Status = { key: "capture.saved" | "capture.updated" | "capture.noChanges"; title: string };

type TextFieldName = "title" | "proposerName" | "proposerPosition" | "problem" | "description";

const TEST_IDS: Record<TextFieldName, string> = {
  title: "idea-title",
  proposerName: "idea-proposer-name",
  proposerPosition: "idea-proposer-position",
  problem: "idea-problem",
  description: "idea-description",
};

const inputId = (field: IdeaField) => `idea-${field}`;

/**
 * The capture form. Ctrl+Enter saves from any field and plain Enter never does, so a
 * half-typed idea is not saved by reflex. A failed save keeps everything typed.
 */
export function IdeaForm({ lab, agencies, draft, pickerRef, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  const savingNow = useRef(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const { values, editing } = draft;
  const problemAt = (field: IdeaField) => fieldProblem(error, field);
  const bannerError = error && !errorField(error, IDEA_FIELDS) ? error : null;

  // Starting over (a new idea, another idea to edit) drops the previous error.
  useEffect(() => setError(null), [draft.generation]);

  // Take the keyboard to the field an error is about.
  useEffect(() => {
    const field = errorField(error, IDEA_FIELDS);
    if (field) document.getElementById(inputId(field as IdeaField))?.focus();
  }, [error]);

  const save = async () => {
    if (savingNow.current) return;
    const patch = editing ? changedFields(editing, values) : null;
    if (editing && patch && Object.keys(patch).length === 0) {
      setStatus({ key: "capture.noChanges", title: "" });
      draft.leaveEdit();
      return;
    }
    savingNow.current = true;
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      if (editing && patch) {
        const idea = await updateIdea(editing.id, patch);
        draft.leaveEdit();
        setStatus({ key: "capture.updated", title: idea.title });
        onSaved(idea);
      } else {
        const idea = await addIdea(lab.id, values);
        draft.clear();
        setStatus({ key: "capture.saved", title: idea.title });
        onSaved(idea);
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
    } else if (e.key === "Escape" && editing) {
      e.preventDefault();
      draft.leaveEdit();
    } else if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
      e.preventDefault();
    }
  };

  const text = (field: TextFieldName, options: { multiline?: boolean; required?: boolean } = {}) => (
    <TextField
      id={inputId(field)}
      label={t(`field.${field}`)}
      testid={TEST_IDS[field]}
      value={values[field]}
      onValue={(value) => draft.set(field, value)}
      problem={problemAt(field)}
      {...options}
    />
  );

  return (
    <form
      class="card idea-form"
      noValidate
      aria-labelledby="idea-form-title"
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
          <p class="card__note">
            {t("capture.editNote", { time: formatDateTime(editing.createdAt, lab.timeZone) })}
          </p>
        )}
      </div>
      <p class="save-status" role="status" aria-live="polite" data-testid="save-status">
        {status && t(status.key, { title: status.title })}
      </p>
      {bannerError && <ErrorBanner error={bannerError} />}
      <AgencyPicker
        resetKey={draft.generation}
        id={inputId("agencyId")}
        agencies={agencies}
        value={values.agencyId}
        onChange={(agencyId) => draft.set("agencyId", agencyId)}
        problem={problemAt("agencyId")}
        inputRef={pickerRef}
      />
      {text("title", { required: true })}
      <div class="field-row">
        {text("proposerName")}
        {text("proposerPosition")}
      </div>
      {text("problem", { multiline: true })}
      {text("description", { multiline: true })}
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
        <p class="form-actions__hint">{t("capture.saveHint")}</p>
      </div>
    </form>
  );
}
