import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { CHANGED_EVENT } from "../api";
import type { AgendaSession } from "../bindings/AgendaSession";
import type { BoardCard } from "../bindings/BoardCard";
import type { BoardPage } from "../bindings/BoardPage";
import type { LabStats } from "../bindings/LabStats";
import type { PitchSession } from "../bindings/PitchSession";
import type { ShowState } from "../bindings/ShowState";
import type { RankRow } from "../bindings/RankRow";
import type { VoteOutcome } from "../bindings/VoteOutcome";
import { AGENCIES, LAB, OPTIONS, fakeBackend, idea, type Handler, withCharts } from "../test/fixtures";
import { ProjectorApp } from "./ProjectorApp";
import { WALL_SIZE, wallCards } from "./Wall";

const win = vi.hoisted(() => ({ full: false, setFullscreen: vi.fn(), isFullscreen: vi.fn() }));
vi.mock("@tauri-apps/api/window", () => ({
  getCurrentWindow: () => ({ setFullscreen: win.setFullscreen, isFullscreen: win.isFullscreen }),
}));

const T0 = Date.parse("2026-11-24T03:30:00.000Z"); // day 1 of LAB, 10:30 in Jakarta

const card = (i: number, agency = AGENCIES[i % AGENCIES.length], createdAt = new Date(T0 - (100 - i) * 60_000).toISOString()): BoardCard => ({
  id: `i${i}`,
  agencyId: agency.id,
  agencyCode: agency.code,
  agencyShortName: agency.shortName,
  title: `Ide ${i}`,
  proposerName: "",
  status: "captured",
  tahapan: "",
  bentuk: "",
  jenis: "",
  labDay: 1,
  tags: [],
  group: agency.id,
  createdAt,
  snippet: null,
});

const page = (cards: BoardCard[]): BoardPage => ({
  total: cards.length,
  columns: AGENCIES.map((a) => ({ key: a.id, labelId: a.shortName, labelEn: a.shortName, count: cards.filter((c) => c.group === a.id).length })),
  // The core pages column by column: agency order, newest first inside.
  cards: [...cards].sort((a, b) => AGENCIES.findIndex((x) => x.id === a.group) - AGENCIES.findIndex((x) => x.id === b.group) || b.createdAt.localeCompare(a.createdAt)),
  offset: 0,
});

const stats = (count: number, over: Partial<LabStats> = {}): LabStats =>
  withCharts({
    ideaCount: count,
    ideaTarget: 50,
    perDay: [
      { day: 1, date: "2026-11-24", count },
      { day: 2, date: "2026-11-25", count: 0 },
      { day: 3, date: "2026-11-26", count: 0 },
    ],
    withoutDay: 0,
    perAgency: AGENCIES.map((a, i) => ({ agencyId: a.id, code: a.code, shortName: a.shortName, name: a.name, group: a.group, count: i < 2 ? 1 : 0 })),
    perBentuk: [],
    perJenis: [],
    perStatus: [],
    agenciesWithoutIdea: AGENCIES.slice(2),
    ...over,
  });

const timer = (over: Partial<PitchSession["timer"]> = {}): PitchSession["timer"] => ({
  durationMs: 300_000,
  running: false,
  startedAt: null,
  remainingMs: 300_000,
  ...over,
});

const session = (current: string | null, t = timer()): PitchSession => ({ labId: LAB.id, slots: [], current, timer: t, now: new Date().toISOString() });

const SPOT = idea({
  id: "i1",
  agencyId: AGENCIES[2].id,
  title: "Posyandu Digital",
  proposerName: "dr. Sari",
  proposerPosition: "Kepala Dinas Kesehatan",
  problem: "Balita tidak terpantau",
  description: "Kartu menuju sehat di ponsel kader.",
  tahapan: "uji_coba",
  jenis: "digital",
  bentuk: "pelayanan_publik",
});

type World = {
  show: ShowState;
  cards: BoardCard[];
  stats: LabStats;
  pitch: PitchSession;
  agenda: AgendaSession[];
  lastLabId: string | null;
  ranking: RankRow[];
  vote: VoteOutcome | null;
};

function backend(show: Partial<ShowState> = {}, overrides: Record<string, Handler> = {}) {
  const world: World = {
    show: { labId: LAB.id, mode: "wall", spotlightIdeaId: null, theme: "dark", resultsReleased: false, updatedAt: "", ...show },
    cards: [card(1), card(2)],
    stats: stats(2),
    pitch: session(null),
    agenda: [],
    lastLabId: LAB.id,
    ranking: [],
    vote: null,
  };
  const calls = fakeBackend({
    app_info: () => ({ version: "0", databasePath: "", installationId: "x", schemaVersion: 4, lastLabId: world.lastLabId }),
    get_lab: (_, a) => (a.labId === LAB.id ? LAB : { ...LAB, id: a.labId as string, name: "Lab Inovasi Kota Serang" }),
    show_state: (_, a) => ({ ...world.show, labId: a.labId }),
    board_page: () => page(world.cards),
    lab_stats: () => world.stats,
    pitch_session: () => world.pitch,
    get_idea: () => SPOT,
    list_agencies: () => AGENCIES,
    list_options: () => OPTIONS,
    list_attachments: () => [],
    get_agenda: () => world.agenda,
    // As the core answers: nothing before the release.
    released_results: () =>
      world.show.resultsReleased ? { released: true, ranking: world.ranking, vote: world.vote } : { released: false, ranking: [], vote: null },
    ...overrides,
  });
  return { calls, world };
}

const rootMode = () => document.querySelector("[data-screen=projector]")?.getAttribute("data-mode");
const stageMode = () => document.querySelector("[data-screen=projector] [data-mode]")?.getAttribute("data-mode");
const changed = (entity: string, labId: string | null = LAB.id) => act(() => emit(CHANGED_EVENT, { labId, entity, entityId: "x" }));
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  win.full = false;
  win.setFullscreen.mockReset().mockImplementation(async (on: boolean) => void (win.full = on));
  win.isFullscreen.mockReset().mockImplementation(async () => win.full);
});
afterEach(() => vi.useRealTimers());

describe("the projector's wall", () => {
  it("shows the lab's ideas and the count, marks its root once loaded, and follows captures by their event only", async () => {
    const { calls, world } = backend();
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    expect(stageMode()).toBe("wall");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(LAB.name);
    expect(screen.getByTestId("projector-count").textContent).toBe("2 dari 50 ide");
    expect(screen.getAllByTestId("projector-wall-card").map((c) => c.textContent)).toEqual(["Bappedalitbang Ide 1", "Dinkes Ide 2"]);

    // No polling: without an event, nothing is asked again.
    const before = calls.length;
    await wait(400);
    expect(calls.length).toBe(before);

    // A capture in the main window: the event re-reads, the count goes up, the new card lights up.
    world.cards = [...world.cards, card(3, AGENCIES[2], new Date(T0 - 2_000).toISOString())];
    world.stats = stats(3);
    await changed("idea");
    await waitFor(() => expect(screen.getByTestId("projector-count").textContent).toBe("3 dari 50 ide"));
    const fresh = screen.getAllByTestId("projector-wall-card").filter((c) => c.classList.contains("is-fresh"));
    expect(fresh.map((c) => c.textContent)).toEqual(["Dinkes Ide 3"]);
    expect(fresh[0].style.animationDelay).toBe("-2000ms");
    expect(calls.filter((c) => c.cmd === "board_page")).toHaveLength(2);
    // The newest 12 of each agency: the lab's newest 12 are among them, however large the lab.
    const query = calls.find((c) => c.cmd === "board_page")?.args as { query: { groupBy: string; sort: string; perColumn: number } };
    expect(query.query).toMatchObject({ groupBy: "agency", sort: "newest", perColumn: 12 });

    // An event for the lab is the only thing that makes it read again.
    const after = calls.length;
    await wait(300);
    expect(calls.length).toBe(after);
  });

  it("shows the newest ideas grouped by agency and counts the rest", async () => {
    const { world } = backend();
    // 16 ideas, idea 15 the newest; the core's page starts with the first agencies' old ones.
    world.cards = Array.from({ length: 16 }, (_, i) => card(i));
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    const titles = screen.getAllByTestId("projector-wall-card").map((c) => c.querySelector(".wall__title")?.textContent);
    expect(titles).toHaveLength(WALL_SIZE);
    // The 4 oldest (0-3) are left off; the newest (19) is on the wall.
    expect(titles).not.toContain("Ide 0");
    expect(titles).not.toContain("Ide 3");
    expect(titles).toContain("Ide 15");
    expect(screen.getByText("+4 ide lagi")).toBeTruthy();
    // Grouped: the agencies come in roster order.
    const agencies = screen.getAllByTestId("projector-wall-card").map((c) => c.querySelector(".wall__agency")?.textContent);
    const order = agencies.map((a) => AGENCIES.findIndex((x) => x.shortName === a));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("picks the newest cards across columns", () => {
    const cards = [card(1, AGENCIES[0], "2026-11-24T01:00:00Z"), card(2, AGENCIES[5], "2026-11-24T05:00:00Z"), card(3, AGENCIES[0], "2026-11-24T04:00:00Z")];
    const { cards: shown, hidden } = wallCards(page(cards), 2);
    expect(shown.map((c) => c.id)).toEqual(["i3", "i2"]);
    expect(hidden).toBe(1);
  });

  it("says so when the lab has no idea yet, and when no lab is open", async () => {
    const { world } = backend();
    world.cards = [];
    world.stats = stats(0);
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    expect(document.body.textContent).toContain("Belum ada ide.");
  });

  it("asks the main window to open a lab when none is", async () => {
    const { world } = backend();
    world.lastLabId = null;
    render(<ProjectorApp />);
    await screen.findByText("Buka sebuah lab di jendela utama.");
    expect(rootMode()).toBeNull();
  });
});

describe("the projector follows the main window", () => {
  it("switches mode and theme when the show changes", async () => {
    const { world } = backend();
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    expect(document.querySelector(".projector--dark")).toBeTruthy();
    world.show = { ...world.show, mode: "progress", theme: "light" };
    await changed("show");
    await waitFor(() => expect(rootMode()).toBe("progress"));
    expect(document.querySelector(".projector--light")).toBeTruthy();
  });

  it("follows the lab the main window works in", async () => {
    const { world } = backend();
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    world.lastLabId = "lab-2";
    await changed("idea", "lab-2");
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Lab Inovasi Kota Serang"));
  });

  it("switches full screen with F11 or F, and leaves it with Esc", async () => {
    backend();
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("wall"));
    fireEvent.keyDown(window, { key: "F11" });
    await waitFor(() => expect(win.setFullscreen).toHaveBeenLastCalledWith(true));
    fireEvent.keyDown(window, { key: "f" });
    await waitFor(() => expect(win.setFullscreen).toHaveBeenLastCalledWith(false));
    fireEvent.keyDown(window, { key: "F" });
    await waitFor(() => expect(win.setFullscreen).toHaveBeenLastCalledWith(true));
    fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(win.setFullscreen).toHaveBeenLastCalledWith(false));
    expect(win.setFullscreen).toHaveBeenCalledTimes(4);
    fireEvent.keyDown(window, { key: "f", ctrlKey: true });
    await wait(10);
    expect(win.setFullscreen).toHaveBeenCalledTimes(4);
  });
});

describe("the projector's spotlight", () => {
  it("shows the spotlit idea in full: agency, proposer, labels, problem, idea and photo", async () => {
    backend(
      { mode: "spotlight", spotlightIdeaId: "i1" },
      {
        list_attachments: () => [{ id: "p1", ideaId: "i1", fileName: "flipchart.jpg", mime: "image/jpeg", size: 10, sha256: "", createdAt: "" }],
        attachment_bytes: () => new ArrayBuffer(4),
      },
    );
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("spotlight"));
    expect(screen.getByTestId("projector-spotlight-title").textContent).toBe("Posyandu Digital");
    const text = document.body.textContent ?? "";
    for (const part of ["Dinas Kesehatan", "dr. Sari, Kepala Dinas Kesehatan", "Uji coba", "Digital", "Inovasi pelayanan publik", "Balita tidak terpantau", "Kartu menuju sehat"]) {
      expect(text).toContain(part);
    }
    expect(((await screen.findByTestId("projector-photo")) as HTMLImageElement).alt).toBe("Foto dari ide Posyandu Digital");
    // Not being pitched: no timer.
    expect(screen.queryByTestId("projector-timer")).toBeNull();
  });

  it("is calm when nothing is spotlit", async () => {
    backend({ mode: "spotlight", spotlightIdeaId: null });
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("spotlight"));
    expect(document.body.textContent).toContain("Ide yang akan dipaparkan tampil di sini.");
  });

  it("runs the pitch timer: a warning in the last minute, then 'Waktu habis' at 0", async () => {
    const { world } = backend({ mode: "spotlight", spotlightIdeaId: "i1" });
    world.pitch = session("i1", timer({ running: true, startedAt: new Date(T0).toISOString(), remainingMs: 65_000 }));
    render(<ProjectorApp />);
    const clock = await screen.findByTestId("projector-timer");
    expect(clock.textContent).toBe("1:05");
    expect(clock.className).toContain("is-running");

    vi.setSystemTime(T0 + 10_000);
    await waitFor(() => expect(screen.getByTestId("projector-timer").textContent).toBe("0:55"));
    expect(screen.getByTestId("projector-timer").className).toContain("is-warning");

    vi.setSystemTime(T0 + 66_000);
    await waitFor(() => expect(screen.getByTestId("projector-timer").className).toContain("is-over"));
    expect(screen.getByTestId("projector-timer").textContent).toBe("0:00Waktu habis");
  });

  it("says 'Jeda' while the pitch is paused, and follows a pause by its event", async () => {
    const { world } = backend({ mode: "spotlight", spotlightIdeaId: "i1" });
    world.pitch = session("i1", timer({ running: true, startedAt: new Date(T0).toISOString(), remainingMs: 200_000 }));
    render(<ProjectorApp />);
    expect((await screen.findByTestId("projector-timer")).textContent).toBe("3:20");
    world.pitch = session("i1", timer({ running: false, remainingMs: 190_000 }));
    await changed("pitch");
    await waitFor(() => expect(screen.getByTestId("projector-timer").textContent).toBe("3:10Jeda"));
    expect(screen.getByTestId("projector-timer").className).toContain("is-paused");
  });
});

describe("the projector's progress", () => {
  it("shows the count, the share of the target, ideas per day and the agencies still without an idea", async () => {
    const { world } = backend({ mode: "progress" });
    world.stats = stats(20);
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("progress"));
    expect(screen.getByTestId("projector-count").textContent).toBe("20 dari 50 ide");
    expect(screen.getByText("40% dari target")).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("20");
    const days = screen.getByTestId("day-chart");
    expect(days.querySelector("title")?.textContent).toBe("Ide per hari");
    expect(days.textContent).toContain("Hari 1");
    const chips = [...screen.getByTestId("projector-without").querySelectorAll("li")].map((li) => li.textContent);
    expect(chips).toEqual(["Dinkes", "Dinsos", "Kesbangpol", "RSUD"]);
    expect(screen.getByTestId("coverage-chart").textContent).toContain("2 sudah");
  });

  it("celebrates when every agency has an idea, with the agencies that have the most", async () => {
    const { world } = backend({ mode: "progress" });
    world.stats = stats(50, {
      agenciesWithoutIdea: [],
      perAgency: AGENCIES.map((a, i) => ({ agencyId: a.id, code: a.code, shortName: a.shortName, name: a.name, group: a.group, count: i + 1 })),
    });
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("progress"));
    expect(screen.getByTestId("projector-all-agencies").textContent).toBe("Semua OPD sudah punya ide. Satu OPD, satu inovasi!");
    expect(screen.getByTestId("bar-chart").querySelector("desc")?.textContent).toBe("RSUD: 6; Kesbangpol: 5; Dinsos: 4; Dinkes: 3");
  });
});

describe("the projector's agenda", () => {
  it("shows the session running now with its stage and time left, what comes next, and the day", async () => {
    const { world } = backend({ mode: "agenda" });
    const s = (id: string, startsAt: string, endsAt: string, title: string, stage: string, day = 1): AgendaSession => ({ id, labId: LAB.id, day, startsAt, endsAt, title, stage });
    world.agenda = [
      s("a1", "09:00", "10:00", "Pembukaan", ""),
      s("a2", "10:00", "11:00", "Diagnosis masalah", "diagnose"),
      s("a3", "11:00", "12:00", "Merancang ide", "design"),
      s("b1", "09:00", "12:00", "Pitching", "", 2),
    ];
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("agenda"));
    expect(document.querySelector(".agenda-now__title")?.textContent).toBe("Diagnosis masalah");
    expect(document.querySelector(".agenda-now__stage")?.textContent).toBe("Diagnose");
    expect(screen.getByTestId("projector-session-left").textContent).toBe("30:00 lagi");
    expect(document.querySelector(".agenda-now__next")?.textContent).toBe("Berikutnya 11:00 Merancang ide · Design");
    const day = [...document.querySelectorAll(".agenda-day li")].map((li) => li.querySelector(".agenda-day__title")?.textContent);
    expect(day).toEqual(["Pembukaan", "Diagnosis masalah", "Merancang ide"]);
    expect(document.querySelector(".agenda-day li.is-now")?.textContent).toContain("Diagnosis masalah");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Agenda hari ke-1");
  });
});

describe("the projector's results", () => {
  it("stay hidden until released, without even being read; then show the selected, then the shortlisted", async () => {
    const { calls, world } = backend({ mode: "results", resultsReleased: false });
    world.cards = [
      { ...card(1), status: "shortlisted", title: "Sekolah Ramah Anak" },
      { ...card(2), status: "selected", title: "Posyandu Digital" },
    ];
    render(<ProjectorApp />);
    await waitFor(() => expect(rootMode()).toBe("results"));
    expect(screen.getByTestId("projector-results-hidden").textContent).toBe("Hasil akan diumumkan.");
    expect(document.body.textContent).not.toContain("Posyandu Digital");
    expect(calls.some((c) => c.cmd === "board_page" || c.cmd === "released_results")).toBe(false);

    world.show = { ...world.show, resultsReleased: true };
    await changed("show");
    await waitFor(() => expect(screen.getAllByTestId("projector-results-group")).toHaveLength(2));
    const groups = screen.getAllByTestId("projector-results-group").map((g) => [g.querySelector("h2")?.textContent, g.querySelector(".wall__title")?.textContent]);
    expect(groups).toEqual([
      ["Terpilih", "Posyandu Digital"],
      ["Masuk daftar pendek", "Sekolah Ramah Anak"],
    ]);
    const query = calls.find((c) => c.cmd === "board_page")?.args as { query: { status: string[] } };
    expect(query.query.status).toEqual(["selected", "shortlisted"]);
  });
});

describe("the projector's released ranking and vote", () => {
  const row = (rank: number, title: string, mean: number): RankRow => ({
    ideaId: `r${rank}`,
    title,
    agencyShortName: "Dinkes",
    rank,
    mean,
    totals: [],
    perCriterion: [],
    spread: 0,
    disagreement: false,
    counted: 2,
    incomplete: 0,
  });

  it("shows the reviewers' ranking with each mean, and the last vote's tally beside it, once released", async () => {
    const { calls, world } = backend({ mode: "results", resultsReleased: false });
    world.ranking = Array.from({ length: 9 }, (_, i) => row(i + 1, `Ide nomor ${i + 1}`, 90 - i * 5.25));
    world.vote = {
      round: { id: "v1", labId: LAB.id, dots: 3, candidates: ["r1", "r2"], openedAt: "", closedAt: "2026-11-28T08:00:00.000Z", ballots: 12 },
      results: [
        { ideaId: "r2", title: "Ide nomor 2", dots: 20 },
        { ideaId: "r1", title: "Ide nomor 1", dots: 16 },
      ],
    };
    render(<ProjectorApp />);
    await waitFor(() => expect(screen.getByTestId("projector-results-hidden")).toBeTruthy());
    expect(calls.some((c) => c.cmd === "released_results")).toBe(false);

    world.show = { ...world.show, resultsReleased: true };
    await changed("show");
    await waitFor(() => expect(screen.getAllByTestId("projector-rank-row")).toHaveLength(6));
    const rows = screen.getAllByTestId("projector-rank-row").map((r) => [r.querySelector(".ranking-list__rank")?.textContent, r.querySelector(".ranking-list__mean")?.textContent]);
    expect(rows[0]).toEqual(["1", "90"]);
    expect(rows[1]).toEqual(["2", "84,8"]);
    expect(screen.getByText("+3 ide lagi")).toBeTruthy();
    const vote = screen.getByTestId("projector-vote");
    expect(vote.textContent).toContain("12 pemilih, masing-masing 3 titik");
    expect(vote.querySelector("desc")?.textContent).toBe("Ide nomor 2: 20; Ide nomor 1: 16");
    expect(screen.queryByTestId("projector-results-group")).toBeNull();

    // Taken back: the room sees the waiting line again.
    world.show = { ...world.show, resultsReleased: false };
    await changed("show");
    await waitFor(() => expect(screen.getByTestId("projector-results-hidden")).toBeTruthy());
    expect(screen.queryByTestId("projector-ranking")).toBeNull();
  });
});

describe("the projector only reads", () => {
  // The window's capability refuses writes anyway; this keeps the code honest too.
  const sources = import.meta.glob(["./*.ts", "./*.tsx", "!./*.test.ts", "!./*.test.tsx"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;
  const WRITE = /^(add|update|set|delete|start|pause|resume|finish|skip|requeue|build|shuffle|move|import|save|discard|remove|merge|unmerge|restore|empty|create|edit|retire|cast|close|open)[A-Z]/;
  const writes = Object.keys(api).filter((name) => WRITE.test(name));

  it("knows the write wrappers of the API", () => {
    for (const name of ["addIdea", "setShowMode", "startPitch", "pausePitch", "buildPitchQueue", "setIdeaStatus", "openProjector", "emptyTrash"]) {
      expect(writes).toContain(name);
    }
    // Opening a lab remembers it as the last one: a write the projector must not make.
    expect(writes).toContain("openLab");
    expect(writes).not.toContain("getLab");
    expect(Object.keys(sources).length).toBeGreaterThan(5);
  });

  it.each(Object.keys(sources))("%s imports no write wrapper from ../api", (file) => {
    const source = sources[file];
    expect(source).not.toMatch(/import\s+\*\s+as\s+\w+\s+from\s+"\.\.\/api"/);
    const imported = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\.\/api"/g)].flatMap((m) => m[1].split(","));
    const names = imported.map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean);
    expect(names.filter((n) => WRITE.test(n) || writes.includes(n))).toEqual([]);
    // Nor is one reached another way (a re-export, a dynamic import).
    expect(writes.filter((n) => new RegExp(`\\b${n}\\b`).test(source))).toEqual([]);
  });
});
