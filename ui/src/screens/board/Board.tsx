import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  boardPage,
  labStats,
  listAgencies,
  listOptions,
  openProjector,
  setIdeaStatus,
  setShowMode,
  setSpotlight,
  updateIdea,
} from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { BoardCard } from "../../bindings/BoardCard";
import type { BoardColumn } from "../../bindings/BoardColumn";
import type { BoardGrouping } from "../../bindings/BoardGrouping";
import type { BoardSort } from "../../bindings/BoardSort";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { offered, optionLabel } from "../../components/Choice";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { mark } from "../../perf";
import { type MessageKey, getLocale, t, tn } from "../../i18n";
import { BarChart, Coverage, DayColumns } from "../../charts/Charts";
import { coverageTitle, drawn } from "../../charts/describe";
import { Card } from "./Card";
import { Column, PAGE } from "./Column";
import { type BoardView, DEFAULT_VIEW, MOVABLE, isFiltered, toQuery } from "./boardQuery";
import { Progress } from "./Progress";

type Props = {
  lab: Lab;
  onReady: () => void;
  /** Opens an idea in the capture form. */
  onOpenIdea: (ideaId: string) => void;
};

const GROUPINGS: BoardGrouping[] = ["agency", "tahapan", "bentuk", "status"];
const SORTS: BoardSort[] = ["newest", "oldest", "title", "agency"];
const ROW_HEIGHT = { cards: 116, compact: 46 } as const;
/** Columns drawn at once, before the webview says which are on the screen: the first row. */
const EAGER_COLUMNS = 4;

const storageKey = (labId: string) => `labinov.board.${labId}`;

/**
 * What the columns show: the answer to one query (the view and the write it was asked
 * after), with each column's first page of cards. The grid draws from it alone, so while
 * the next answer is on its way the board stays as it was rather than half new.
 */
type Head = {
  view: BoardView;
  version: number;
  total: number;
  columns: BoardColumn[];
  firstPages: Map<string, BoardCard[]>;
};

function storedView(labId: string): BoardView {
  try {
    const raw = localStorage.getItem(storageKey(labId));
    return raw ? { ...DEFAULT_VIEW, ...(JSON.parse(raw) as Partial<BoardView>), text: "" } : DEFAULT_VIEW;
  } catch {
    return DEFAULT_VIEW;
  }
}

type Focus = { col: number; row: number };

/**
 * "Papan ide": progress, then the lab's ideas in columns by agency, tahapan, bentuk or
 * status, with filters, search and sort. Columns are virtualised and fed page by page by
 * the core, so thousands of ideas stay smooth. In the tahapan, bentuk and status views a
 * card moves to another column by dragging it or with Alt+← →.
 */
export function Board({ lab, onReady, onOpenIdea }: Props) {
  const [view, setView] = useState<BoardView>(() => storedView(lab.id));
  const [text, setText] = useState("");
  const [version, setVersion] = useState(0);
  const [head, setHead] = useState<Head | null>(null);
  const [stats, setStats] = useState<Awaited<ReturnType<typeof labStats>> | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [options, setOptions] = useState<OptionItem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [note, setNote] = useState("");
  const [chartsOpen, setChartsOpen] = useState(false);
  const cardsAt = useRef(new Map<string, BoardCard>());
  const ready = useRef(false);
  const grid = useRef<HTMLDivElement>(null);

  useChanged(lab.id, () => setVersion((v) => v + 1));

  useEffect(() => {
    try {
      localStorage.setItem(storageKey(lab.id), JSON.stringify({ ...view, text: "" }));
    } catch {
      // Remembering the view is a comfort, not a need.
    }
  }, [view]);

  // The search follows typing after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => setView((v) => (v.text === text ? v : { ...v, text })), 200);
    return () => clearTimeout(timer);
  }, [text]);

  // The reads start from layout effects: as the board is committed, not a frame later.
  useLayoutEffect(() => {
    Promise.all([listAgencies(lab.id), listOptions(lab.id)]).then(([a, o]) => {
      setAgencies(a);
      setOptions(o);
    }, (reason: unknown) => setError(ApiError.from(reason)));
  }, [lab.id]);

  useLayoutEffect(() => {
    labStats(lab.id).then(setStats, (reason: unknown) => setError(ApiError.from(reason)));
  }, [lab.id, version]);

  const queryKey = JSON.stringify({ ...view, density: null });
  useLayoutEffect(() => {
    let current = true;
    mark("labinov:board-query");
    const asked = { view, version };
    // One query: the columns, their counts and the first page of each.
    boardPage(lab.id, toQuery(view, null, 0, 0, PAGE)).then(
      (page) => {
        if (!current) return;
        const firstPages = new Map<string, BoardCard[]>();
        for (const card of page.cards) {
          const cards = firstPages.get(card.group);
          if (cards) cards.push(card);
          else firstPages.set(card.group, [card]);
        }
        setHead({ ...asked, total: page.total, columns: page.columns, firstPages });
        setError(null);
      },
      (reason: unknown) => current && setError(ApiError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [lab.id, queryKey, version]);

  // The grid shows the last answer, asked with `shown`; the tools above it the view being asked.
  const shown = head?.view ?? view;
  const columns = head ? head.columns.filter((c) => shown.groupBy !== "agency" || c.count > 0) : [];
  const movable = MOVABLE[shown.groupBy];
  const rowHeight = ROW_HEIGHT[view.density];
  const columnLabel = (c: BoardColumn) =>
    c.key === "" ? t("board.notSet") : getLocale() === "en" && c.labelEn ? c.labelEn : c.labelId;

  const painted = () => {
    mark("labinov:board-painted");
    if (!ready.current) {
      ready.current = true;
      onReady();
    }
  };
  useEffect(() => {
    if (head && columns.length === 0 && !ready.current) painted();
  }, [head]);

  const set = (change: Partial<BoardView>) => {
    setFocus(null);
    setView((v) => ({ ...v, ...change }));
  };

  const move = async (card: BoardCard, to: BoardColumn) => {
    if (!movable || to.key === card.group) return;
    try {
      if (movable === "status") await setIdeaStatus(card.id, to.key || "captured");
      else await updateIdea(card.id, { [movable]: to.key });
      setNote(t("board.moved", { title: card.title, column: columnLabel(to) }));
    } catch (reason) {
      setError(ApiError.from(reason));
    }
  };

  const spotlight = async (card: BoardCard) => {
    try {
      await setSpotlight(lab.id, card.id);
      await setShowMode(lab.id, "spotlight");
      setNote(t("board.spotlit", { title: card.title }));
    } catch (reason) {
      setError(ApiError.from(reason));
    }
  };

  const focusCard = (f: Focus) => {
    setFocus(f);
    // The row exists after the column scrolled to it; focus it then.
    setTimeout(() => {
      const col = grid.current?.querySelectorAll<HTMLElement>("[data-testid=board-group]")[f.col];
      col?.querySelector<HTMLElement>(`[data-row="${f.row}"] .bcard`)?.focus();
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!focus || !head) return;
    const col = columns[focus.col];
    if (!col) return;
    const card = cardsAt.current.get(`${focus.col}:${focus.row}`);
    const clampRow = (c: number, r: number) => Math.max(0, Math.min(r, (columns[c]?.count ?? 1) - 1));
    if (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
      e.preventDefault();
      const to = columns[focus.col + (e.key === "ArrowLeft" ? -1 : 1)];
      if (card && to && movable) void move(card, to);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    let next: Focus | null = null;
    if (e.key === "ArrowDown") next = { col: focus.col, row: clampRow(focus.col, focus.row + 1) };
    else if (e.key === "ArrowUp") next = { col: focus.col, row: clampRow(focus.col, focus.row - 1) };
    else if (e.key === "ArrowRight" && focus.col < columns.length - 1)
      next = { col: focus.col + 1, row: clampRow(focus.col + 1, focus.row) };
    else if (e.key === "ArrowLeft" && focus.col > 0) next = { col: focus.col - 1, row: clampRow(focus.col - 1, focus.row) };
    else if (e.key === "Home") next = { col: focus.col, row: 0 };
    else if (e.key === "End") next = { col: focus.col, row: clampRow(focus.col, col.count - 1) };
    else if (e.key === "Enter" && card) {
      e.preventDefault();
      onOpenIdea(card.id);
      return;
    } else if ((e.key === "s" || e.key === "S") && card) {
      e.preventDefault();
      void spotlight(card);
      return;
    }
    if (next) {
      e.preventDefault();
      focusCard(next);
    }
  };

  if (!head || !stats) return error ? <ErrorBanner error={error} /> : <Loading />;

  const select = (
    label: MessageKey,
    testid: string,
    value: string,
    choices: { value: string; label: string }[],
    onValue: (v: string) => void,
  ) => (
    <label class="filter">
      <span class="filter__label">{t(label)}</span>
      <select class="input select filter__select" data-testid={testid} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
        <option value="">{t("board.filter.all")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
  const listChoices = (list: string) => offered(options, list).map((o) => ({ value: o.code, label: optionLabel(o) }));
  const agencyCode = (id: string) => agencies.find((a) => a.id === id)?.code;

  return (
    <section class="board" data-testid="board" aria-label={t("board.title")}>
      <h1 class="visually-hidden">{t("board.title")}</h1>
      {error && <ErrorBanner error={error} />}
      <Progress stats={stats} />
      <details class="board-charts" onToggle={(e) => setChartsOpen(e.currentTarget.open)}>
        <summary>{t("board.charts")}</summary>
        {/* Drawn once opened: closed, they would only slow the board's first paint. */}
        {chartsOpen && (
          <div class="board-charts__grid">
            <BarChart {...drawn(stats.charts.perAgency)} barHeight={18} />
            <div>
              <DayColumns {...drawn(stats.charts.perDay)} />
              <BarChart {...drawn(stats.charts.perBentuk)} barHeight={22} />
              <Coverage
                title={coverageTitle(stats.charts.coverage)}
                covered={stats.charts.coverage.bars[0]?.value ?? 0}
                total={stats.charts.coverage.max}
              />
            </div>
          </div>
        )}
      </details>
      <div class="board-tools">
        <label class="filter filter--search">
          <span class="filter__label">{t("board.search")}</span>
          <input
            class="input"
            type="search"
            data-testid="board-search"
            placeholder={t("board.searchHint")}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <div class="segmented" role="group" aria-label={t("board.groupBy")}>
          {GROUPINGS.map((g) => (
            <button
              key={g}
              type="button"
              class={view.groupBy === g ? "segmented__item is-on" : "segmented__item"}
              aria-pressed={view.groupBy === g}
              data-testid={`board-group-by-${g}`}
              onClick={() => set({ groupBy: g })}
            >
              {t(`board.group.${g}`)}
            </button>
          ))}
        </div>
        <div class="segmented" role="group" aria-label={t("board.density")}>
          {(["cards", "compact"] as const).map((d) => (
            <button
              key={d}
              type="button"
              class={view.density === d ? "segmented__item is-on" : "segmented__item"}
              aria-pressed={view.density === d}
              onClick={() => set({ density: d })}
            >
              {t(`board.density.${d}`)}
            </button>
          ))}
        </div>
        <button type="button" class="button button--secondary" data-testid="open-projector" onClick={() => void openProjector().catch((r: unknown) => setError(ApiError.from(r)))}>
          {t("board.openProjector")}
        </button>
      </div>
      <div class="board-filters" aria-label={t("board.filters")} role="group">
        {select("board.filter.day", "filter-day", view.labDay ? String(view.labDay) : "", Array.from({ length: lab.days }, (_, i) => ({ value: String(i + 1), label: t("field.dayN", { day: i + 1 }) })), (v) => set({ labDay: v ? Number(v) : null }))}
        {select("board.filter.agency", "filter-agency", view.agencyId, agencies.filter((a) => !a.retiredAt).map((a) => ({ value: a.id, label: a.shortName })), (v) => set({ agencyId: v }))}
        {select("board.filter.bentuk", "filter-bentuk", view.bentuk, listChoices("bentuk"), (v) => set({ bentuk: v }))}
        {select("board.filter.jenis", "filter-jenis", view.jenis, listChoices("jenis"), (v) => set({ jenis: v }))}
        {select("board.filter.status", "filter-status", view.status, listChoices("status"), (v) => set({ status: v }))}
        <label class="filter">
          <span class="filter__label">{t("board.filter.tag")}</span>
          <input class="input filter__tag" type="text" data-testid="filter-tag" value={view.tag} onChange={(e) => set({ tag: e.currentTarget.value })} />
        </label>
        <label class="filter">
          <span class="filter__label">{t("board.sort")}</span>
          <select class="input select filter__select" data-testid="board-sort" value={view.sort} onChange={(e) => set({ sort: e.currentTarget.value as BoardSort })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`board.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {isFiltered(view) && (
          <button type="button" class="button button--quiet-dark" onClick={() => { setText(""); set({ ...DEFAULT_VIEW, groupBy: view.groupBy, density: view.density, sort: view.sort }); }}>
            {t("board.filter.clear")}
          </button>
        )}
      </div>
      <p class="board-status" role="status" aria-live="polite" data-testid="board-status">
        {isFiltered(shown) && <span data-testid="board-matching">{tn("board.matching", head.total)} </span>}
        {note}
      </p>
      <p class="board-hint">{t("board.keysHint")}</p>
      {columns.length === 0 || head.total === 0 ? (
        <p class="board__empty">{isFiltered(shown) ? t("board.noMatch") : t("board.empty")}</p>
      ) : (
        <div class={shown.groupBy === "agency" ? "board-grid board-grid--agency" : "board-grid board-grid--kanban"} ref={grid} onKeyDown={onKeyDown}>
          {columns.map((c, ci) => (
            <section
              key={c.key}
              class="bcol"
              data-testid="board-group"
              data-agency-code={shown.groupBy === "agency" ? agencyCode(c.key) : undefined}
              data-column={c.key}
              aria-label={`${columnLabel(c)}: ${tn("board.groupCount", c.count)}`}
              onDragOver={(e) => {
                if (movable) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                const id = e.dataTransfer?.getData("text/x-labinov-idea");
                const card = [...cardsAt.current.values()].find((k) => k.id === id);
                if (card) void move(card, c);
              }}
            >
              <header class="bcol__head">
                <h2 class="bcol__title">{columnLabel(c)}</h2>
                <span class="badge">{c.count}</span>
              </header>
              <Column
                labId={lab.id}
                view={shown}
                columnKey={c.key}
                count={c.count}
                firstPage={head.firstPages.get(c.key) ?? []}
                eager={ci < EAGER_COLUMNS}
                rowHeight={rowHeight}
                version={head.version}
                focusRow={focus?.col === ci ? focus.row : null}
                onPainted={ci === 0 ? painted : undefined}
                renderCard={(card, row, focused) => {
                  if (card) cardsAt.current.set(`${ci}:${row}`, card);
                  return (
                    <div data-row={row} class="bcard-slot">
                      <Card
                        card={card}
                        options={options}
                        focused={focused || (!focus && ci === 0 && row === 0)}
                        movable={!!movable}
                        compact={view.density === "compact"}
                        onFocus={() => setFocus({ col: ci, row })}
                        onOpen={() => card && onOpenIdea(card.id)}
                      />
                    </div>
                  );
                }}
              />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
