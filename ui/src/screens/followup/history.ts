// An idea's follow-up history in plain words.

import type { ChangeRecord } from "../../bindings/ChangeRecord";
import { t, type MessageKey } from "../../i18n";
import { describeChange } from "../capture/IdeaDetails";
import { followupFieldLabel } from "./shared";

const ENTITY_TEXT: Record<string, MessageKey> = {
  followup_plan: "fu.history.plan",
  followup_partner: "fu.history.partner",
  followup_step: "fu.history.step",
  followup_milestone: "fu.history.milestone",
  followup_update: "fu.history.update",
  followup_coach_note: "fu.history.note",
  followup_evidence: "fu.history.evidence",
  followup_iid_answer: "fu.history.iid",
};

/** One entry of an idea's follow-up history, in plain words. */
export function describeFollowup(r: ChangeRecord): string {
  const changes = r.changes;
  const followup = changes.followup?.new as Record<string, unknown> | undefined;
  if (followup) {
    if ("evidence" in followup) {
      const e = followup.evidence as { fileName?: string };
      return t("fu.history.evidenceAdded", { name: e.fileName ?? "" });
    }
    if ("evidenceRemoved" in followup) return t("fu.history.evidenceRemoved");
    if ("workbookImport" in followup || "import" in followup) return t("fu.history.workbook");
    return t("fu.history.other");
  }
  if (r.entity === "idea") return describeChange(r);
  const key = ENTITY_TEXT[r.entity];
  if (!key) return t("fu.history.other");
  const removed = "deletedAt" in changes && Boolean(changes.deletedAt.new);
  const what = t(key);
  if (r.op === "create") return t("fu.history.added", { what });
  if (removed) return t("fu.history.removed", { what });
  return t("fu.history.changed", { what, fields: Object.keys(changes).map(followupFieldLabel).join(", ") });
}
