import { useEffect, useState } from "preact/hooks";
import { similarIdeas } from "../../api";
import type { SimilarIdea } from "../../bindings/SimilarIdea";
import { Confirm } from "../../components/Confirm";
import { t } from "../../i18n";

/** Typing may pause this long before the search runs. */
const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  labId: string;
  /** What is typed: the title (and anything else worth matching). */
  text: string;
  /** The idea being edited, left out of its own matches. */
  editingId: string | null;
  /** Opens an existing idea in the form. */
  onOpen: (ideaId: string) => void;
  /** With an idea being edited: merges a similar idea into it. */
  onMergeHere?: (idea: SimilarIdea) => void;
};

/**
 * The duplicate hint: existing ideas that resemble the title being typed. It never takes
 * the focus, and says nothing while there is nothing to say.
 */
export function SimilarHint({ labId, text, editingId, onOpen, onMergeHere }: Props) {
  const [matches, setMatches] = useState<SimilarIdea[]>([]);
  const [asking, setAsking] = useState<SimilarIdea | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 3) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      similarIdeas(labId, query, editingId).then(
        (found) => current && setMatches(found),
        // The hint is a help, not a step: if it fails, capture goes on without it.
        () => current && setMatches([]),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [labId, text, editingId]);

  return (
    <div class="similar" aria-live="polite">
      {matches.length > 0 && (
        <section class="similar__box" data-testid="similar-hint" aria-labelledby="similar-title">
          <h3 id="similar-title" class="similar__title">
            {t("similar.title")}
          </h3>
          <p class="similar__note">{t("similar.hint")}</p>
          <ul class="similar__list">
            {matches.map((m) => (
              <li key={m.ideaId} class="similar__item" data-testid="similar-idea">
                <span class="similar__agency">{m.agencyShortName}</span>
                <span class="similar__name">{m.title}</span>
                <span class="similar__actions">
                  <button type="button" class="button button--small button--secondary" onClick={() => onOpen(m.ideaId)}>
                    {t("similar.open")}
                  </button>
                  {onMergeHere && (
                    <button
                      type="button"
                      class="button button--small button--secondary"
                      data-testid="merge-here"
                      onClick={() => setAsking(m)}
                    >
                      {t("similar.mergeHere")}
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
          {asking && onMergeHere && (
            <Confirm
              question={t("similar.mergeConfirm", { from: asking.title })}
              onYes={() => {
                onMergeHere(asking);
                setAsking(null);
              }}
              onNo={() => setAsking(null)}
            />
          )}
        </section>
      )}
    </div>
  );
}
