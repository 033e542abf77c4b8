import type { Agency } from "../../bindings/Agency";
import type { Idea } from "../../bindings/Idea";
import { formatDateTime, t } from "../../i18n";

type Props = {
  ideas: readonly Idea[];
  agencies: readonly Agency[];
  timeZone: string;
  /** The idea loaded in the form, if any. */
  editingId: string | null;
  onPick: (idea: Idea) => void;
};

/** The lab's ideas, newest first; choosing one loads it into the form for editing. */
export function LatestIdeas({ ideas, agencies, timeZone, editingId, onPick }: Props) {
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  return (
    <section class="card latest" aria-labelledby="latest-title">
      <div class="card__head">
        <h2 id="latest-title" class="card__title">
          {t("capture.latestTitle")} <span class="badge">{ideas.length}</span>
        </h2>
        <p class="card__note">{ideas.length ? t("capture.latestHint") : t("capture.latestEmpty")}</p>
      </div>
      <ul class="latest__list" data-testid="latest-ideas">
        {ideas.map((idea) => (
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
    </section>
  );
}
