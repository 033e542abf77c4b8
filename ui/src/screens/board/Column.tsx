import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { boardPage } from "../../api";
import type { BoardCard } from "../../bindings/BoardCard";
import { type BoardView, toQuery } from "./boardQuery";

/**
 * Cards per page: a column's screenful with its overscan in every view and density (at
 * most 23 rows: compact cards in a tall kanban column). The first page of every column
 * comes in the board's one query, so it is kept small.
 */
export const PAGE = 30;
/** Rows drawn beyond the visible ones, so scrolling shows no gaps. */
const OVERSCAN = 6;

type Props = {
  labId: string;
  view: BoardView;
  columnKey: string;
  count: number;
  /** The column's first page of cards, from the query that counted the columns. */
  firstPage: BoardCard[];
  /**
   * Draw the cards at once. Otherwise the column waits until it comes near the screen (the
   * board's first paint draws the few columns in view, not all thirty-seven agencies).
   */
  eager: boolean;
  rowHeight: number;
  /** Changes after every write, so loaded pages are fetched again. */
  version: number;
  /** The row that has the keyboard focus in this column, or null. */
  focusRow: number | null;
  renderCard: (card: BoardCard | null, index: number, focused: boolean) => ComponentChildren;
  /** Once the first page has been drawn. */
  onPainted?: () => void;
};

/**
 * One column of the board, virtualised: only the visible rows exist in the page, and the
 * core is asked for the pages of cards those rows need beyond the first, which comes with
 * the board's own query. Thousands of ideas scroll as smoothly as ten.
 */
export function Column({ labId, view, columnKey, count, firstPage, eager, rowHeight, version, focusRow, renderCard, onPainted }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearScreen(box, eager);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [, setLoaded] = useState(0);
  const pages = useRef(new Map<number, BoardCard[]>());
  const asked = useRef(new Set<number>());
  const queryKey = JSON.stringify({ ...view, density: null, columnKey, version });
  const painted = useRef(false);
  const currentKey = useRef<string | null>(null);
  // A new query (or a write anywhere) starts the cache over, from the first page the board
  // brought; this very render draws it.
  if (currentKey.current !== queryKey) {
    currentKey.current = queryKey;
    pages.current = new Map([[0, firstPage]]);
    asked.current = new Set([0]);
    painted.current = false;
  }

  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.clientHeight > 0) setHeight(el.clientHeight);
  });

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  // Fetch the pages the visible rows need.
  useEffect(() => {
    if (count === 0 || !near) return;
    const key = queryKey;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) {
      if (asked.current.has(p)) continue;
      asked.current.add(p);
      boardPage(labId, toQuery(view, columnKey, p * PAGE, PAGE)).then(
        (page) => {
          if (key !== currentKey.current) return;
          pages.current.set(p, page.cards);
          setLoaded((n) => n + 1);
        },
        () => asked.current.delete(p),
      );
    }
  }, [queryKey, first, last, count, near]);

  // Keep the focused row in view.
  useEffect(() => {
    const el = box.current;
    if (focusRow === null || !el) return;
    const top = focusRow * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [focusRow]);

  const cardAt = (i: number) => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE] ?? null;
  const rows = [];
  for (let i = first; near && i < last; i++) {
    rows.push(
      <div key={i} class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {renderCard(cardAt(i), i, focusRow === i)}
      </div>,
    );
  }

  useEffect(() => {
    if (!painted.current && (count === 0 || cardAt(0))) {
      painted.current = true;
      onPainted?.();
    }
  });

  return (
    <div class="vlist" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div class="vlist__space" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}

/** Rows of margin around the screen within which a column counts as near it. */
const NEAR_MARGIN = "50% 0px";

/**
 * Whether the element has come on or near the screen (and so stays). True from the start
 * when `eager`, or where the webview cannot tell (no IntersectionObserver).
 */
function useNearScreen(box: { current: HTMLElement | null }, eager: boolean): boolean {
  const [near, setNear] = useState(() => eager || typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = box.current;
    if (near || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: NEAR_MARGIN },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return near;
}
