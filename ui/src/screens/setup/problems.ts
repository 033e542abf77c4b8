// Plain words for what the backend refuses on the set-up screen: a form field's error, a
// file that cannot be imported, and each problem of an import's rows.
//
// The backend's reasons are English phrases (the code says only "invalid input"), so the
// known phrases are matched here; anything else gets a general sentence, and the English
// detail is always shown under it.

import type { ApiError } from "../../api";
import type { RowProblem } from "../../bindings/RowProblem";
import { IDEA_FIELD_TABLE } from "../../bindings/ideaFieldTable";
import type { FieldProblem } from "../../errors";
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

/** The quoted value in a reason such as `"X" is not one of the lab's options`. */
function quoted(message: string): string {
  const m = /"((?:[^"\\]|\\.)*)"/.exec(message);
  return m ? m[1].replace(/\\(.)/g, "$1") : "";
}

type Rule = [RegExp, (label: string, message: string, m: RegExpExecArray) => string];

/** Known reasons, most specific first. */
const RULES: Rule[] = [
  [/is required/, (label) => t("reason.required", { label })],
  [/characters long/, (label) => t("reason.tooLong", { label })],
  [/control character/, (label) => t("reason.controlChar", { label })],
  [/is not a time/, (label) => t("setup.reason.time", { label })],
  [/ends after it starts/, () => t("setup.reason.endsAfterStart")],
  [/the lab has days 1 to (\d+)/, (label, _, m) => t("setup.reason.dayRange", { label, days: m[1] })],
  [/is not a day number/, (label, message) => t("setup.reason.dayNumber", { label, value: quoted(message) })],
  [/is not a date/, (label) => t("reason.date", { label })],
  [/is no longer offered/, (label) => t("setup.reason.optionRetired", { label })],
  [/is not one of the lab's options/, (label, message) => t("setup.reason.notAnOption", { label, value: quoted(message) })],
  [/no agency of the lab is called/, (_, message) => t("setup.reason.noAgency", { value: quoted(message) })],
  [/already has an idea with this title/, () => t("setup.reason.sameTitle")],
  [/is already on line (\d+) of this file/, (label, message, m) => t("setup.reason.codeRepeated", { label, value: quoted(message), line: m[1] })],
  [/a record with this (\w+) already exists: (.*)$/, (label, _, m) => t("setup.reason.taken", { label, value: m[2] })],
  [/lowercase letters, digits and _/, (label) => t("setup.reason.codeChars", { label })],
  [/participant belongs to an agency/, () => t("setup.reason.personAgency")],
  [/agency of this lab|choose the agency/, () => t("setup.reason.chooseAgency")],
  [/retired from the lab/, () => t("setup.reason.agencyRetired")],
  [/\btags?\b/, (label) => t("setup.reason.tags", { label })],
  [/not UTF-8/, () => t("setup.reason.notUtf8")],
  [/Excel error/, () => t("setup.reason.excelError")],
];

/** A reason in plain words, for the field called `label`. */
export function reasonText(label: string, message: string): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(label, message, m);
  }
  return t("reason.invalid", { label });
}

/** One problem of an import row: the field's label and the sentence. */
export function rowProblemText(labels: Labels, problem: RowProblem): string {
  return reasonText(labelOf(labels, problem.field), problem.message);
}

/** The words for an error at one field of a form. */
export function fieldErrorText(labels: Labels, error: ApiError, field: string): string {
  const label = labelOf(labels, field);
  if (error.code !== "invalid_input" && error.code !== "duplicate") return t("reason.other", { label, text: errorText(error.code) });
  return reasonText(label, error.message);
}

/** The problem to show at `field`, if `error` is about it. */
export function problemAt(labels: Labels, error: ApiError | null, field: string): FieldProblem | null {
  if (!error || error.field !== field) return null;
  return { text: fieldErrorText(labels, error, field), detail: error.message };
}

/** Why a file cannot be imported at all, in plain words. */
export function fileErrorText(error: ApiError): string {
  if (error.code !== "invalid_input" || error.field !== "file") return errorText(error.code);
  const m = error.message;
  if (/has no column/.test(m)) return t("setup.file.noColumn", { column: quoted(m) });
  if (/larger than/.test(m)) return t("setup.file.tooLarge");
  if (/more than \d+ rows/.test(m)) return t("setup.file.tooManyRows");
  if (/choose a \.csv/.test(m)) return t("setup.file.wrongType");
  if (/is empty/.test(m)) return t("setup.file.empty");
  return t("setup.file.unreadable");
}
