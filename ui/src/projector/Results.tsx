// The results, once the facilitator releases them: the reviewers' ranking and the last
// closed dot-voting round. Before the release the projector reads nothing it could show:
// `released_results` answers empty until then (the core decides, not this view).
//
// With no counted review and no closed vote yet, the results are the ideas the facilitators
// marked "selected", then "shortlisted" on the board.

import { boardPage, releasedResults } from "../api";
import type { BoardCard } from "../bindings/BoardCard";
import type { Lab } from "../bindings/Lab";
import type { RankRow } from "../bindings/RankRow";
import type { VoteOutcome } from "../bindings/VoteOutcome";
import { BarChart } from "../charts/Charts";
import { formatNumber, t } from "../i18n";
import { DEFAULT_VIEW, toQuery } from "../screens/board/boardQuery";
import { WallCard } from "./Wall";
import { Ready, shorten, useData } from "./shared";

/** Cards shown at once (three rows of the wall's, under two headings); the rest are counted. */
const RESULTS_SIZE = 9;
/** Ranked ideas shown: the whole stage alone, fewer beside the vote. */
const RANK_ROOM = 8;
const RANK_ROOM_BESIDE_VOTE = 6;
/** Ideas in the vote chart. */
const VOTE_ROOM = 8;

export function Results({ lab, released, version }: { lab: Lab; released: boolean; version: number }) {
  // Nothing is read before the release: the projector cannot show what it does not have.
  const results = useData(() => (released ? releasedResults(lab.id) : Promise.resolve(null)), [lab.id, released, version]);
  if (!released || (results && !results.released)) {
    return (
      <Ready mode="results" class="results">
        <header class="projector__head">
          <h1 class="projector__lab">{lab.name}</h1>
        </header>
        <p class="projector__big" data-testid="projector-results-hidden">
          {t("projector.resultsHidden")}
        </p>
      </Ready>
    );
  }
  if (!results) return null;
  if (results.ranking.length === 0 && !results.vote) return <StatusResults lab={lab} version={version} />;
  const vote = results.vote;
  const room = vote ? RANK_ROOM_BESIDE_VOTE : RANK_ROOM;
  const shown = results.ranking.slice(0, room);
  const hidden = results.ranking.length - shown.length;
  return (
    <Ready mode="results" class="results">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.resultsTitle")}</h1>
        {hidden > 0 && <p class="projector__more">{t("projector.more", { count: formatNumber(hidden) })}</p>}
      </header>
      <div class={`results__panes${vote && shown.length > 0 ? " results__panes--two" : ""}`}>
        {shown.length > 0 && (
          <section class="results__ranking" data-testid="projector-ranking">
            <h2>{t("projector.rankingTitle")}</h2>
            <ol class="ranking-list">
              {shown.map((row) => (
                <RankLine key={row.ideaId} row={row} />
              ))}
            </ol>
          </section>
        )}
        {vote && <VotePane vote={vote} wide={shown.length === 0} />}
      </div>
    </Ready>
  );
}

function RankLine({ row }: { row: RankRow }) {
  const mean = row.mean ?? 0;
  return (
    <li class="ranking-list__row" data-testid="projector-rank-row" data-rank={row.rank ?? undefined}>
      <span class="ranking-list__rank">{row.rank}</span>
      <span class="ranking-list__title">
        <strong>{row.agencyShortName}</strong> {shorten(row.title, 70)}
      </span>
      <span class="ranking-list__mean" aria-label={t("projector.meanLabel", { mean: formatScore(mean) })}>
        {formatScore(mean)}
      </span>
      <span class="ranking-list__bar" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, mean))}%` }} />
      </span>
    </li>
  );
}

function VotePane({ vote, wide }: { vote: VoteOutcome; wide: boolean }) {
  const data = vote.results.slice(0, VOTE_ROOM).map((r) => ({ label: shorten(r.title, 48), value: r.dots }));
  return (
    <section class="results__vote" data-testid="projector-vote">
      <h2>{t("projector.voteTitle")}</h2>
      <p class="results__note">
        {t("projector.voteBallots", { ballots: formatNumber(vote.round.ballots), dots: formatNumber(vote.round.dots) })}
      </p>
      {/* Drawn about as wide as it shows, so its words are the projector's size (28 px and up at 1280×720). */}
      <BarChart title={t("projector.voteTitle")} data={data} width={wide ? 1100 : 520} barHeight={wide ? 44 : 36} labels="above" />
    </section>
  );
}

/** A mark on 0-100 with one decimal, in the UI's number format. */
function formatScore(mean: number): string {
  return formatNumber(Math.round(mean * 10) / 10);
}

function StatusResults({ lab, version }: { lab: Lab; version: number }) {
  const page = useData(
    () =>
      boardPage(lab.id, { ...toQuery({ ...DEFAULT_VIEW, groupBy: "status", sort: "agency" }, null, 0, 1000), status: ["selected", "shortlisted"] }),
    [lab.id, version],
  );
  if (!page) return null;
  const selected = page.cards.filter((c) => c.status === "selected");
  const shortlisted = page.cards.filter((c) => c.status === "shortlisted");
  let room = RESULTS_SIZE;
  const take = (cards: BoardCard[]) => {
    const shown = cards.slice(0, room);
    room -= shown.length;
    return shown;
  };
  const groups: [string, BoardCard[]][] = [
    [t("projector.selected"), take(selected)],
    [t("projector.shortlisted"), take(shortlisted)],
  ];
  const hidden = selected.length + shortlisted.length - (RESULTS_SIZE - room);
  return (
    <Ready mode="results" class="results">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.resultsTitle")}</h1>
        {hidden > 0 && <p class="projector__more">{t("projector.more", { count: formatNumber(hidden) })}</p>}
      </header>
      {selected.length + shortlisted.length === 0 ? (
        <p class="projector__empty">{t("projector.resultsEmpty")}</p>
      ) : (
        groups.map(([title, cards]) =>
          cards.length > 0 ? (
            <section key={title} class="results__group" data-testid="projector-results-group">
              <h2>{title}</h2>
              <ol class="wall wall--results">
                {cards.map((c) => (
                  <WallCard key={c.id} card={c} />
                ))}
              </ol>
            </section>
          ) : null,
        )
      )}
    </Ready>
  );
}
