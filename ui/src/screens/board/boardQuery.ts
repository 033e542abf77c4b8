// What the board shows: the grouping, the filters, the search and the sort, as one value
// that becomes a `BoardQuery` for the core.

import type { BoardCard } from "../../bindings/BoardCard";
import type { BoardGrouping } from "../../bindings/BoardGrouping";
import type { BoardQuery } from "../../bindings/BoardQuery";
import type { BoardSort } from "../../bindings/BoardSort";

export type Density = "cards" | "compact";

export type BoardView = {
  groupBy: BoardGrouping;
  labDay: number | null;
  agencyId: string;
  bentuk: string;
  jenis: string;
  status: string;
  tag: string;
  text: string;
  sort: BoardSort;
  density: Density;
};

export const DEFAULT_VIEW: BoardView = {
  groupBy: "agency",
  labDay: null,
  agencyId: "",
  bentuk: "",
  jenis: "",
  status: "",
  tag: "",
  text: "",
  sort: "newest",
  density: "cards",
};

/** The groupings whose columns an idea can be moved between (the field they set). */
export const MOVABLE: Partial<Record<BoardGrouping, "status" | "tahapan" | "bentuk">> = {
  status: "status",
  tahapan: "tahapan",
  bentuk: "bentuk",
};

const one = (v: string) => (v ? [v] : []);

/**
 * The core's query for `view`; `group`, `offset` and `limit` pick one page of one column,
 * `perColumn` the first cards of every column instead.
 */
export function toQuery(view: BoardView, group: string | null = null, offset = 0, limit = 0, perColumn = 0): BoardQuery {
  return {
    groupBy: view.groupBy,
    labDay: view.labDay,
    agencyIds: one(view.agencyId),
    bentuk: one(view.bentuk),
    jenis: one(view.jenis),
    status: one(view.status),
    tags: one(view.tag.trim()),
    text: view.text.trim(),
    sort: view.sort,
    group,
    offset,
    limit,
    perColumn,
  };
}

/** Whether any filter or search narrows the board. */
export function isFiltered(view: BoardView): boolean {
  return !!(view.labDay || view.agencyId || view.bentuk || view.jenis || view.status || view.tag.trim() || view.text.trim());
}

/** Start and end of a match in a snippet from the core. */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** A snippet split into plain and matched parts, for <mark>. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let hit = false;
  let text = "";
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_END) {
      if (text) parts.push({ text, hit });
      text = "";
      hit = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  if (text) parts.push({ text, hit });
  return parts;
}

/** The value of the grouped field for a card (its column key). */
export function groupOf(card: BoardCard): string {
  return card.group;
}
