import { useEffect, useState } from "preact/hooks";
import { ApiError, createLab, openLab } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { NewLab } from "../../bindings/NewLab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/Field";
import { NOT_A_WHOLE_NUMBER, errorField, fieldProblem } from "../../errors";
import { t } from "../../i18n";

type Props = {
  onOpen: (lab: Lab) => void;
  /** Shows a cancel button that calls this. */
  onCancel?: () => void;
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
    if (!/^\d{1,9}$/.test(text)) return new ApiError("invalid_input", `${field} ${NOT_A_WHOLE_NUMBER}`, field);
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

/** The form for a new lab; the lab opens as soon as it is created. */
export function NewLabForm({ onOpen, onCancel }: Props) {
  const [values, setValues] = useState<Values>({
    name: "",
    organiser: "",
    city: "",
    venue: "",
    startDate: today(),
    days: "3",
    ideaTarget: "50",
  });
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
    try {
      const lab = await createLab(input);
      onOpen(await openLab(lab.id));
    } catch (reason) {
      setError(ApiError.from(reason));
      setBusy(false);
    }
  };

  const field = (name: keyof Values, options: { hint?: string; required?: boolean; inputMode?: "numeric" } = {}) => (
    <TextField
      id={`lab-${name}`}
      label={t(`field.${name}`)}
      testid={`new-lab-${name}`}
      value={values[name]}
      onValue={(value) => setValues((v) => ({ ...v, [name]: value }))}
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
          {t("newLab.title")}
        </h2>
        <p class="card__note">{t("newLab.intro")}</p>
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
        <button type="submit" class="button button--primary" data-testid="new-lab-submit" disabled={busy}>
          {busy ? t("newLab.submitting") : t("newLab.submit")}
        </button>
        {onCancel && (
          <button type="button" class="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
