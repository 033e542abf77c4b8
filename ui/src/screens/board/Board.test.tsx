import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { CHANGED_EVENT } from "../../api";
import type { BoardCard } from "../../bindings/BoardCard";
import type { BoardColumn } from "../../bindings/BoardColumn";
import type { BoardQuery } from "../../bindings/BoardQuery";
import type { LabStats } from "../../bindings/LabStats";
import { AGENCIES, LAB, OPTIONS, fakeBackend, type Handler, withCharts } from "../../test/fixtures";
import { Board } from "./Board";

const STATUS = [
  { list: "status", code: "captured", labelId: "Tercatat", labelEn: "Captured", position: 0, retired: false },
  { list: "status", code: "shortlisted", labelId: "Masuk daftar pendek", labelEn: "Shortlisted", position: 1, retired: false },
  { list: "status", code: "selected", labelId: "Terpilih", labelEn: "Selected", position: 2, retired: false },
];

function card(i: number, agencyIndex: number, extra: Partial<BoardCard> = {}): BoardCard {
  const a = AGENCIES[agencyIndex];
  return {
    id: `idea-${i}`,
    agencyId: a.id,
    agencyCode: a.code,
    agencyShortName: a.shortName,
    title: `Ide ${a.shortName} ${i}`,
    proposerName: "",
    status: "captured",
    tahapan: "",
    bentuk: i % 2 ? "pelayanan_publik" : "",
    jenis: "",
    labDay: 1,
    tags: [],
    group: "",
    createdAt: "2026-11-24T03:00:00.000Z",
    snippet: null,
    ...extra,
  };
}

const stats = (ideaCount: number): LabStats =>
  withCharts({
    ideaCount,
    ideaTarget: 50,
    perDay: [],
    withoutDay: 0,
    perAgency: [],
    perBentuk: [],
    perJenis: [],
    perStatus: [],
    agenciesWithoutIdea: AGENCIES.slice(4),
  });

/** A small in-memory core: groups, filters and pages like `board_page`. */
function backend(cards: BoardCard[], overrides: Record<string, Handler> = {}) {
  return fakeBackend({
    list_agencies: () => AGENCIES,
    list_options: () => [...OPTIONS, ...STATUS],
    lab_stats: () => stats(cards.length),
    board_page: (_, a) => {
      const q = a.query as BoardQuery;
      const keyOf = (c: BoardCard) => (q.groupBy === "agency" ? c.agencyId : q.groupBy === "status" ? c.status : c[q.groupBy]);
      const matching = cards.filter(
        (c) => (!q.bentuk.length || q.bentuk.includes(c.bentuk)) && (!q.text || c.title.toLowerCase().includes(q.text.toLowerCase())),
      );
      const columns: BoardColumn[] =
        q.groupBy === "agency"
          ? AGENCIES.map((ag) => ({ key: ag.id, labelId: ag.shortName, labelEn: ag.shortName, count: matching.filter((c) => c.agencyId === ag.id).length }))
          : STATUS.map((s) => ({ key: s.code, labelId: s.labelId, labelEn: s.labelEn, count: matching.filter((c) => keyOf(c) === s.code).length }));
      const inGroup = q.group === null ? matching : matching.filter((c) => keyOf(c) === q.group);
      const withSnippet = inGroup.map((c) => ({
        ...c,
        group: keyOf(c),
        snippet: q.text ? c.title.replace(new RegExp(q.text, "i"), (m) => `\uE000${m}\uE001`) : null,
      }));
      if (q.group === null && q.perColumn > 0) {
        const firsts = columns.flatMap((col) => withSnippet.filter((c) => c.group === col.key).slice(0, q.perColumn));
        return { total: inGroup.length, columns, cards: firsts, offset: 0 };
      }
      return { total: inGroup.length, columns, cards: withSnippet.slice(q.offset, q.offset + (q.limit || 200)), offset: q.offset };
    },
    ...overrides,
  });
}

const pages = (calls: { cmd: string; args: unknown }[]) =>
  calls.filter((c) => c.cmd === "board_page").map((c) => (c.args as { query: BoardQuery }).query);

describe("Board", () => {
  it("shows the progress and the ideas by agency, and reports ready once painted", async () => {
    backend([card(1, 2), card(2, 2), card(3, 3)]);
    const onReady = vi.fn();
    render(<Board lab={LAB} onReady={onReady} onOpenIdea={vi.fn()} />);
    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId("board-count").textContent).toBe("3 / 50 ide");
    const groups = screen.getAllByTestId("board-group");
    // Only agencies with ideas get a box in the agency view.
    expect(groups.map((g) => g.dataset.agencyCode)).toEqual(["DINKES", "DINSOS"]);
    await waitFor(() => expect(groups[0].querySelectorAll("[data-testid=board-idea]")).toHaveLength(2));
    expect(screen.getByText("2 OPD belum punya ide")).toBeTruthy();
    // The charts are drawn once their section is opened, not before.
    const charts = document.querySelector(".board-charts") as HTMLDetailsElement;
    expect(charts.querySelector(".board-charts__grid")).toBeNull();
    charts.open = true;
    fireEvent(charts, new Event("toggle"));
    await waitFor(() => expect(charts.querySelector(".board-charts__grid svg")).toBeTruthy());
  });

  it("draws the first screen from one query, only the visible cards of a column of 5,000, and asks for more page by page", async () => {
    const many = Array.from({ length: 5000 }, (_, i) => card(i, i < 4990 ? 2 : 3));
    const calls = backend(many);
    render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    await waitFor(() => expect(screen.getAllByTestId("board-idea").length).toBeGreaterThan(0));
    expect(screen.getAllByTestId("board-idea").length).toBeLessThan(30);
    // Both columns drew from the board's one query: no column asked for its first page.
    const [head, ...rest] = pages(calls);
    expect(head).toMatchObject({ group: null, perColumn: 30 });
    expect(rest.filter((q) => q.group !== null)).toEqual([]);
    const [big, small] = screen.getAllByTestId("board-group");
    expect(small.querySelectorAll("[data-testid=board-idea]")).toHaveLength(10);
    // Scrolled down to rows 45-63, the column asks for the pages of 30 they are on, and only those.
    fireEvent.scroll(big.querySelector(".vlist") as HTMLElement, { target: { scrollTop: 6000 } });
    await waitFor(() => expect(screen.getByText("Ide Dinkes 61")).toBeTruthy());
    await waitFor(() => expect(screen.getByText("Ide Dinkes 45")).toBeTruthy());
    const asked = pages(calls).filter((q) => q.group !== null);
    expect(asked.map((q) => [q.group, q.offset, q.limit])).toEqual([
      [AGENCIES[2].id, 30, 30],
      [AGENCIES[2].id, 60, 30],
    ]);
  });

  it("draws the cards of the first columns at once, and of the others when they come near the screen", async () => {
    // A webview that reports what is on screen: nothing, until told.
    const observers: { callback: IntersectionObserverCallback; targets: Element[] }[] = [];
    class Observer {
      targets: Element[] = [];
      constructor(callback: IntersectionObserverCallback) {
        observers.push({ callback, targets: this.targets });
      }
      observe(el: Element) {
        this.targets.push(el);
      }
      disconnect() {
        this.targets.length = 0;
      }
    }
    vi.stubGlobal("IntersectionObserver", Observer);
    try {
      // One idea in each of six agencies: six columns, four drawn at once.
      const calls = backend(AGENCIES.slice(0, 6).map((_, a) => card(a, a)));
      render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
      await waitFor(() => expect(screen.getAllByTestId("board-group")).toHaveLength(6));
      const drawn = () => screen.getAllByTestId("board-group").map((g) => g.querySelectorAll("[data-testid=board-idea]").length);
      await waitFor(() => expect(drawn()).toEqual([1, 1, 1, 1, 0, 0]));
      // The fifth column scrolls into view: its card is drawn from the board's query, nothing asked.
      const fifth = screen.getAllByTestId("board-group")[4].querySelector(".vlist") as Element;
      await waitFor(() => expect(observers.some((o) => o.targets.includes(fifth))).toBe(true));
      const watching = observers.find((o) => o.targets.includes(fifth));
      act(() => watching?.callback([{ isIntersecting: true, target: fifth } as IntersectionObserverEntry], {} as IntersectionObserver));
      await waitFor(() => expect(drawn()).toEqual([1, 1, 1, 1, 1, 0]));
      expect(pages(calls)).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("moves a card to the next status column with Alt+→, and by drag and drop", async () => {
    const calls = backend([card(1, 2), card(2, 3, { status: "shortlisted" })], {
      set_idea_status: (_, a) => ({ id: a.ideaId, status: a.status }),
    });
    render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("board-group-by-status"));
    await waitFor(() => expect(screen.getAllByTestId("board-group").map((g) => g.dataset.column)).toEqual(["captured", "shortlisted", "selected"]));
    const first = await screen.findByText("Ide Dinkes 1");
    const cardEl = first.closest("[data-testid=board-idea]") as HTMLElement;
    fireEvent.focus(cardEl);
    fireEvent.keyDown(cardEl, { key: "ArrowRight", altKey: true });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "set_idea_status").map((c) => c.args)).toEqual([{ ideaId: "idea-1", status: "shortlisted" }]));
    await waitFor(() => expect(screen.getByTestId("board-status").textContent).toContain("dipindahkan ke Masuk daftar pendek"));

    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? "", effectAllowed: "" };
    const other = (await screen.findByText("Ide Dinsos 2")).closest("[data-testid=board-idea]") as HTMLElement;
    fireEvent.dragStart(other, { dataTransfer });
    const selected = screen.getAllByTestId("board-group")[2];
    fireEvent.dragOver(selected, { dataTransfer });
    fireEvent.drop(selected, { dataTransfer });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "set_idea_status")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "set_idea_status")[1].args).toEqual({ ideaId: "idea-2", status: "selected" });
  });

  it("searches after a pause, marks the matches, and filters by bentuk", async () => {
    const calls = backend([card(1, 2, { title: "Posyandu Digital" }), card(2, 3, { title: "Bank Sampah" }), card(3, 3, { title: "Posyandu Lansia" })]);
    render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("board-search"), { target: { value: "posyandu" } });
    await waitFor(() => expect(screen.getByTestId("board-matching").textContent).toContain("2 ide cocok"), { timeout: 1000 });
    await waitFor(() => expect(document.querySelectorAll("mark")).toHaveLength(2));
    expect(document.querySelector("mark")?.textContent).toBe("Posyandu");
    fireEvent.change(screen.getByTestId("filter-bentuk"), { target: { value: "pelayanan_publik" } });
    await waitFor(() => expect(pages(calls).some((q) => q.bentuk[0] === "pelayanan_publik" && q.text === "posyandu")).toBe(true));
    await waitFor(() => expect(screen.getByTestId("board-matching").textContent).toContain("2 ide cocok"));
  });

  it("opens a card with Enter and puts it on the projector with S", async () => {
    const calls = backend([card(1, 2)], {
      set_spotlight: () => ({}),
      set_show_mode: () => ({}),
    });
    const onOpenIdea = vi.fn();
    render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={onOpenIdea} />);
    const el = (await screen.findByText("Ide Dinkes 1")).closest("[data-testid=board-idea]") as HTMLElement;
    fireEvent.focus(el);
    fireEvent.keyDown(el, { key: "Enter" });
    expect(onOpenIdea).toHaveBeenCalledWith("idea-1");
    fireEvent.keyDown(el, { key: "s" });
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("set_show_mode"));
    expect(calls.find((c) => c.cmd === "set_spotlight")?.args).toEqual({ labId: LAB.id, ideaId: "idea-1" });
  });

  it("reloads when the lab changes, in this window or another", async () => {
    const calls = backend([card(1, 2)]);
    render(<Board lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    await screen.findByText("Ide Dinkes 1");
    const before = calls.filter((c) => c.cmd === "lab_stats").length;
    await act(() => emit(CHANGED_EVENT, { labId: LAB.id, entity: "idea", entityId: "x" }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "lab_stats").length).toBe(before + 1));
  });
});
