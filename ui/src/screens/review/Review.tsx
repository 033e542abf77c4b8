import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, ideaReviews, listIdeas, listPeople, ranking, rubric, saveReview, setReviewBlind, reviewBlind } from "../../api";
import type { Criterion } from "../../bindings/Criterion";
import type { Idea } from "../../bindings/Idea";
import type { IdeaReviews } from "../../bindings/IdeaReviews";
import type { Lab } from "../../bindings/Lab";
import type { Person } from "../../bindings/Person";
import type { RankRow } from "../../bindings/RankRow";
import type { Recommendation } from "../../bindings/Recommendation";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { formatNumber, getLocale, t, tn } from "../../i18n";
import { isSaveChord } from "../../shortcuts";
import "./review.css";
import { Vote } from "./Vote";

type Props = { lab: Lab; onReady: () => void };

const RECS: Recommendation[] = ["continue", "improve", "stop"];
const REVIEWER_KEY = "labinov.reviewer";

type Form = { scores: Record<string, number>; comment: string; recommendation: Recommendation | null };

const label = (c: Criterion) => (getLocale() === "en" && c.labelEn ? c.labelEn : c.labelId);

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
  const [focus, setFocus] = useState(0);
  const [form, setForm] = useState<Form>({ scores: {}, comment: "", recommendation: null });
  const [seen, setSeen] = useState<IdeaReviews | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const ready = useRef(false);
  const panel = useRef<HTMLDivElement>(null);
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
  // The reviewer's own review of this idea fills the form; the others' show if allowed.
  // A later reload (any window's write) never overwrites what is being scored.
  const formFor = `${idea?.id}|${reviewer}`;
  const [loadedFor, setLoadedFor] = useState("");
  const touched = useRef(false);
  useEffect(() => {
    touched.current = false;
  }, [formFor]);
  useEffect(() => {
    if (!idea || !reviewer) return;
    ideaReviews(idea.id, reviewer).then((r) => {
      setSeen(r);
      setLoadedFor(formFor);
      if (touched.current) return;
      const mine = r.mine;
      setForm({
        scores: Object.fromEntries((mine?.scores ?? []).map((s) => [s.criterion, s.score])),
        comment: mine?.comment ?? "",
        recommendation: mine?.recommendation ?? null,
      });
    }, (reason: unknown) => setError(ApiError.from(reason)));
  }, [idea?.id, reviewer, version]);

  const edit = (change: (f: Form) => Form) => {
    touched.current = true;
    setForm(change);
  };

  if (!data) return error ? <ErrorBanner error={error} /> : <Loading />;
  const { criteria } = data;
  const maxScale = Math.max(...criteria.map((c) => c.scaleMax));

  const submit = () => {
    if (!idea || !reviewer) return;
    const scores = Object.entries(form.scores).map(([criterion, score]) => ({ criterion, score }));
    saveReview(lab.id, idea.id, reviewer, { scores, comment: form.comment, recommendation: form.recommendation, submit: true }).then(
      () => {
        setNote(t("review.saved", { title: idea.title }));
        setError(null);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (isSaveChord(e)) {
      e.preventDefault();
      submit();
      return;
    }
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
    const c = criteria[focus];
    if (/^[0-9]$/.test(e.key) && c) {
      const n = Number(e.key);
      if (n >= 1 && n <= c.scaleMax) {
        e.preventDefault();
        edit((f) => ({ ...f, scores: { ...f.scores, [c.code]: n } }));
        setFocus((i) => Math.min(i + 1, criteria.length - 1));
      }
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      setFocus((i) => Math.min(i + 1, criteria.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setFocus((i) => Math.max(i - 1, 0));
    } else if (e.key === "PageDown") {
      e.preventDefault();
      setIndex((i) => Math.min(i + 1, data.ideas.length - 1));
      setFocus(0);
      setNote("");
    } else if (e.key === "PageUp") {
      e.preventDefault();
      setIndex((i) => Math.max(i - 1, 0));
      setFocus(0);
      setNote("");
    }
  };

  const complete = criteria.every((c) => form.scores[c.code]);
  const total = complete
    ? (criteria.reduce((s, c) => s + c.weight * (form.scores[c.code] / c.scaleMax), 0) / criteria.reduce((s, c) => s + c.weight, 0)) * 100
    : null;

  return (
    <section class="review" data-testid="review" aria-labelledby="review-title">
      <h1 id="review-title" class="setup__title">
        {t("review.title")}
      </h1>
      {error && <ErrorBanner error={error} />}
      <div class="review__grid">
        <div class="card" ref={panel} tabIndex={-1} onKeyDown={onKeyDown} data-testid="review-panel">
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
          {idea && reviewer && loadedFor === formFor && (
            <>
              <h2 class="review__idea-title" data-testid="review-idea-title">
                {idea.title}
              </h2>
              <p class="card__note">{t("review.keys", { max: maxScale })}</p>
              <h3 class="details__heading">{t("review.criteria")}</h3>
              <ol class="criteria" data-testid="review-criteria">
                {criteria.map((c, i) => (
                  <li key={c.code} class={i === focus ? "criterion is-focused" : "criterion"} data-testid="review-criterion" aria-current={i === focus ? "true" : undefined}>
                    <span class="criterion__label">{label(c)}</span>
                    <span class="criterion__dots" role="radiogroup" aria-label={label(c)}>
                      {Array.from({ length: c.scaleMax }, (_, k) => k + 1).map((n) => (
                        <button
                          key={n}
                          type="button"
                          role="radio"
                          aria-checked={form.scores[c.code] === n}
                          class={form.scores[c.code] === n ? "criterion__dot is-on" : "criterion__dot"}
                          onClick={() => {
                            setFocus(i);
                            edit((f) => ({ ...f, scores: { ...f.scores, [c.code]: n } }));
                          }}
                        >
                          {n}
                        </button>
                      ))}
                    </span>
                  </li>
                ))}
              </ol>
              <p class="review__total" data-testid="review-total">
                {total !== null ? t("review.total", { total: formatNumber(Math.round(total * 10) / 10) }) : t("review.incomplete")}
              </p>
              <fieldset class="field checks">
                <legend class="field__label">{t("review.recommendation")}</legend>
                <div class="checks__list">
                  {RECS.map((r) => (
                    <label key={r} class="check">
                      <input type="radio" name="rec" checked={form.recommendation === r} onChange={() => edit((f) => ({ ...f, recommendation: r }))} />
                      <span>{t(`review.rec.${r}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <label class="field__label" for="review-comment">
                {t("review.comment")}
              </label>
              <textarea
                id="review-comment"
                class="input"
                rows={3}
                data-testid="review-comment"
                value={form.comment}
                onInput={(e) => {
                  const comment = e.currentTarget.value;
                  edit((f) => ({ ...f, comment }));
                }}
              />
              <div class="form-actions">
                <button type="button" class="button button--primary" data-testid="review-submit" onClick={submit}>
                  {t("review.submit")} <kbd class="kbd">Ctrl+Enter</kbd>
                </button>
                <p class="save-status" role="status" data-testid="review-status">
                  {note}
                </p>
              </div>
              {seen && (seen.others.length > 0 || seen.hidden > 0) && (
                <div class="details__block">
                  <h3 class="details__heading">{t("review.others")}</h3>
                  {seen.hidden > 0 && <p class="card__note" data-testid="review-hidden">{tn("review.hidden", seen.hidden)}</p>}
                  <ul class="notes__list">
                    {seen.others.map((r) => (
                      <li key={r.id} class="notes__item">
                        <strong>{r.reviewerName}</strong> {r.total !== null && formatNumber(Math.round(r.total))} {r.comment}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
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
      <Vote lab={lab} ideas={data.ideas} />
    </section>
  );
}
