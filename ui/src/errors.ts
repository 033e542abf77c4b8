// Turns an `ApiError` into words for the person at the laptop: a general text for the
// code, or, when the backend says why it refused a value (its typed `reason`), a sentence
// about that field from the catalogue.

import type { ApiError } from "./api";
import type { Reason } from "./bindings/Reason";
import { catalogues, errorText, formatDateTimeWithYear, formatNumber, t, type MessageKey, type Params } from "./i18n";

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

/** A size in bytes as people say it: "20 MB", "2 GB". */
function formatBytes(bytes: number): string {
  const gb = bytes / 2 ** 30;
  if (gb >= 1) return `${formatNumber(Math.round(gb * 10) / 10)} GB`;
  return `${formatNumber(Math.round((bytes / 2 ** 20) * 10) / 10)} MB`;
}

/** A reason's parameters as its catalogue text uses them, with the field's `label`. */
function reasonParams(reason: Reason, label: string, timeZone: string | undefined): Params {
  const params: Params = { label };
  for (const [name, value] of Object.entries(reason)) {
    if (name === "kind" || value === null) continue;
    if (name === "codePoint" && typeof value === "number") {
      params[name] = `U+${value.toString(16).toUpperCase().padStart(4, "0")}`;
    } else if (name.endsWith("Bytes") && typeof value === "number") {
      params[name] = formatBytes(value);
    } else if (typeof value === "number") {
      params[name] = formatNumber(value);
    } else if (typeof value === "string") {
      params[name] = value;
    } else if (Array.isArray(value)) {
      params[name] = value.join(", ");
    } else {
      params[name] = reasonText(value as Reason, label, timeZone);
    }
  }
  if (reason.kind === "clockAhead") {
    params.laptop = laptopLabel(reason.laptop);
    params.claims = timeZone && !Number.isNaN(Date.parse(reason.claims)) ? formatDateTimeWithYear(reason.claims, timeZone) : reason.claims;
  }
  return params;
}

/**
 * Why the backend refused a value, in the current language: the catalogue's text for the
 * reason's `kind` (`reason.<kind>`), filled with its parameters and the field's `label`.
 * Times (a clock too far ahead) are shown in `timeZone` when given.
 */
export function reasonText(reason: Reason, label: string, timeZone?: string): string {
  return t(`reason.${reason.kind}`, reasonParams(reason, label, timeZone));
}

export function fieldLabel(field: string): string {
  const key = FIELD_LABELS[field] ?? (`field.${field}` in catalogues.id ? (`field.${field}` as MessageKey) : null);
  return key ? t(key) : field;
}

/** What to say next to the field an error names. */
export function fieldErrorText(error: ApiError, field: string): string {
  const label = fieldLabel(field);
  if (error.reason) return reasonText(error.reason, label);
  return t("reason.other", { label, text: errorText(error.code) });
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
 * What to say when a bundle cannot be imported: a clock too far ahead in plain words, with
 * the laptop, its time in `timeZone` and what to do; any other refusal by its reason;
 * anything else as its code's general text.
 */
export function bundleErrorText(error: ApiError, timeZone: string): string {
  const reason = error.reason;
  if (reason?.kind === "clockAhead") {
    const laptop = laptopLabel(reason.laptop);
    const at = Number.isNaN(Date.parse(reason.claims)) ? reason.claims : formatDateTimeWithYear(reason.claims, timeZone);
    const what = t(reason.exportedBy ? "import.clockAheadOther" : "import.clockAhead", { laptop, at });
    return `${what} ${t("import.clockAheadFix", { laptop })}`;
  }
  if (reason && error.code === "bad_file") return reasonText(reason, t("setup.import.file"), timeZone);
  return errorText(error.code);
}
