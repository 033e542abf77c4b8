import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, ideaReviews, saveReview } from "../../api";
import type { Criterion } from "../../bindings/Criterion";
import type { IdeaReviews } from "../../bindings/IdeaReviews";
import type { Recommendation } from "../../bindings/Recommendation";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, getLocale, t, tn } from "../../i18n";
import { isSaveChord } from "../../shortcuts";

const RECS: Recommendation[] = ["continue", "improve", "stop"];

/** The reviewer chosen last on this laptop (review screen and pitch panel share it). */
export const REVIEWER_KEY = "labinov.reviewer";

type Form = { scores: Record<string, number>; comment: string; recommendation: Recommendation | null };

export const criterionLabel = (c: Criterion) => (getLocale() === "en" && c.labelEn ? c.labelEn : c.labelId);

type Props = {
  labId: string;
  ideaId: string;
  ideaTitle: string;
  reviewerId: string;
  criteria: readonly Criterion[];
  /** Bumped on every change event: the others' reviews are read again (never the form). */
  version: number;
  /** Keys the form does not use (PgUp/PgDn on the review screen). */
  onOtherKey?: (e: KeyboardEvent) => void;
  /** Names the radio group of recommendations uniquely when two forms could coexist. */
  idPrefix?: string;
  compact?: boolean;
};

/**
 * One reviewer's review of one idea, by keyboard: digits score the selected criterion and
 * move to the next, ↑ ↓ move, ← → step the score, Ctrl+Enter submits. Used on the review
 * screen and beside the pitch, so the score is entered while the head is still in front of
 * the room. The reviewer's saved review fills the form once; a later reload (any window's
 * write) never overwrites what is being scored.
 */
export function ReviewForm({ labId, ideaId, ideaTitle, reviewerId, criteria, version, onOtherKey, idPrefix = "review", compact }: Props) {
  const [focus, setFocus] = useState(0);
  const [form, setForm] = useState<Form>({ scores: {}, comment: "", recommendation: null });
  const [seen, setSeen] = useState<IdeaReviews | null>(null);
  const [loadedFor, setLoadedFor] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const touched = useRef(false);
  const list = useRef<HTMLOListElement>(null);
  const formFor = `${ideaId}|${reviewerId}`;

  useEffect(() => {
    touched.current = false;
    setFocus(0);
    setNote("");
    setError(null);
  }, [formFor]);

  useEffect(() => {
    let current = true;
    ideaReviews(ideaId, reviewerId).then(
      (r) => {
        if (!current) return;
        setSeen(r);
        setLoadedFor(formFor);
        if (touched.current) return;
        const mine = r.mine;
        setForm({
          scores: Object.fromEntries((mine?.scores ?? []).map((s) => [s.criterion, s.score])),
          comment: mine?.comment ?? "",
          recommendation: mine?.recommendation ?? null,
        });
      },
      (reason: unknown) => current && setError(ApiError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [ideaId, reviewerId, version]);

  // The keyboard focus follows the selected criterion while it is in the list, so the
  // focus ring and the highlighted row are always the same one.
  useEffect(() => {
    const root = list.current;
    if (!root || !root.contains(document.activeElement)) return;
    const row = root.querySelectorAll<HTMLElement>("[data-testid=review-criterion]")[focus];
    const target = row?.querySelector<HTMLElement>("[aria-checked=true]") ?? row?.querySelector<HTMLElement>("button");
    if (target && target !== document.activeElement) target.focus();
  }, [focus, form.scores]);

  const edit = (change: (f: Form) => Form) => {
    touched.current = true;
    setForm(change);
  };
  const score = (c: Criterion, n: number) => edit((f) => ({ ...f, scores: { ...f.scores, [c.code]: n } }));

  const submit = () => {
    const scores = Object.entries(form.scores).map(([criterion, s]) => ({ criterion, score: s }));
    saveReview(labId, ideaId, reviewerId, { scores, comment: form.comment, recommendation: form.recommendation, submit: true }).then(
      () => {
        setNote(t("review.saved", { title: ideaTitle }));
        setError(null);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (isSaveChord(e)) {
      e.preventDefault();
      e.stopPropagation();
      submit();
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    // Plain keys typed in the form are the form's: the pitch screen around it must not
    // take Space or N as "pause" or "next" while a reviewer scores or comments.
    if (e.key !== "Escape" && !/^F\d+$/.test(e.key)) e.stopPropagation();
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) {
      return;
    }
    const c = criteria[focus];
    if (/^[0-9]$/.test(e.key) && c) {
      const n = Number(e.key);
      if (n >= 1 && n <= c.scaleMax) {
        e.preventDefault();
        score(c, n);
        setFocus((i) => Math.min(i + 1, criteria.length - 1));
      }
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      setFocus((i) => Math.min(i + 1, criteria.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setFocus((i) => Math.max(i - 1, 0));
    } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && c) {
      e.preventDefault();
      const now = form.scores[c.code] ?? 0;
      score(c, Math.max(1, Math.min(c.scaleMax, now + (e.key === "ArrowRight" ? 1 : -1))));
    } else {
      onOtherKey?.(e);
    }
  };

  const maxScale = Math.max(...criteria.map((c) => c.scaleMax));
  const complete = criteria.every((c) => form.scores[c.code]);
  const total = complete
    ? (criteria.reduce((s, c) => s + c.weight * (form.scores[c.code] / c.scaleMax), 0) / criteria.reduce((s, c) => s + c.weight, 0)) * 100
    : null;

  if (loadedFor !== formFor) return error ? <ErrorBanner error={error} /> : null;
  return (
    <div class={compact ? "review-form review-form--compact" : "review-form"} onKeyDown={onKeyDown} data-testid="review-form">
      {error && <ErrorBanner error={error} unmarked />}
      <p class="card__note">{t(onOtherKey ? "review.keys" : "review.keysShort", { max: maxScale })}</p>
      <h3 class="details__heading">{t("review.criteria")}</h3>
      <ol class="criteria" data-testid="review-criteria" ref={list}>
        {criteria.map((c, i) => {
          const chosen = form.scores[c.code];
          return (
            <li key={c.code} class={i === focus ? "criterion is-focused" : "criterion"} data-testid="review-criterion" aria-current={i === focus ? "true" : undefined}>
              <span class="criterion__label">{criterionLabel(c)}</span>
              <span class="criterion__dots" role="radiogroup" aria-label={criterionLabel(c)}>
                {Array.from({ length: c.scaleMax }, (_, k) => k + 1).map((n) => (
                  <button
                    key={n}
                    type="button"
                    role="radio"
                    aria-checked={chosen === n}
                    // One stop per criterion for Tab: its score, else its first button.
                    tabIndex={chosen === n || (!chosen && n === 1) ? 0 : -1}
                    class={chosen === n ? "criterion__dot is-on" : "criterion__dot"}
                    onFocus={() => setFocus(i)}
                    onClick={() => {
                      setFocus(i);
                      score(c, n);
                    }}
                  >
                    {n}
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ol>
      <p class="review__total" data-testid="review-total">
        {total !== null ? t("review.total", { total: formatNumber(Math.round(total * 10) / 10) }) : t("review.incomplete")}
      </p>
      <fieldset class="field checks">
        <legend class="field__label">{t("review.recommendation")}</legend>
        <div class="checks__list">
          {RECS.map((r) => (
            <label key={r} class="check">
              <input type="radio" name={`${idPrefix}-rec`} checked={form.recommendation === r} onChange={() => edit((f) => ({ ...f, recommendation: r }))} />
              <span>{t(`review.rec.${r}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="field__label" for={`${idPrefix}-comment`}>
        {t("review.comment")}
      </label>
      <textarea
        id={`${idPrefix}-comment`}
        class="input"
        rows={compact ? 2 : 3}
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
          {seen.hidden > 0 && (
            <p class="card__note" data-testid="review-hidden">
              {tn("review.hidden", seen.hidden)}
            </p>
          )}
          <ul class="notes__list">
            {seen.others.map((r) => (
              <li key={r.id} class="notes__item">
                <strong>{r.reviewerName}</strong> {r.total !== null && formatNumber(Math.round(r.total))} {r.comment}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
