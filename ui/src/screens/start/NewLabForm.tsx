import { useEffect, useState } from "preact/hooks";
import { ApiError, createLab, openLab, updateLab } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { NewLab } from "../../bindings/NewLab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/Field";
import { errorField, fieldProblem } from "../../errors";
import { t } from "../../i18n";

type Props = {
  /** Called with the lab as stored: created (and opened), or edited. */
  onOpen: (lab: Lab) => void;
  /** Shows a cancel button that calls this. */
  onCancel?: () => void;
  /** The lab to edit; without it the form creates a new lab. */
  lab?: Lab;
};

type Values = Record<"name" | "organiser" | "city" | "venue" | "startDate" | "days" | "ideaTarget", string>;

const FIELDS = ["name", "organiser", "city", "venue", "startDate", "days", "ideaTarget"] as const;

/** Today's date in Indonesia's western time zone, where most labs run. */
function today(): string {
  const parts = new Intl.DateTimeFormat("en", {
    timeZone: "Asia/Jakarta",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The values as `NewLab`, or the error for the first number field that is not a whole number. */
function toNewLab(v: Values): NewLab | ApiError {
  const numbers = { days: v.days.trim(), ideaTarget: v.ideaTarget.trim() };
  for (const [field, text] of Object.entries(numbers)) {
    if (!/^\d{1,9}$/.test(text)) {
      return new ApiError("invalid_input", `${field}: ${JSON.stringify(text)} is not a whole number`, field, {
        kind: "notAWholeNumber",
        value: text,
      });
    }
  }
  return {
    name: v.name,
    organiser: v.organiser,
    city: v.city,
    venue: v.venue,
    startDate: v.startDate,
    days: Number(numbers.days),
    ideaTarget: Number(numbers.ideaTarget),
  };
}

const valuesOf = (lab: Lab): Values => ({
  name: lab.name,
  organiser: lab.organiser,
  city: lab.city,
  venue: lab.venue,
  startDate: lab.startDate,
  days: String(lab.days),
  ideaTarget: String(lab.ideaTarget),
});

/**
 * The lab's details. Without `lab`, a new lab, opened as soon as it is created; with it,
 * an edit of that lab's details.
 */
export function NewLabForm({ onOpen, onCancel, lab }: Props) {
  const [values, setValues] = useState<Values>(
    lab
      ? valuesOf(lab)
      : { name: "", organiser: "", city: "", venue: "", startDate: today(), days: "3", ideaTarget: "50" },
  );
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // Take the keyboard to the field an error is about.
  useEffect(() => {
    const name = errorField(error, FIELDS);
    if (name) document.getElementById(`lab-${name}`)?.focus();
  }, [error]);

  const submit = async () => {
    const input = toNewLab(values);
    if (input instanceof ApiError) {
      setError(input);
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      if (lab) {
        const stored = await updateLab(lab.id, input);
        setValues(valuesOf(stored));
        setSaved(true);
        setBusy(false);
        onOpen(stored);
      } else {
        const created = await createLab(input);
        onOpen(await openLab(created.id));
      }
    } catch (reason) {
      setError(ApiError.from(reason));
      setBusy(false);
    }
  };

  const field = (name: keyof Values, options: { hint?: string; required?: boolean; inputMode?: "numeric" } = {}) => (
    <TextField
      id={`lab-${name}`}
      label={t(`field.${name}`)}
      testid={lab ? `lab-${name}` : `new-lab-${name}`}
      value={values[name]}
      onValue={(value) => {
        setSaved(false);
        setValues((v) => ({ ...v, [name]: value }));
      }}
      problem={fieldProblem(error, name)}
      {...options}
    />
  );

  return (
    <form
      class="card new-lab"
      noValidate
      aria-labelledby="new-lab-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <div class="card__head">
        <h2 id="new-lab-title" class="card__title">
          {lab ? t("labForm.title") : t("newLab.title")}
        </h2>
        <p class="card__note">{lab ? t("labForm.intro") : t("newLab.intro")}</p>
      </div>
      {error && !errorField(error, FIELDS) && <ErrorBanner error={error} />}
      {field("name", { required: true })}
      {field("organiser", { hint: t("newLab.organiserHint") })}
      <div class="field-row">
        {field("city")}
        {field("venue")}
      </div>
      <div class="field-row field-row--three">
        {field("startDate", { hint: t("newLab.dateHint") })}
        {field("days", { inputMode: "numeric" })}
        {field("ideaTarget", { inputMode: "numeric" })}
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button--primary"
          data-testid={lab ? "lab-submit" : "new-lab-submit"}
          disabled={busy}
        >
          {lab ? t("labForm.submit") : busy ? t("newLab.submitting") : t("newLab.submit")}
        </button>
        <p class="save-status" role="status" aria-live="polite" data-testid="lab-status">
          {saved && t("labForm.saved")}
        </p>
        {onCancel && (
          <button type="button" class="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
