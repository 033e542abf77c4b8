import { useEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  archivePage,
  archiveSummary,
  carryForwardIdea,
  ideaLineage,
  listOptions,
} from "../../api";
import type { ArchiveItem } from "../../bindings/ArchiveItem";
import type { ArchivePage } from "../../bindings/ArchivePage";
import type { ArchiveQuery } from "../../bindings/ArchiveQuery";
import type { ArchiveSummary } from "../../bindings/ArchiveSummary";
import type { LineageStep } from "../../bindings/LineageStep";
import type { OptionItem } from "../../bindings/OptionItem";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useLoad } from "../../hooks/useLoad";
import { formatNumber, getLocale, t, tn } from "../../i18n";
import { ExportPanel } from "../data/ExportPanel";
import { ImportLab } from "./ImportLab";

type Props = {
  /** Back to the list of labs (also Esc). */
  onBack: () => void;
  /** Opens an idea in its lab. */
  onOpenIdea: (labId: string, ideaId: string) => void;
  onReady: () => void;
};

const PAGE = 50;

const EMPTY_QUERY: ArchiveQuery = {
  years: [],
  labIds: [],
  agencyCodes: [],
  tahapan: [],
  status: [],
  tematik: [],
  text: "",
  offset: 0,
  limit: PAGE,
};

async function loadSummary(): Promise<{ summary: ArchiveSummary; options: OptionItem[] }> {
  const summary = await archiveSummary();
  // Option labels as the newest lab words them (each lab keeps its own lists).
  const newest = summary.labs[0];
  const options = newest ? await listOptions(newest.id) : [];
  return { summary, options };
}

/** "Arsip": every lab of every year on this laptop, its agencies' ideas per year, and search. */
export function Archive({ onBack, onOpenIdea, onReady }: Props) {
  const { data, error, reload } = useLoad(loadSummary, "archive");
  const [query, setQuery] = useState<ArchiveQuery>(EMPTY_QUERY);
  const [page, setPage] = useState<ArchivePage | null>(null);
  const [pageError, setPageError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const generation = useRef(0);
  const loaded = data !== null && page !== null;

  useEffect(() => {
    if (loaded) onReady();
  }, [loaded]);

  useEffect(() => {
    const mine = ++generation.current;
    const timer = setTimeout(
      () =>
        archivePage(query).then(
          (p) => {
            if (generation.current !== mine) return;
            setPage(p);
            setPageError(null);
          },
          (reason: unknown) => {
            if (generation.current === mine) setPageError(ApiError.from(reason));
          },
        ),
      query.text ? 150 : 0,
    );
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onBack();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onBack]);

  if (!data) return error ? <ErrorBanner error={error} onRetry={reload} /> : <Loading />;
  const { summary, options } = data;
  const label = (list: string, code: string) => {
    if (!code) return t("archive.notSet");
    const o = options.find((x) => x.list === list && x.code === code);
    return o ? (getLocale() === "en" ? o.labelEn : o.labelId) : code;
  };
  const listOf = (list: string) =>
    options.filter((o) => o.list === list && !o.retired).sort((a, b) => a.position - b.position);
  const set = (change: Partial<ArchiveQuery>) => setQuery((q) => ({ ...q, ...change, offset: 0 }));
  const one = (v: string) => (v ? [v] : []);

  const carried = (item: ArchiveItem, toLab: string) =>
    carryForwardIdea(item.id, toLab).then(
      () => {
        const lab = summary.labs.find((l) => l.id === toLab);
        setNote(t("archive.carried", { title: item.title, lab: lab?.name ?? "" }));
        setPageError(null);
        reload();
        setQuery((q) => ({ ...q }));
      },
      (reason: unknown) => setPageError(ApiError.from(reason)),
    );

  return (
    <section class="start archive" aria-labelledby="archive-title" data-testid="archive">
      <header class="start__intro start__intro--row">
        <div>
          <h1 id="archive-title" class="start__title">
            {t("archive.title")}
          </h1>
          <p class="lead">
            {t("archive.intro", {
              labs: tn("archive.labs", summary.labs.length),
              ideas: tn("archive.ideas", summary.ideas),
              years: summary.years.length ? `${summary.years[0]}–${summary.years[summary.years.length - 1]}` : "—",
            })}
          </p>
        </div>
        <button type="button" class="button button--secondary" onClick={onBack} aria-keyshortcuts="Escape">
          {t("archive.back")}
        </button>
      </header>

      <AgencyYears summary={summary} />

      <div class="card archive__search">
        <h2 class="card__title">{t("archive.searchTitle")}</h2>
        <div class="archive__filters" role="search">
          <label class="filter filter--search">
            <span class="filter__label">{t("archive.search")}</span>
            <input
              type="search"
              class="input"
              data-testid="archive-search"
              value={query.text}
              placeholder={t("archive.searchHint")}
              onInput={(e) => set({ text: (e.target as HTMLInputElement).value })}
            />
          </label>
          <Select
            label={t("archive.year")}
            value={query.years[0]?.toString() ?? ""}
            onChange={(v) => set({ years: v ? [Number(v)] : [] })}
            options={summary.years
              .slice()
              .reverse()
              .map((y) => [String(y), String(y)])}
            testid="archive-year"
          />
          <Select
            label={t("archive.lab")}
            value={query.labIds[0] ?? ""}
            onChange={(v) => set({ labIds: one(v) })}
            options={summary.labs.map((l) => [l.id, `${l.name} (${l.year})`])}
            testid="archive-lab"
          />
          <Select
            label={t("archive.agency")}
            value={query.agencyCodes[0] ?? ""}
            onChange={(v) => set({ agencyCodes: one(v) })}
            options={summary.agencies.map((a) => [a.code, `${a.shortName || a.code} — ${a.name}`])}
            testid="archive-agency"
          />
          <Select
            label={t("archive.tahapan")}
            value={query.tahapan[0] ?? ""}
            onChange={(v) => set({ tahapan: one(v) })}
            options={listOf("tahapan").map((o) => [o.code, label("tahapan", o.code)])}
            testid="archive-tahapan"
          />
          <Select
            label={t("archive.status")}
            value={query.status[0] ?? ""}
            onChange={(v) => set({ status: one(v) })}
            options={listOf("status").map((o) => [o.code, label("status", o.code)])}
            testid="archive-status"
          />
          <Select
            label={t("archive.tematik")}
            value={query.tematik[0] ?? ""}
            onChange={(v) => set({ tematik: one(v) })}
            options={listOf("tematik").map((o) => [o.code, label("tematik", o.code)])}
            testid="archive-tematik"
          />
        </div>
        <p class="save-status" role="status" aria-live="polite">
          {note}
        </p>
        {pageError && <ErrorBanner error={pageError} />}
        {!page ? (
          <Loading />
        ) : page.items.length === 0 ? (
          <p class="empty" data-testid="archive-empty">
            {t("archive.none")}
          </p>
        ) : (
          <>
            <p class="card__note" data-testid="archive-total">
              {t("archive.showing", {
                from: formatNumber(page.offset + 1),
                to: formatNumber(page.offset + page.items.length),
                total: formatNumber(page.total),
              })}
            </p>
            <ul class="archive__list">
              {page.items.map((item) => (
                <ArchiveRow
                  key={item.id}
                  item={item}
                  labs={summary.labs.filter((l) => l.id !== item.labId && l.year >= item.year)}
                  label={label}
                  onOpen={() => onOpenIdea(item.labId, item.id)}
                  onCarry={(lab) => void carried(item, lab)}
                />
              ))}
            </ul>
            <div class="archive__pager">
              <button
                type="button"
                class="button button--secondary"
                disabled={page.offset === 0}
                onClick={() => setQuery((q) => ({ ...q, offset: Math.max(0, q.offset - PAGE) }))}
              >
                {t("archive.prev")}
              </button>
              <button
                type="button"
                class="button button--secondary"
                data-testid="archive-next"
                disabled={page.offset + page.items.length >= page.total}
                onClick={() => setQuery((q) => ({ ...q, offset: q.offset + PAGE }))}
              >
                {t("archive.next")}
              </button>
            </div>
          </>
        )}
      </div>

      <ImportLab
        onImported={() => {
          reload();
          setQuery((q) => ({ ...q }));
        }}
      />

      <div class="card archive__gallery">
        <ExportPanel job={{ kind: "city", labIds: [] }} />
      </div>
    </section>
  );
}

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  testid: string;
}) {
  return (
    <label class="filter">
      <span class="filter__label">{props.label}</span>
      <select
        class="input select filter__select"
        data-testid={props.testid}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="">{t("archive.all")}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Each agency's ideas per year (and how many are in penerapan), across every lab. */
function AgencyYears({ summary }: { summary: ArchiveSummary }) {
  if (summary.agencies.length === 0) return null;
  // Newest year first: the recent years are in view, older ones a scroll away.
  const years = summary.years.slice().reverse();
  return (
    <details class="card archive__years" open={summary.agencies.length <= 12} data-testid="archive-years-box">
      <summary class="card__title">{t("archive.perYear")}</summary>
      <div class="setup-table-wrap">
        <table class="setup-table archive__table" data-testid="archive-years">
          <thead>
            <tr>
              <th scope="col">{t("archive.agency")}</th>
              <th scope="col" class="setup-table__num">
                {t("archive.total")}
              </th>
              <th scope="col" class="setup-table__num">
                {t("archive.inPenerapan")}
              </th>
              {years.map((y) => (
                <th key={y} scope="col" class="setup-table__num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.agencies.map((a) => (
              <tr key={a.code}>
                <th scope="row" class="archive__agency" title={a.name}>
                  <span class="setup-table__code">{a.code}</span>
                  <span class="visually-hidden"> {a.name}</span>
                </th>
                <td class="setup-table__num">{formatNumber(a.ideas)}</td>
                <td class={`setup-table__num${a.inPenerapan ? " archive__yes" : ""}`}>
                  {a.inPenerapan ? formatNumber(a.inPenerapan) : t("archive.noneYet")}
                </td>
                {years.map((y) => {
                  const n = a.perYear.find((p) => p.year === y)?.ideas ?? 0;
                  return (
                    <td key={y} class="setup-table__num">
                      {n ? formatNumber(n) : "–"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ArchiveRow(props: {
  item: ArchiveItem;
  labs: ArchiveSummary["labs"];
  label: (list: string, code: string) => string;
  onOpen: () => void;
  onCarry: (labId: string) => void;
}) {
  const { item, labs, label } = props;
  const [carrying, setCarrying] = useState(false);
  const [target, setTarget] = useState(labs[0]?.id ?? "");
  const [lineage, setLineage] = useState<LineageStep[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const showLineage = () => {
    if (lineage) return setLineage(null);
    ideaLineage(item.id).then(setLineage, (reason: unknown) => setError(ApiError.from(reason)));
  };

  return (
    <li class="archive__item" data-testid="archive-item">
      <div class="archive__main">
        <span class="archive__title">{item.title}</span>
        <span class="archive__meta">
          {item.agencyCode} · {item.labName} ({item.year}) · {label("tahapan", item.tahapan)} ·{" "}
          {label("status", item.status)}
        </span>
        {(item.continues || item.continuedBy > 0) && (
          <span class="archive__link">
            {item.continues && t("archive.continues")}
            {item.continues && item.continuedBy > 0 && " · "}
            {item.continuedBy > 0 && tn("archive.continuedBy", item.continuedBy)}
          </span>
        )}
      </div>
      <div class="archive__actions">
        <button type="button" class="button button--small button--secondary" onClick={props.onOpen}>
          {t("archive.open")}
        </button>
        {(item.continues || item.continuedBy > 0) && (
          <button type="button" class="button button--small button--secondary" onClick={showLineage} aria-expanded={lineage !== null}>
            {t("archive.lineage")}
          </button>
        )}
        {labs.length > 0 &&
          (carrying ? (
            <span class="archive__carry">
              <label>
                <span class="visually-hidden">{t("archive.carryTo")}</span>
                <select class="input select filter__select" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
                  {labs.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name} ({l.year})
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                class="button button--small button--primary"
                data-testid="archive-carry-confirm"
                onClick={() => {
                  setCarrying(false);
                  props.onCarry(target);
                }}
              >
                {t("archive.carry")}
              </button>
              <button type="button" class="button button--small button--secondary" onClick={() => setCarrying(false)}>
                {t("common.cancel")}
              </button>
            </span>
          ) : (
            <button
              type="button"
              class="button button--small button--secondary"
              data-testid="archive-carry"
              onClick={() => setCarrying(true)}
            >
              {t("archive.carryTo")}
            </button>
          ))}
      </div>
      {error && <ErrorBanner error={error} />}
      {lineage && (
        <ol class="archive__lineage" aria-label={t("archive.lineage")}>
          {lineage.map((s) => (
            <li key={s.ideaId} class={s.current ? "is-current" : undefined}>
              {s.labName ? `${s.year} · ${s.labName} · ${s.title}` : t("archive.elsewhere")}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
