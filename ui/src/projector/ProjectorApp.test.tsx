import { emit } from "@tauri-apps/api/event";
import { act, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { CHANGED_EVENT } from "../api";
import type { BoardCard } from "../bindings/BoardCard";
import type { ShowState } from "../bindings/ShowState";
import { AGENCIES, LAB, fakeBackend, idea, type Handler } from "../test/fixtures";
import { ProjectorApp } from "./ProjectorApp";

const card = (i: number): BoardCard => ({
  id: `i${i}`,
  agencyId: AGENCIES[2].id,
  agencyCode: "DINKES",
  agencyShortName: "Dinkes",
  title: `Ide ${i}`,
  proposerName: "",
  status: "captured",
  tahapan: "",
  bentuk: "",
  jenis: "",
  labDay: 1,
  tags: [],
  group: AGENCIES[2].id,
  createdAt: "2026-11-24T03:00:00.000Z",
  snippet: null,
});

function backend(show: Partial<ShowState>, overrides: Record<string, Handler> = {}) {
  let count = 2;
  const calls = fakeBackend({
    app_info: () => ({ version: "0", databasePath: "", installationId: "x", schemaVersion: 4, lastLabId: LAB.id }),
    open_lab: () => LAB,
    show_state: () => ({ labId: LAB.id, mode: "wall", spotlightIdeaId: null, theme: "dark", resultsReleased: false, updatedAt: "", ...show }),
    board_page: () => ({ total: count, columns: [], cards: Array.from({ length: count }, (_, i) => card(i)), offset: 0 }),
    lab_stats: () => ({ ideaCount: count, ideaTarget: 50, perDay: [{ day: 1, date: "2026-11-24", count }], withoutDay: 0, perAgency: [], perBentuk: [], perJenis: [], perStatus: [], agenciesWithoutIdea: [] }),
    pitch_session: () => ({ labId: LAB.id, slots: [], current: null, timer: { durationMs: 300000, running: false, startedAt: null, remainingMs: 300000 }, now: new Date().toISOString() }),
    get_idea: () => idea({ id: "i1", agencyId: AGENCIES[2].id, title: "Posyandu Digital", problem: "Balita tidak terpantau" }),
    list_agencies: () => AGENCIES,
    list_options: () => [],
    get_agenda: () => [],
    ...overrides,
  });
  return { calls, more: () => (count += 1) };
}

const mode = () => document.querySelector("[data-screen=projector] [data-mode]")?.getAttribute("data-mode");

describe("ProjectorApp", () => {
  it("shows the wall and follows a capture in the main window by its event, without polling", async () => {
    const { calls, more } = backend({});
    render(<ProjectorApp />);
    await waitFor(() => expect(mode()).toBe("wall"));
    expect(screen.getByTestId("projector-count").textContent).toBe("2 dari 50 ide");
    expect(screen.getAllByTestId("projector-wall-card")).toHaveLength(2);
    const before = calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.length).toBe(before);
    more();
    await act(() => emit(CHANGED_EVENT, { labId: LAB.id, entity: "idea", entityId: "i2" }));
    await waitFor(() => expect(screen.getByTestId("projector-count").textContent).toBe("3 dari 50 ide"));
  });

  it("spotlights the idea being pitched, and keeps the results hidden until released", async () => {
    backend({ mode: "spotlight", spotlightIdeaId: "i1" });
    render(<ProjectorApp />);
    await waitFor(() => expect(mode()).toBe("spotlight"));
    expect(screen.getByTestId("projector-spotlight-title").textContent).toBe("Posyandu Digital");
    expect(document.body.textContent).toContain("Balita tidak terpantau");
  });

  it("says the results will be announced until the facilitator releases them", async () => {
    backend({ mode: "results", resultsReleased: false });
    render(<ProjectorApp />);
    await waitFor(() => expect(mode()).toBe("results"));
    expect(document.body.textContent).toContain("Hasil akan diumumkan.");
  });

  it("imports no command that writes", () => {
    // The window's capability refuses writes anyway; this keeps the code honest too.
    const sources = import.meta.glob(["./*.tsx", "!./*.test.tsx"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;
    const writes = /^(add|update|set|delete|start|pause|resume|finish|skip|requeue|build|shuffle|move|import|save|discard|remove|merge|unmerge|restore|empty|create|edit|retire)[A-Z]/;
    expect(Object.keys(sources).length).toBeGreaterThan(0);
    for (const [file, source] of Object.entries(sources)) {
      const fromApi = source.match(/import \{([^}]*)\} from "\.\.\/api"/)?.[1] ?? "";
      const names = fromApi.split(",").map((n) => n.trim()).filter(Boolean);
      expect(names.filter((n) => writes.test(n)), file).toEqual([]);
      expect(names.length, file).toBeGreaterThan(0);
    }
  });
});
