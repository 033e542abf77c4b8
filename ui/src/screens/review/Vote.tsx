import { useEffect, useState } from "preact/hooks";
import { ApiError, castBallot, closeVoteRound, openVoteRound, setResultsReleased, setShowMode, voteResults, voteRound } from "../../api";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import type { VoteResult } from "../../bindings/VoteResult";
import type { VoteRound } from "../../bindings/VoteRound";
import { BarChart } from "../../charts/Charts";
import { ErrorBanner } from "../../components/ErrorBanner";
import { t, tn } from "../../i18n";

const ROUND_KEY = (labId: string) => `labinov.voteRound.${labId}`;

/**
 * Dot voting on this laptop: the facilitator opens a round; participants vote one after
 * another in a kiosk that never shows the running tally; closing the round shows the
 * result. Ballots carry no name; the core keeps only per-idea tallies.
 */
export function Vote({ lab, ideas }: { lab: Lab; ideas: readonly Idea[] }) {
  const [round, setRound] = useState<VoteRound | null>(null);
  const [results, setResults] = useState<VoteResult[] | null>(null);
  const [dots, setDots] = useState(3);
  const [chosen, setChosen] = useState<string[]>([]);
  const [ballot, setBallot] = useState<Record<string, number>>({});
  const [thanks, setThanks] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [onProjector, setOnProjector] = useState(false);
  const fail = (reason: unknown) => setError(ApiError.from(reason));

  useEffect(() => {
    const id = localStorage.getItem(ROUND_KEY(lab.id));
    if (!id) return;
    voteRound(id).then((r) => {
      setRound(r);
      if (r.closedAt) voteResults(r.id).then(setResults, fail);
    }, () => localStorage.removeItem(ROUND_KEY(lab.id)));
  }, [lab.id]);

  const open = () =>
    openVoteRound(lab.id, dots, chosen).then((r) => {
      localStorage.setItem(ROUND_KEY(lab.id), r.id);
      setRound(r);
      setResults(null);
      setBallot({});
      setError(null);
    }, fail);

  const title = (id: string) => ideas.find((i) => i.id === id)?.title ?? id;
  const used = Object.values(ballot).reduce((a, b) => a + b, 0);

  if (round && !round.closedAt) {
    const left = round.dots - used;
    return (
      <section class="card vote vote--kiosk" data-testid="vote-kiosk" aria-labelledby="vote-title">
        <h2 id="vote-title" class="card__title">
          {t("vote.kioskTitle", { dots: round.dots })}
        </h2>
        {error && <ErrorBanner error={error} />}
        {thanks ? (
          <>
            <p class="vote__thanks" role="status">
              {t("vote.thanks")}
            </p>
            <button type="button" class="button button--primary button--large" data-testid="vote-next" onClick={() => setThanks(false)}>
              {t("vote.next")}
            </button>
          </>
        ) : (
          <>
            <p class="vote__left" role="status">
              {tn("vote.left", left)}
            </p>
            <ul class="vote__list">
              {round.candidates.map((id) => (
                <li key={id} class="vote__item" data-testid="vote-candidate">
                  <span class="vote__title">{title(id)}</span>
                  <button
                    type="button"
                    class="criterion__dot"
                    aria-label={t("vote.remove", { title: title(id) })}
                    disabled={!ballot[id]}
                    onClick={() => setBallot((b) => ({ ...b, [id]: Math.max(0, (b[id] ?? 0) - 1) }))}
                  >
                    −
                  </button>
                  <span class="vote__dots" aria-live="polite">
                    {"●".repeat(ballot[id] ?? 0) || "0"}
                  </span>
                  <button
                    type="button"
                    class="criterion__dot"
                    data-testid="vote-add"
                    aria-label={t("vote.add", { title: title(id) })}
                    disabled={left <= 0}
                    onClick={() => setBallot((b) => ({ ...b, [id]: (b[id] ?? 0) + 1 }))}
                  >
                    +
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              class="button button--primary button--large"
              data-testid="vote-cast"
              disabled={used === 0}
              onClick={() =>
                castBallot(round.id, Object.fromEntries(Object.entries(ballot).filter(([, n]) => n > 0))).then((r) => {
                  setRound(r);
                  setBallot({});
                  setThanks(true);
                }, fail)
              }
            >
              {t("vote.cast")}
            </button>
          </>
        )}
        <div class="vote__facilitator">
          <span>{tn("vote.ballots", round.ballots)}</span>
          <button
            type="button"
            class="button button--secondary"
            data-testid="vote-close"
            onClick={() => closeVoteRound(lab.id, round.id).then((r) => {
              setResults(r);
              voteRound(round.id).then(setRound, fail);
            }, fail)}
          >
            {t("vote.close")}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section class="card vote" aria-labelledby="vote-title">
      <h2 id="vote-title" class="card__title">
        {t("vote.title")}
      </h2>
      <p class="card__note">{t("vote.intro")}</p>
      {error && <ErrorBanner error={error} />}
      {results && round && (
        <div data-testid="vote-results">
          <h3 class="details__heading">
            {t("vote.results")} · {tn("vote.ballots", round.ballots)}
          </h3>
          <BarChart title={t("vote.results")} data={results.map((r) => ({ label: r.title, value: r.dots }))} barHeight={20} />
          {/* The projector's results mode shows the last closed round once results are released. */}
          <button
            type="button"
            class="button button--secondary"
            data-testid="vote-project"
            disabled={onProjector}
            onClick={() =>
              setResultsReleased(lab.id, true)
                .then(() => setShowMode(lab.id, "results"))
                .then(() => setOnProjector(true), fail)
            }
          >
            {onProjector ? t("vote.onProjector") : t("vote.project")}
          </button>
        </div>
      )}
      <label class="filter">
        <span class="filter__label">{t("vote.dots")}</span>
        <input class="input show__minutes" type="number" min={1} max={20} value={dots} onChange={(e) => setDots(Number(e.currentTarget.value) || 1)} />
      </label>
      <fieldset class="field checks">
        <legend class="field__label">{t("vote.candidates")}</legend>
        <div class="checks__list checks__list--tall">
          {ideas.map((i) => (
            <label key={i.id} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(i.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setChosen((c) => (on ? [...c, i.id] : c.filter((x) => x !== i.id)));
                }}
              />
              <span>{i.title}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="button" class="button button--primary" data-testid="vote-open" disabled={chosen.length < 2} onClick={() => void open()}>
        {t("vote.open")}
      </button>
      {chosen.length < 2 && <p class="field__hint">{t("vote.needTwo")}</p>}
    </section>
  );
}
