// The idea wall: every idea as it is captured, the newest ones lit up for a few seconds.

import { boardPage, labStats } from "../api";
import type { BoardCard } from "../bindings/BoardCard";
import type { BoardPage } from "../bindings/BoardPage";
import type { Lab } from "../bindings/Lab";
import { formatNumber, t } from "../i18n";
import { DEFAULT_VIEW, toQuery } from "../screens/board/boardQuery";
import { Count, Ready, useData } from "./shared";

/** Cards on the wall at once (3 × 4 fill a 16:9 screen in the wall's type size); the rest are counted. */
export const WALL_SIZE = 12;
/** Cards while the room for phones is open (3 × 3: its corner takes the bottom band). */
export const ROOM_WALL_SIZE = 9;
/** An idea this new is lit up on the wall (a CSS animation of this length; no timer). */
export const FRESH_MS = 10_000;

/**
 * The `size` newest cards of `page`, grouped by agency in the page's column order (the
 * roster's) and newest first within an agency, and how many ideas are left off.
 */
export function wallCards(page: BoardPage, size: number): { cards: BoardCard[]; hidden: number } {
  const newest = [...page.cards].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)).slice(0, size);
  const column = new Map(page.columns.map((c, i) => [c.key, i]));
  const at = (c: BoardCard) => column.get(c.group) ?? column.size;
  newest.sort((a, b) => at(a) - at(b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return { cards: newest, hidden: Math.max(0, page.total - newest.length) };
}

export function Wall({ lab, version, size = WALL_SIZE }: { lab: Lab; version: number; size?: number }) {
  const data = useData(
    // The newest `size` of each agency: the lab's newest `size` are among them, however
    // many ideas the lab holds.
    () => Promise.all([boardPage(lab.id, toQuery({ ...DEFAULT_VIEW, groupBy: "agency", sort: "newest" }, null, 0, 0, size)), labStats(lab.id)]),
    [lab.id, version, size],
  );
  if (!data) return null;
  const [page, stats] = data;
  const { cards, hidden } = wallCards(page, size);
  const now = Date.now();
  return (
    <Ready mode="wall">
      <header class="projector__head">
        <h1 class="projector__lab">{lab.name}</h1>
        <Count count={stats.ideaCount} target={stats.ideaTarget} />
      </header>
      {cards.length === 0 ? (
        <p class="projector__empty">{t("projector.wallEmpty")}</p>
      ) : (
        <ul class="wall" aria-label={t("projector.title")}>
          {cards.map((c) => (
            <WallCard key={c.id} card={c} age={now - Date.parse(c.createdAt)} />
          ))}
        </ul>
      )}
      {hidden > 0 && <p class="projector__more">{t("projector.more", { count: formatNumber(hidden) })}</p>}
    </Ready>
  );
}

/** One idea: its agency's short name, then its title. `age` in ms lights up a new one. */
export function WallCard({ card, age = Infinity }: { card: BoardCard; age?: number }) {
  const fresh = age < FRESH_MS;
  return (
    <li
      class={fresh ? "wall__card is-fresh" : "wall__card"}
      data-testid="projector-wall-card"
      // The highlight fades out by itself; a card first drawn a few seconds late starts part-way.
      style={fresh ? { animationDelay: `-${Math.max(0, Math.round(age))}ms` } : undefined}
    >
      <span class="wall__text">
        <span class="wall__agency">{card.agencyShortName}</span> <span class="wall__title">{card.title}</span>
      </span>
    </li>
  );
}
