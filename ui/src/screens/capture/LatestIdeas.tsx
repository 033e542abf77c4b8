import { pure } from "../../components/pure";
import type { Agency } from "../../bindings/Agency";
import type { Idea } from "../../bindings/Idea";
import { formatDateTime, t, useLocale } from "../../i18n";

/**
 * How many of the newest ideas the list shows: enough to correct what was just typed;
 * the board (Alt+2) finds the rest. A lab of hundreds of ideas keeps typing instant.
 */
export const LATEST_SHOWN = 20;

type Props = {
  /** The newest ideas, newest first (`LATEST_SHOWN` of them at most). */
  ideas: readonly Idea[];
  /** How many ideas the lab has. */
  total: number;
  agencies: readonly Agency[];
  timeZone: string;
  /** The idea loaded in the form, if any. */
  editingId: string | null;
  onPick: (idea: Idea) => void;
};

/**
 * The lab's newest ideas; choosing one loads it into the form for editing. Memoised:
 * typing in the form does not redraw it.
 */
export const LatestIdeas = pure(function LatestIdeas({ ideas, total, agencies, timeZone, editingId, onPick }: Props) {
  useLocale();
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const shown = ideas.slice(0, LATEST_SHOWN);
  return (
    <section class="card latest" aria-labelledby="latest-title">
      <div class="card__head">
        <h2 id="latest-title" class="card__title">
          {t("capture.latestTitle")} <span class="badge">{total}</span>
        </h2>
        <p class="card__note">{total ? t("capture.latestHint") : t("capture.latestEmpty")}</p>
      </div>
      <ul class="latest__list" data-testid="latest-ideas">
        {shown.map((idea) => (
          <li key={idea.id}>
            <button
              type="button"
              class="idea-item"
              data-testid="latest-idea"
              aria-current={idea.id === editingId ? "true" : undefined}
              onClick={() => onPick(idea)}
            >
              <span class="idea-item__title">{idea.title}</span>
              <span class="idea-item__meta">
                <span class="idea-item__agency">{agencyById.get(idea.agencyId)?.shortName}</span>
                <span>{idea.proposerName || t("capture.noProposer")}</span>
                <time dateTime={idea.createdAt}>{formatDateTime(idea.createdAt, timeZone)}</time>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {total > shown.length && (
        <p class="card__note" data-testid="latest-more">
          {t("capture.latestMore", { count: String(total - shown.length) })}
        </p>
      )}
    </section>
  );
});
