// Turns an `ApiError` into words for the person at the laptop: a general text for the
// code, or, when the error names a form field, a sentence about that field.

import type { ApiError } from "./api";
import { catalogues, errorText, formatDateTimeWithYear, t, type MessageKey } from "./i18n";

/** Field names the backend uses, with the label each form shows for them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  agencyId: "field.agencyId",
  title: "field.title",
  proposerName: "field.proposerName",
  proposerPosition: "field.proposerPosition",
  problem: "field.problem",
  description: "field.description",
  name: "field.name",
  organiser: "field.organiser",
  city: "field.city",
  venue: "field.venue",
  startDate: "field.startDate",
  days: "field.days",
  ideaTarget: "field.ideaTarget",
  timeZone: "field.timeZone",
};

/** Reasons that hold for one field only, whatever the English detail says. */
const FIELD_REASONS: Record<string, MessageKey> = {
  agencyId: "reason.agency",
  startDate: "reason.date",
  days: "reason.days",
  ideaTarget: "reason.ideaTarget",
  timeZone: "reason.timeZone",
  weight: "reason.weight",
  rubric: "reason.rubricEmpty",
};

/**
 * The backend's invalid-input reasons are English phrases, not codes; these are the
 * shared text rules (required, length, control characters) and the form's own checks.
 */
const MESSAGE_REASONS: [RegExp, MessageKey][] = [
  [/is required/, "reason.required"],
  [/characters long/, "reason.tooLong"],
  [/control character/, "reason.controlChar"],
  [/whole number/, "reason.wholeNumber"],
];

/** Message sent by the forms' own check for number fields, matched above. */
export const NOT_A_WHOLE_NUMBER = "is not a whole number";

export function fieldLabel(field: string): string {
  const key = FIELD_LABELS[field] ?? (`field.${field}` in catalogues.id ? (`field.${field}` as MessageKey) : null);
  return key ? t(key) : field;
}

/** What to say next to the field an error names. */
export function fieldErrorText(error: ApiError, field: string): string {
  const label = fieldLabel(field);
  if (error.code !== "invalid_input") {
    return t("reason.other", { label, text: errorText(error.code) });
  }
  const byMessage = MESSAGE_REASONS.find(([pattern]) => pattern.test(error.message));
  const reason = byMessage?.[1] ?? FIELD_REASONS[field] ?? "reason.invalid";
  return t(reason, { label });
}

/** An error shown next to a field: the sentence, and the English detail under it. */
export type FieldProblem = { text: string; detail: string };

/** The problem to show at `field`, if `error` is about it. */
export function fieldProblem(error: ApiError | null, field: string): FieldProblem | null {
  if (!error || error.field !== field) return null;
  return { text: fieldErrorText(error, field), detail: error.message };
}

/** The field an error belongs to, if it is one of `fields` (the ones the form shows). */
export function errorField(error: ApiError | null, fields: readonly string[]): string | null {
  return error?.field && fields.includes(error.field) ? error.field : null;
}

/** The last six characters of an installation id: enough to tell laptops apart. */
export const laptopLabel = (id: string) => id.split("-").slice(-1)[0]?.slice(-6) ?? id;

/**
 * A bundle refused because a laptop's clock is too far ahead (`store/merge.rs`, "Clocks
 * from the future"): the laptop that wrote the clock, the time it claims, and the laptop
 * that exported the bundle when that is another one.
 */
const CLOCK_AHEAD =
  /the clock of laptop ([\w-]+) is ahead: it claims (\S+?), .*?(?:\(the bundle was exported by laptop ([\w-]+),|$)/;

/**
 * What to say when a bundle cannot be imported: a refusal the backend explains (a clock
 * too far ahead) in plain words with the laptop and its time in `timeZone`; anything else
 * as its code's general text.
 */
export function bundleErrorText(error: ApiError, timeZone: string): string {
  const m = error.code === "bad_file" ? CLOCK_AHEAD.exec(error.message) : null;
  if (!m) return errorText(error.code);
  const laptop = laptopLabel(m[1]);
  const at = Number.isNaN(Date.parse(m[2])) ? m[2] : formatDateTimeWithYear(m[2], timeZone);
  const what = t(m[3] ? "import.clockAheadOther" : "import.clockAhead", { laptop, at });
  return `${what} ${t("import.clockAheadFix", { laptop })}`;
}
