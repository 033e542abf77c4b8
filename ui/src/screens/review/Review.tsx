import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, listIdeas, listPeople, ranking, rubric, setReviewBlind, reviewBlind } from "../../api";
import type { Criterion } from "../../bindings/Criterion";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import type { Person } from "../../bindings/Person";
import type { RankRow } from "../../bindings/RankRow";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { formatNumber, t } from "../../i18n";
import "./review.css";
import { REVIEWER_KEY, ReviewForm } from "./ReviewForm";
import { RubricEditor } from "./RubricEditor";
import { Vote } from "./Vote";

type Props = { lab: Lab; onReady: () => void };

/**
 * "Review": a reviewer scores one idea at a time on the lab's rubric, by keyboard (digits
 * score the selected criterion, arrows move), with a comment and a recommendation; the
 * ranking beside it with its rules spelled out. Blind mode is enforced by the core.
 */
export function ReviewScreen({ lab, onReady }: Props) {
  const [data, setData] = useState<{ criteria: Criterion[]; reviewers: Person[]; ideas: Idea[]; blind: boolean } | null>(null);
  const [rows, setRows] = useState<RankRow[]>([]);
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? "");
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const ready = useRef(false);
  useChanged(lab.id, () => setVersion((v) => v + 1));

  useEffect(() => {
    Promise.all([rubric(lab.id), listPeople(lab.id), listIdeas(lab.id), reviewBlind(lab.id), ranking(lab.id)]).then(
      ([criteria, people, ideas, blind, rank]) => {
        setData({ criteria, reviewers: people.filter((p) => p.role === "reviewer"), ideas: [...ideas].reverse(), blind });
        setRows(rank);
        if (!ready.current) {
          ready.current = true;
          onReady();
        }
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  }, [lab.id, version]);

  const idea = data?.ideas[index] ?? null;
  if (!data) return error ? <ErrorBanner error={error} /> : <Loading />;
  const { criteria } = data;

  // PgUp/PgDn move between ideas from anywhere in the scoring panel.
  const onOtherKey = (e: KeyboardEvent) => {
    if (e.key === "PageDown") {
      e.preventDefault();
      setIndex((i) => Math.min(i + 1, data.ideas.length - 1));
    } else if (e.key === "PageUp") {
      e.preventDefault();
      setIndex((i) => Math.max(i - 1, 0));
    }
  };

  return (
    <section class="review" data-testid="review" aria-labelledby="review-title">
      <h1 id="review-title" class="setup__title">
        {t("review.title")}
      </h1>
      {error && <ErrorBanner error={error} />}
      <div class="review__grid">
        <div class="card" data-testid="review-panel">
          <div class="review__pick">
            <label class="filter">
              <span class="filter__label">{t("review.reviewer")}</span>
              <select
                class="input select"
                data-testid="review-reviewer"
                value={reviewer}
                onChange={(e) => {
                  setReviewer(e.currentTarget.value);
                  localStorage.setItem(REVIEWER_KEY, e.currentTarget.value);
                }}
              >
                <option value="">{t("review.chooseReviewer")}</option>
                {data.reviewers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label class="filter filter--search">
              <span class="filter__label">{t("review.idea")}</span>
              <select class="input select" data-testid="review-idea" value={String(index)} onChange={(e) => setIndex(Number(e.currentTarget.value))}>
                {data.ideas.map((i, n) => (
                  <option key={i.id} value={String(n)}>
                    {n + 1}. {i.title}
                  </option>
                ))}
              </select>
            </label>
            <label class="check">
              <input type="checkbox" checked={data.blind} onChange={(e) => void setReviewBlind(lab.id, e.currentTarget.checked).catch(() => undefined)} />
              <span>{t("review.blind")}</span>
            </label>
          </div>
          {data.reviewers.length === 0 && <p class="card__note">{t("review.noReviewers")}</p>}
          {idea && reviewer && (
            <>
              <h2 class="review__idea-title" data-testid="review-idea-title">
                {idea.title}
              </h2>
              <ReviewForm
                key={`${idea.id}|${reviewer}`}
                labId={lab.id}
                ideaId={idea.id}
                ideaTitle={idea.title}
                reviewerId={reviewer}
                criteria={criteria}
                version={version}
                onOtherKey={onOtherKey}
              />
            </>
          )}
        </div>
        <section class="card" aria-labelledby="rank-title">
          <h2 id="rank-title" class="card__title">
            {t("review.ranking")}
          </h2>
          <p class="card__note">{t("review.rules")}</p>
          <ol class="rank-list" data-testid="ranking">
            {rows.map((r) => (
              <li key={r.ideaId}>
                <span class="rank-list__rank">{r.rank !== null ? t("review.rank", { rank: r.rank }) : t("review.unranked")}</span>
                <span>
                  {r.title}
                  {r.disagreement && <span class="rank-list__flag"> · {t("review.disagree")}</span>}
                </span>
                <span>{r.mean !== null ? t("review.mean", { mean: formatNumber(Math.round(r.mean * 10) / 10) }) : ""}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <details class="card rubric-card" data-testid="rubric">
        <summary class="card__title">{t("rubric.title")}</summary>
        <RubricEditor labId={lab.id} criteria={criteria} onSaved={(saved) => setData({ ...data, criteria: saved })} />
      </details>
      <Vote lab={lab} ideas={data.ideas} />
    </section>
  );
}
