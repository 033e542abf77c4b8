import { pure } from "../../components/pure";
import { useEffect, useState } from "preact/hooks";
import { ApiError, ideaHistory, mergedIdeas, unmergeIdea } from "../../api";
import type { ChangeRecord } from "../../bindings/ChangeRecord";
import type { Idea } from "../../bindings/Idea";
import { ErrorBanner } from "../../components/ErrorBanner";
import { fieldLabel } from "../../errors";
import { formatDateTime, t, useLocale } from "../../i18n";

type Props = {
  idea: Idea;
  timeZone: string;
  /** This laptop's installation id, to say "laptop ini" instead of an id. */
  installationId: string;
  /** Changes after every write, so the history reloads. */
  version: number;
  onDelete: () => void;
  onUnmerged: (idea: Idea) => void;
  /** Opens the idea's follow-up plan. */
  onOpenPlan?: (ideaId: string) => void;
};

/** One line of history in plain words. */
export function describeChange(r: ChangeRecord): string {
  const keys = Object.keys(r.changes);
  if (r.op === "create") return t("details.created");
  if (keys.includes("purged")) return t("details.purged");
  if (keys.includes("deletedAt")) return r.changes.deletedAt.new ? t("details.deleted") : t("details.restored");
  if (keys.includes("mergedInto")) return r.changes.mergedInto.new ? t("details.mergedInto") : t("details.unmerged");
  if (keys.includes("absorbed")) return t("details.absorbed");
  if (keys.includes("released")) return t("details.released");
  if (keys.includes("attachment")) {
    const added = r.changes.attachment.new as { fileName?: string } | null | undefined;
    return added ? t("details.photoAdded", { name: added.fileName ?? "" }) : t("details.photoRemoved");
  }
  return t("details.changed", { fields: keys.map(fieldLabel).join(", ") });
}

/**
 * The edited idea's history, the ideas merged into it, and "move to trash". Memoised:
 * typing in the form does not redraw it.
 */
export const IdeaDetails = pure(function IdeaDetails({
  idea,
  timeZone,
  installationId,
  version,
  onDelete,
  onUnmerged,
  onOpenPlan,
}: Props) {
  useLocale();
  const [history, setHistory] = useState<ChangeRecord[] | null>(null);
  const [merged, setMerged] = useState<Idea[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([ideaHistory(idea.id), mergedIdeas(idea.id)]).then(
      ([h, m]) => {
        if (!current) return;
        setHistory([...h].reverse());
        setMerged(m);
      },
      (reason: unknown) => current && setError(ApiError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [idea.id, version]);

  const unmerge = (m: Idea) =>
    unmergeIdea(m.id).then(onUnmerged, (reason: unknown) => setError(ApiError.from(reason)));

  const where = (id: string) =>
    id === installationId ? t("details.thisLaptop") : t("details.otherLaptop", { id: id.slice(0, 8) });

  return (
    <section class="card details" aria-labelledby="details-title" data-testid="idea-details">
      <div class="card__head">
        <h2 id="details-title" class="card__title">
          {t("details.title")}
        </h2>
      </div>
      {error && <ErrorBanner error={error} />}
      {merged.length > 0 && (
        <div class="details__block">
          <h3 class="details__heading">{t("details.merged")}</h3>
          <ul class="details__merged">
            {merged.map((m) => (
              <li key={m.id} data-testid="merged-idea">
                <span>{m.title}</span>
                <button type="button" class="button button--small button--secondary" onClick={() => unmerge(m)}>
                  {t("details.unmerge")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="details__block">
        <h3 class="details__heading">{t("details.history")}</h3>
        {history && history.length === 0 && <p class="card__note">{t("details.historyEmpty")}</p>}
        <ol class="history" data-testid="idea-history">
          {history?.map((r) => (
            <li key={r.seq} class="history__item">
              <span class="history__what">{describeChange(r)}</span>
              <span class="history__meta">
                <time dateTime={r.at}>{formatDateTime(r.at, timeZone)}</time> · {where(r.installationId)}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <div class="details__actions">
        {onOpenPlan && (
          <button type="button" class="button button--secondary" data-testid="open-plan" onClick={() => onOpenPlan(idea.id)}>
            {t("fu.openPlan")}
          </button>
        )}
        <button type="button" class="button button--danger-quiet" data-testid="delete-idea" onClick={onDelete}>
          {t("details.delete")}
        </button>
      </div>
    </section>
  );
});
