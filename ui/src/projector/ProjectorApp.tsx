import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import {
  appInfo,
  boardPage,
  getAgenda,
  getIdea,
  labStats,
  listAgencies,
  listOptions,
  openLab,
  pitchSession,
  showState,
} from "../api";
import type { AgendaSession } from "../bindings/AgendaSession";
import type { BoardCard } from "../bindings/BoardCard";
import type { Lab } from "../bindings/Lab";
import type { ShowMode } from "../bindings/ShowMode";
import type { ShowState } from "../bindings/ShowState";
import { BarChart, Coverage, DayColumns } from "../charts/Charts";
import { optionLabel } from "../components/Choice";
import { useChanged } from "../hooks/useChanged";
import { formatNumber, t, useLocale } from "../i18n";
import { labDayAt, localParts, sessionAt } from "../labClock";
import { formatClock, timerPhase, useRemaining } from "../pitchClock";
import { DEFAULT_VIEW, toQuery } from "../screens/board/boardQuery";

/** Ideas shown on the wall at once; the rest are counted. */
const WALL_SIZE = 24;
/** An idea this new is highlighted on the wall. */
const FRESH_MS = 15_000;

/**
 * The projector window: what the room sees, in large type and high contrast. It shows the
 * lab open in the main window, in the mode the facilitator picks there, and re-reads on
 * every change event. It has no editing controls and may not call any write command.
 */
export function ProjectorApp() {
  useLocale();
  const [lab, setLab] = useState<Lab | null>(null);
  const [show, setShow] = useState<ShowState | null>(null);
  const [version, setVersion] = useState(0);
  const [noLab, setNoLab] = useState(false);

  const load = () =>
    appInfo()
      .then((info) => (info.lastLabId ? openLab(info.lastLabId) : null))
      .then((l) => {
        setNoLab(!l);
        setLab(l);
        return l ? showState(l.id) : null;
      })
      .then(setShow, () => setNoLab(true));
  useEffect(() => void load(), []);
  // Any window's write to this lab re-reads what is shown; a change to the labs list may
  // mean the main window opened another lab.
  useChanged(lab?.id ?? null, (e) => {
    if (e.entity === "lab") void load();
    else if (lab) showState(lab.id).then(setShow, () => undefined);
    setVersion((v) => v + 1);
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "F11" || e.key === "f" || e.key === "F" || e.key === "Escape") {
        e.preventDefault();
        void toggleFullscreen(e.key === "Escape" ? false : null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const theme = show?.theme ?? "dark";
  return (
    <div class={`projector projector--${theme}`} data-screen="projector" data-theme={theme}>
      {noLab && <p class="projector__empty">{t("projector.noLab")}</p>}
      {lab && show && <Mode lab={lab} show={show} version={version} />}
    </div>
  );
}

async function toggleFullscreen(to: boolean | null) {
  try {
    const { getCurrentWindow } = await import("@tauri-apps/api/window");
    const w = getCurrentWindow();
    await w.setFullscreen(to ?? !(await w.isFullscreen()));
  } catch {
    // Outside Tauri (tests) there is no window to change.
  }
}

/** Marks the root with the mode once its data has loaded (the end-to-end tests wait on it). */
function Ready({ mode, children }: { mode: ShowMode; children: ComponentChildren }) {
  return (
    <main class={`projector__stage projector__stage--${mode}`} data-mode={mode}>
      {children}
    </main>
  );
}

function Mode({ lab, show, version }: { lab: Lab; show: ShowState; version: number }) {
  switch (show.mode) {
    case "wall":
      return <Wall lab={lab} version={version} />;
    case "spotlight":
      return <Spotlight lab={lab} ideaId={show.spotlightIdeaId} version={version} />;
    case "progress":
      return <ProgressView lab={lab} version={version} />;
    case "agenda":
      return <AgendaView lab={lab} version={version} />;
    case "results":
      return <Results lab={lab} released={show.resultsReleased} version={version} />;
  }
}

/** Loads `load()` whenever `deps` change; null until the first answer. */
function useData<T>(load: () => Promise<T>, deps: unknown[]): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (d) => current && setData(d),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, deps);
  return data;
}

function Count({ count, target }: { count: number; target: number }) {
  return (
    <p class="projector__count" data-testid="projector-count">
      {t("projector.count", { count: formatNumber(count), target: formatNumber(target) })}
    </p>
  );
}

function Wall({ lab, version }: { lab: Lab; version: number }) {
  const page = useData(
    () => boardPage(lab.id, toQuery(DEFAULT_VIEW, null, 0, WALL_SIZE)),
    [lab.id, version],
  );
  const stats = useData(() => labStats(lab.id), [lab.id, version]);
  if (!page || !stats) return null;
  // A flat wall, newest first: the core groups by agency, so sort here.
  const cards = [...page.cards].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
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
        <ul class="wall">
          {cards.map((c) => (
            <WallCard key={c.id} card={c} fresh={now - Date.parse(c.createdAt) < FRESH_MS} />
          ))}
        </ul>
      )}
      {page.total > cards.length && <p class="projector__more">{t("projector.more", { count: formatNumber(page.total - cards.length) })}</p>}
    </Ready>
  );
}

function WallCard({ card, fresh }: { card: BoardCard; fresh: boolean }) {
  return (
    <li class={fresh ? "wall__card is-fresh" : "wall__card"} data-testid="projector-wall-card">
      <span class="wall__agency">{card.agencyShortName}</span>
      <span class="wall__title">{card.title}</span>
    </li>
  );
}

function Spotlight({ lab, ideaId, version }: { lab: Lab; ideaId: string | null; version: number }) {
  const data = useData(async () => {
    if (!ideaId) return { idea: null, agencyName: "", options: [], session: await pitchSession(lab.id), readAt: Date.now() };
    const [idea, agencies, options, session] = await Promise.all([getIdea(ideaId), listAgencies(lab.id), listOptions(lab.id), pitchSession(lab.id)]);
    return { idea, agencyName: agencies.find((a) => a.id === idea.agencyId)?.name ?? "", options, session, readAt: Date.now() };
  }, [lab.id, ideaId, version]);
  const pitching = data?.session && data.session.current === ideaId ? data.session : null;
  const left = useRemaining(pitching, data?.readAt ?? Date.now());
  if (!data) return null;
  const { idea, agencyName, options } = data;
  if (!idea) {
    return (
      <Ready mode="spotlight">
        <p class="projector__empty">{t("projector.spotlightEmpty")}</p>
      </Ready>
    );
  }
  const label = (list: string, code: string) => {
    const o = options.find((x) => x.list === list && x.code === code);
    return o ? optionLabel(o) : "";
  };
  const phase = pitching ? timerPhase(pitching.timer, left, true) : "idle";
  const tagsLine = [label("tahapan", idea.tahapan), label("jenis", idea.jenis), label("bentuk", idea.bentuk)].filter(Boolean);
  return (
    <Ready mode="spotlight">
      <div class="spot">
        <p class="spot__agency">{agencyName}</p>
        <h1 class="spot__title" data-testid="projector-spotlight-title">
          {idea.title}
        </h1>
        {idea.proposerName && <p class="spot__who">{[idea.proposerName, idea.proposerPosition].filter(Boolean).join(", ")}</p>}
        {tagsLine.length > 0 && (
          <ul class="spot__chips">
            {tagsLine.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
        <div class="spot__body">
          {idea.problem && (
            <section>
              <h2>{t("projector.problem")}</h2>
              <p>{idea.problem}</p>
            </section>
          )}
          {(idea.description || idea.rancangBangun) && (
            <section>
              <h2>{t("projector.idea")}</h2>
              <p>{idea.description || idea.rancangBangun}</p>
            </section>
          )}
        </div>
      </div>
      {pitching && (
        <div class={`spot__timer is-${phase}`} data-testid="projector-timer" data-phase={phase}>
          <span class="spot__clock">{formatClock(left)}</span>
          {phase === "over" && <span class="spot__phase">{t("projector.timeUp")}</span>}
          {phase === "paused" && <span class="spot__phase">{t("projector.paused")}</span>}
        </div>
      )}
    </Ready>
  );
}

function ProgressView({ lab, version }: { lab: Lab; version: number }) {
  const stats = useData(() => labStats(lab.id), [lab.id, version]);
  if (!stats) return null;
  const percent = stats.ideaTarget > 0 ? Math.min(100, (stats.ideaCount / stats.ideaTarget) * 100) : 100;
  const total = stats.perAgency.length;
  const covered = total - stats.agenciesWithoutIdea.length;
  return (
    <Ready mode="progress">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.progressTitle")}</h1>
      </header>
      <div class="prog">
        <div class="prog__main">
          <Count count={stats.ideaCount} target={stats.ideaTarget} />
          <div class="prog__bar" role="progressbar" aria-valuemin={0} aria-valuemax={stats.ideaTarget} aria-valuenow={stats.ideaCount}>
            <div class="prog__fill" style={{ width: `${percent}%` }} />
          </div>
          <p class="prog__coverage">{t("projector.coverage", { with: formatNumber(covered), total: formatNumber(total) })}</p>
          <Coverage title={t("projector.coverage", { with: covered, total })} covered={covered} total={total} />
        </div>
        <div class="prog__days">
          <h2>{t("projector.perDay")}</h2>
          <DayColumns
            title={t("projector.perDay")}
            data={stats.perDay.map((d) => ({ label: t("projector.dayN", { day: d.day }), value: d.count }))}
          />
        </div>
      </div>
      <section class="prog__bentuk">
        <BarChart
          title={t("chart.perBentuk")}
          data={stats.perBentuk.filter((o) => o.count > 0).map((o) => ({ label: optionLabel({ ...o, list: "bentuk", position: 0, retired: false }), value: o.count }))}
          barHeight={34}
        />
      </section>
      <section class="prog__without">
        <h2>{stats.agenciesWithoutIdea.length ? t("projector.without") : t("projector.allHave")}</h2>
        <ul class="prog__chips">
          {stats.agenciesWithoutIdea.map((a) => (
            <li key={a.id}>{a.shortName}</li>
          ))}
        </ul>
      </section>
    </Ready>
  );
}

function AgendaView({ lab, version }: { lab: Lab; version: number }) {
  const data = useData(() => Promise.all([getAgenda(lab.id), listOptions(lab.id)]), [lab.id, version]);
  const agenda = data?.[0] ?? null;
  const stageLabel = (code: string) => {
    const o = data?.[1].find((x) => x.list === "stage" && x.code === code);
    return o ? optionLabel(o) : code;
  };
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(tick);
  }, []);
  if (!agenda) return null;
  const day = labDayAt(lab, now) ?? 1;
  const current = sessionAt(lab, agenda, now);
  const { time } = localParts(now, lab.timeZone);
  const today = agenda.filter((s) => s.day === day);
  const next = today.find((s) => s.startsAt > time) ?? null;
  const left = current ? minutesUntil(current, time) : 0;
  return (
    <Ready mode="agenda">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.agendaDay", { day })}</h1>
      </header>
      <div class="agenda-now">
        {current ? (
          <>
            <p class="agenda-now__label">{t("projector.agendaNow")}</p>
            <p class="agenda-now__title">{current.title}</p>
            {current.stage && <p class="agenda-now__stage">{stageLabel(current.stage)}</p>}
            <p class="agenda-now__left" data-testid="projector-timer">
              {formatClock(left * 1000)} <span>{t("projector.agendaLeft")}</span>
            </p>
          </>
        ) : (
          <p class="projector__empty">{t("projector.agendaNone")}</p>
        )}
        {next && (
          <p class="agenda-now__next">
            {t("projector.agendaNext")}: {next.startsAt} {next.title}
          </p>
        )}
      </div>
      <ol class="agenda-day">
        {today.map((s) => (
          <li key={s.id} class={current?.id === s.id ? "is-now" : ""}>
            <span>
              {s.startsAt}–{s.endsAt}
            </span>{" "}
            {s.title}
          </li>
        ))}
      </ol>
    </Ready>
  );
}

/** Seconds from `time` (HH:MM, the lab's clock) to the end of `s`. */
function minutesUntil(s: AgendaSession, time: string): number {
  const toS = (hm: string) => Number(hm.slice(0, 2)) * 3600 + Number(hm.slice(3, 5)) * 60;
  return Math.max(0, toS(s.endsAt) - toS(time) - new Date().getSeconds());
}

// Until the review feature lands (issue 5), the results are the ideas the facilitators
// marked selected and shortlisted; the review ranking replaces this list then.
function Results({ lab, released, version }: { lab: Lab; released: boolean; version: number }) {
  const page = useData(
    () => (released ? boardPage(lab.id, { ...toQuery({ ...DEFAULT_VIEW, groupBy: "status" }, null, 0, 30), status: ["selected", "shortlisted"] }) : Promise.resolve(null)),
    [lab.id, released, version],
  );
  if (released && !page) return null;
  if (!released) {
    return (
      <Ready mode="results">
        <header class="projector__head">
          <h1 class="projector__lab">{lab.name}</h1>
        </header>
        <p class="projector__big">{t("projector.resultsHidden")}</p>
      </Ready>
    );
  }
  const selected = page?.cards.filter((c) => c.status === "selected") ?? [];
  const shortlisted = page?.cards.filter((c) => c.status === "shortlisted") ?? [];
  return (
    <Ready mode="results">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.resultsTitle")}</h1>
      </header>
      {selected.length + shortlisted.length === 0 ? (
        <p class="projector__empty">{t("projector.resultsEmpty")}</p>
      ) : (
        <div class="results">
          {[
            [t("projector.selected"), selected],
            [t("projector.shortlisted"), shortlisted],
          ].map(([title, cards]) =>
            (cards as BoardCard[]).length ? (
              <section key={title as string}>
                <h2>{title as string}</h2>
                <ol class="wall">
                  {(cards as BoardCard[]).map((c) => (
                    <WallCard key={c.id} card={c} fresh={false} />
                  ))}
                </ol>
              </section>
            ) : null,
          )}
        </div>
      )}
    </Ready>
  );
}
