import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PitchSession } from "../../bindings/PitchSession";
import type { ShowState } from "../../bindings/ShowState";
import type { Criterion } from "../../bindings/Criterion";
import type { Person } from "../../bindings/Person";
import { LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { Show } from "./Show";

const SHOW: ShowState = { labId: LAB.id, mode: "wall", spotlightIdeaId: null, theme: "dark", resultsReleased: false, updatedAt: "2026-11-24T03:00:00.000Z" };

const slot = (i: number, state: PitchSession["slots"][number]["state"] = "waiting") => ({
  ideaId: `idea-${i}`,
  agencyId: `agency-${i}`,
  agencyShortName: `OPD${i}`,
  agencyName: `OPD nomor ${i}`,
  title: `Ide ${i}`,
  proposerName: "",
  position: i,
  state,
});

function session(over: Partial<PitchSession> = {}): PitchSession {
  return {
    labId: LAB.id,
    slots: [slot(0), slot(1), slot(2)],
    current: null,
    timer: { durationMs: 300_000, running: false, startedAt: null, remainingMs: 300_000 },
    now: new Date().toISOString(),
    ...over,
  };
}

function backend(overrides: Record<string, Handler> = {}) {
  let pitch = session();
  return fakeBackend({
    show_state: () => SHOW,
    pitch_session: () => pitch,
    set_show_mode: (_, a) => ({ ...SHOW, mode: a.mode }),
    start_pitch: (_, a) => {
      pitch = session({
        current: a.ideaId as string,
        slots: pitch.slots.map((s) => (s.ideaId === a.ideaId ? { ...s, state: "current" as const } : s)),
        timer: { durationMs: 300_000, running: true, startedAt: new Date().toISOString(), remainingMs: 300_000 },
      });
      return pitch;
    },
    pause_pitch: () => {
      pitch = { ...pitch, timer: { ...pitch.timer, running: false, remainingMs: 290_000, startedAt: null } };
      return pitch;
    },
    list_idea_notes: () => [],
    room_status: () => ({ labId: LAB.id, open: false, url: null, joinCode: null, qrSvg: null, joined: 0, askName: false, pendingProposals: 0, pendingQuestions: 0 }),
    room_addresses: () => [],
    list_proposals: () => [],
    list_questions: () => [],
    rubric: () => CRITERIA,
    list_people: () => [REVIEWER],
    idea_reviews: () => ({ mine: null, others: [], hidden: 1 }),
    save_review: (_, a) => ({ id: "rv1", ...(a as object) }),
    add_idea_note: (_, a) => ({ id: "n1", ideaId: a.ideaId, text: a.text, createdAt: "2026-11-24T03:01:00.000Z", installationId: "i" }),
    ...overrides,
  });
}

const CRITERIA: Criterion[] = ["kebaruan", "efektif", "bermanfaat"].map((code, position) => ({
  code,
  labelId: code[0].toUpperCase() + code.slice(1),
  labelEn: code,
  weight: 1,
  scaleMax: 5,
  position,
}));
const REVIEWER: Person = {
  id: "p-rev",
  labId: LAB.id,
  agencyId: null,
  name: "Prof. Dr. Hendra Gunawan",
  position: "",
  role: "reviewer",
};

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe("Show", () => {
  it("switches what the projector shows", async () => {
    const calls = backend();
    render(<Show lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("show-mode-progress"));
    await waitFor(() => expect(screen.getByTestId("show-mode-progress").getAttribute("aria-pressed")).toBe("true"));
    expect(calls.find((c) => c.cmd === "set_show_mode")?.args).toEqual({ labId: LAB.id, mode: "progress" });
  });

  it("starts the next pitch with N, runs the timer, pauses with Space, and saves a note", async () => {
    const calls = backend();
    render(<Show lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    const root = await screen.findByTestId("show");
    fireEvent.keyDown(root, { key: "n" });
    await waitFor(() => expect(screen.getByTestId("show-timer").textContent).toMatch(/^[45]:\d\d$/));
    expect(calls.find((c) => c.cmd === "start_pitch")?.args).toEqual({ labId: LAB.id, ideaId: "idea-0" });
    fireEvent.keyDown(root, { key: " " });
    await waitFor(() => expect(screen.getByTestId("show-timer").textContent).toBe("4:50"));
    expect(screen.getByTestId("pitch-resume")).toBeTruthy();

    const note = screen.getByTestId("pitch-note") as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: "Perlu data kunjungan puskesmas" } });
    expect(localStorage.getItem("labinov.pitchNote.idea-0")).toBe("Perlu data kunjungan puskesmas");
    fireEvent.keyDown(note, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId("pitch-notes").textContent).toContain("Perlu data kunjungan puskesmas"));
    expect(calls.find((c) => c.cmd === "add_idea_note")?.args).toEqual({ ideaId: "idea-0", text: "Perlu data kunjungan puskesmas" });
    expect(note.value).toBe("");
    expect(localStorage.getItem("labinov.pitchNote.idea-0")).toBeNull();
  });

  it("shows the warning in the last minute and says when the time is up", async () => {
    const started = new Date(Date.now() - 250_000).toISOString();
    backend({
      pitch_session: () =>
        session({
          current: "idea-1",
          slots: [slot(0, "done"), slot(1, "current"), slot(2)],
          timer: { durationMs: 300_000, running: true, startedAt: started, remainingMs: 300_000 },
        }),
    });
    render(<Show lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    const current = await screen.findByTestId("show-current");
    await waitFor(() => expect(current.className).toContain("is-warning"));
    // About 50 s left (a few ms either way round to 0:50 or 0:51).
    expect(screen.getByTestId("show-timer").textContent).toMatch(/^0:5[01]$/);
  });

  it("scores the idea being pitched beside its timer: digits score, Space in the form does not pause, Ctrl+Enter submits", async () => {
    const calls = backend({
      pitch_session: () =>
        session({
          current: "idea-1",
          slots: [slot(0, "done"), slot(1, "current"), slot(2)],
          timer: { durationMs: 300_000, running: true, startedAt: new Date().toISOString(), remainingMs: 300_000 },
        }),
    });
    render(<Show lab={LAB} onReady={vi.fn()} onOpenIdea={vi.fn()} />);
    const picker = (await screen.findByTestId("pitch-reviewer")) as HTMLSelectElement;
    fireEvent.change(picker, { target: { value: "p-rev" } });
    expect(localStorage.getItem("labinov.reviewer")).toBe("p-rev");
    const form = await screen.findByTestId("review-form");
    expect(form.textContent).toContain("1 review lain disembunyikan");

    const first = screen.getAllByTestId("review-criterion")[0].querySelector("button") as HTMLButtonElement;
    first.focus();
    fireEvent.keyDown(first, { key: "4" });
    fireEvent.keyDown(document.activeElement as Element, { key: "5" });
    // The focus followed the selected criterion: the ring and the highlight agree.
    await waitFor(() => expect(document.activeElement?.closest("[data-testid=review-criterion]")?.getAttribute("aria-current")).toBe("true"));
    fireEvent.keyDown(document.activeElement as Element, { key: " " });
    fireEvent.keyDown(document.activeElement as Element, { key: "3" });
    expect(calls.some((c) => c.cmd === "pause_pitch")).toBe(false);
    await waitFor(() => expect(screen.getByTestId("review-total").textContent).toBe("Nilai total: 80"));

    fireEvent.keyDown(document.activeElement as Element, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId("review-status").textContent).toBe("Review untuk “Ide 1” terkirim."));
    const saved = calls.find((c) => c.cmd === "save_review")?.args as Record<string, unknown>;
    expect(saved.ideaId).toBe("idea-1");
    expect(saved.reviewerId).toBe("p-rev");
    expect(saved.input).toEqual({
      scores: [
        { criterion: "kebaruan", score: 4 },
        { criterion: "efektif", score: 5 },
        { criterion: "bermanfaat", score: 3 },
      ],
      comment: "",
      recommendation: null,
      submit: true,
    });
  });
});
