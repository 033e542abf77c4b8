import { useEffect, useState } from "preact/hooks";
import { ApiError, listPeople, rubric } from "../../api";
import type { Criterion } from "../../bindings/Criterion";
import type { Person } from "../../bindings/Person";
import { ErrorBanner } from "../../components/ErrorBanner";
import { t } from "../../i18n";
import { REVIEWER_KEY, ReviewForm } from "../review/ReviewForm";

type Props = { labId: string; ideaId: string; ideaTitle: string; version: number };

/**
 * The review of the idea being pitched, beside its timer: the reviewer scores while the
 * head is still in front of the room, with the same keys as on the review screen. The
 * reviewer chosen here is the one the review screen remembers too.
 */
export function PitchReview({ labId, ideaId, ideaTitle, version }: Props) {
  const [criteria, setCriteria] = useState<Criterion[] | null>(null);
  const [reviewers, setReviewers] = useState<Person[]>([]);
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? "");
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([rubric(labId), listPeople(labId)]).then(
      ([c, people]) => {
        if (!current) return;
        setCriteria(c);
        setReviewers(people.filter((p) => p.role === "reviewer"));
      },
      (reason: unknown) => current && setError(ApiError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [labId, version]);

  if (!criteria) return error ? <ErrorBanner error={error} /> : null;
  const known = reviewers.some((p) => p.id === reviewer);
  return (
    <div class="pitch-review" data-testid="pitch-review">
      <h3 class="details__heading">{t("show.review")}</h3>
      {reviewers.length === 0 ? (
        <p class="card__note">{t("review.noReviewers")}</p>
      ) : (
        <label class="filter">
          <span class="filter__label">{t("review.reviewer")}</span>
          <select
            class="input select"
            data-testid="pitch-reviewer"
            value={known ? reviewer : ""}
            onChange={(e) => {
              setReviewer(e.currentTarget.value);
              localStorage.setItem(REVIEWER_KEY, e.currentTarget.value);
            }}
          >
            <option value="">{t("review.chooseReviewer")}</option>
            {reviewers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {known && (
        <ReviewForm
          key={`${ideaId}|${reviewer}`}
          labId={labId}
          ideaId={ideaId}
          ideaTitle={ideaTitle}
          reviewerId={reviewer}
          criteria={criteria}
          version={version}
          idPrefix="pitch-review"
          compact
        />
      )}
    </div>
  );
}
