// What the follow-up screens (and the projector's plan view) share: the lab's day, stage
// and agency names, the words for a refusal. Reads no command: the projector imports it.

import type { ApiError } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import type { StepStatus } from "../../bindings/StepStatus";
import { optionLabel } from "../../components/Choice";
import { reasonText, fieldLabel } from "../../errors";
import { errorText, t, type MessageKey } from "../../i18n";
import { localParts } from "../../labClock";

export const STEP_STATUSES: readonly StepStatus[] = ["belum", "berjalan", "selesai", "tertunda"];

/** Today in the lab's time zone (`YYYY-MM-DD`): what "overdue" is measured against. */
export function labToday(lab: Lab, now: Date = new Date()): string {
  return localParts(now, lab.timeZone).date;
}

/** The label of a stage (a `tahapan` code) in the current language; the code when unknown. */
export function stageLabel(options: readonly OptionItem[] | null, code: string): string {
  const o = options?.find((x) => x.list === "tahapan" && x.code === code);
  return o ? optionLabel(o) : code;
}

/** The lab's stages in their order. */
export function stagesOf(options: readonly OptionItem[] | null): OptionItem[] {
  return (options ?? []).filter((o) => o.list === "tahapan").sort((a, b) => a.position - b.position);
}

/** An agency's short name (its code when it has none); the id when unknown. */
export function agencyShort(agencies: readonly Agency[] | null, id: string | null): string {
  const a = agencies?.find((x) => x.id === id);
  return a ? a.shortName || a.code : (id ?? "");
}

export function agencyName(agencies: readonly Agency[] | null, id: string | null): string {
  return agencies?.find((x) => x.id === id)?.name ?? (id ?? "");
}

/** The follow-up's own field names (as the backend names them in a refusal). */
const FIELDS: Record<string, MessageKey> = {
  title: "fu.step.title",
  owner: "fu.step.owner",
  startDate: "fu.step.start",
  dueDate: "fu.step.due",
  status: "fu.step.status",
  note: "fu.step.note",
  plannedDate: "fu.milestone.planned",
  actualDate: "fu.milestone.actual",
  date: "fu.update.date",
  done: "fu.update.done",
  stage: "fu.update.stage",
  percent: "fu.update.percent",
  coach: "fu.note.coach",
  text: "fu.note.text",
  role: "fu.partner.role",
  agencyId: "fu.plan.lead",
  responsible: "fu.plan.responsible",
  file: "fu.evidence.file",
  fileName: "fu.evidence.file",
  indicator: "fu.iid.indicator",
  parameter: "fu.iid.parameter",
  evidence: "fu.iid.evidence",
  today: "fu.board.today",
  to: "fu.wb.folder",
};

export function followupFieldLabel(field: string): string {
  const key = FIELDS[field];
  return key ? t(key) : fieldLabel(field);
}

/** A refusal in words: why, at which field, when the backend says; else the code's text. */
export function followupErrorText(error: ApiError): string {
  if (error.reason) return reasonText(error.reason, followupFieldLabel(error.field ?? ""));
  return errorText(error.code);
}
