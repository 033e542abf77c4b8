// The results, once the facilitator releases them.
//
// There is no review ranking yet: until the review feature lands (issue 5), the results
// are the ideas the facilitators marked "selected", then those "shortlisted" (their status
// on the board). The reviewers' ranking replaces this list then.

import { boardPage } from "../api";
import type { BoardCard } from "../bindings/BoardCard";
import type { Lab } from "../bindings/Lab";
import { formatNumber, t } from "../i18n";
import { DEFAULT_VIEW, toQuery } from "../screens/board/boardQuery";
import { WallCard } from "./Wall";
import { Ready, useData } from "./shared";

/** Cards shown at once (three rows of the wall's, under two headings); the rest are counted. */
const RESULTS_SIZE = 9;

export function Results({ lab, released, version }: { lab: Lab; released: boolean; version: number }) {
  // Nothing is read before the release: the projector cannot show what it does not have.
  const page = useData(
    () =>
      released
        ? boardPage(lab.id, { ...toQuery({ ...DEFAULT_VIEW, groupBy: "status", sort: "agency" }, null, 0, 1000), status: ["selected", "shortlisted"] })
        : Promise.resolve(null),
    [lab.id, released, version],
  );
  if (!released) {
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
