// Plain words for what the backend refuses on the set-up screen: a form field's error, a
// file that cannot be imported, and each problem of an import's rows.
//
// The backend says why it refused a value with a typed reason (`Reason`); its words come
// from the catalogue (`reason.<kind>`), and the English detail is shown under them.

import type { ApiError } from "../../api";
import type { RowProblem } from "../../bindings/RowProblem";
import { IDEA_FIELD_TABLE } from "../../bindings/ideaFieldTable";
import { type FieldProblem, reasonText } from "../../errors";
import { type MessageKey, errorText, getLocale, t } from "../../i18n";

/** What each form calls its fields: backend field name → label key. */
export type Labels = Readonly<Record<string, MessageKey>>;

export const AGENCY_LABELS: Labels = {
  code: "setup.agency.code",
  name: "setup.agency.name",
  shortName: "setup.agency.shortName",
  group: "setup.agency.group",
  row: "setup.import.row",
};

/** An idea's fields by the capture form's labels (the core's field table). */
export const IDEA_LABELS: Labels = {
  ...Object.fromEntries(IDEA_FIELD_TABLE.map((f) => [f.key, f.label as MessageKey])),
  row: "setup.import.row",
};

/** The idea import's optional columns, by their exported headers in the current language. */
export function importHeaders(): string {
  const lang = getLocale();
  return IDEA_FIELD_TABLE.filter((f) => !f.required)
    .map((f) => f.header[lang].toLowerCase())
    .join(", ");
}

export const SESSION_LABELS: Labels = {
  day: "setup.session.day",
  startsAt: "setup.session.startsAt",
  endsAt: "setup.session.endsAt",
  title: "setup.session.title",
  stage: "setup.list.stage",
};

export const PERSON_LABELS: Labels = {
  name: "setup.person.name",
  position: "setup.person.position",
  role: "setup.person.role",
  agencyId: "setup.person.agency",
};

export const OPTION_LABELS: Labels = {
  code: "setup.option.code",
  labelId: "setup.option.labelId",
  labelEn: "setup.option.labelEn",
};

export function labelOf(labels: Labels, field: string): string {
  const key = labels[field];
  return key ? t(key) : field;
}

/** One problem of an import row: the sentence for its reason, with the field's label. */
export function rowProblemText(labels: Labels, problem: RowProblem): string {
  return reasonText(problem.reason, labelOf(labels, problem.field));
}

/** The words for an error at one field of a form. */
export function fieldErrorText(labels: Labels, error: ApiError, field: string): string {
  const label = labelOf(labels, field);
  if (error.reason) return reasonText(error.reason, label);
  return t("reason.other", { label, text: errorText(error.code) });
}

/** The problem to show at `field`, if `error` is about it. */
export function problemAt(labels: Labels, error: ApiError | null, field: string): FieldProblem | null {
  if (!error || error.field !== field) return null;
  return { text: fieldErrorText(labels, error, field), detail: error.message };
}

/** Why a file cannot be imported at all, in plain words. */
export function fileErrorText(error: ApiError): string {
  return error.reason ? reasonText(error.reason, t("setup.import.file")) : errorText(error.code);
}
