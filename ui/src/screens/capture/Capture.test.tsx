import { IDEA_FIELD_TABLE, emptyIdeaInput } from "../../ideaFields";
import { type MessageKey, t } from "../../i18n";
import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHANGED_EVENT } from "../../api";
import type { Idea } from "../../bindings/Idea";
import type { IdeaInput } from "../../bindings/IdeaInput";
import { AGENCIES, LAB, captureHandlers, fakeBackend, idea, type Handler } from "../../test/fixtures";
import { Capture } from "./Capture";
import { testId } from "./IdeaForm";

const OLD = idea({
  id: "idea-old",
  agencyId: "agency-DINSOS",
  title: "Bank Sampah Digital",
  proposerName: "Budi",
  createdAt: "2026-11-24T02:00:00.000Z",
});

/** `latest_ideas` over `ideas` (newest first): the first `limit` and the count. */
const latestOf =
  (ideas: () => Idea[]): Handler =>
  (_, a) => ({ total: ideas().length, ideas: ideas().slice(0, a.limit as number) });

/** A backend whose add_idea stores the idea; `overrides` replace any command. */
function backend(overrides: Record<string, Handler> = {}) {
  let ideas: Idea[] = [OLD];
  return fakeBackend({
    ...captureHandlers(),
    list_agencies: () => AGENCIES,
    latest_ideas: latestOf(() => ideas),
    add_idea: (_, args) => {
      const stored = idea({ ...(args.input as IdeaInput), id: `idea-${ideas.length + 1}` });
      ideas = [stored, ...ideas];
      return stored;
    },
    update_idea: (_, args) => ({ ...OLD, ...(args.patch as Partial<Idea>) }),
    ...overrides,
  });
}

async function setup() {
  const onReady = vi.fn();
  render(<Capture lab={LAB} active newIdeaRequest={0} onReady={onReady} />);
  const picker = (await screen.findByTestId("agency-picker")) as HTMLInputElement;
  const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement | HTMLTextAreaElement;
  const type = (testid: string, text: string) => fireEvent.input(field(testid), { target: { value: text } });
  const chooseAgency = (query: string) => {
    fireEvent.input(picker, { target: { value: query } });
    fireEvent.keyDown(picker, { key: "Enter" });
  };
  const ctrlEnter = (testid = "idea-problem") => fireEvent.keyDown(field(testid), { key: "Enter", ctrlKey: true });
  const latestTitles = () => screen.getAllByTestId("latest-idea").map((e) => e.querySelector(".idea-item__title")?.textContent);
  return { picker, field, type, chooseAgency, ctrlEnter, latestTitles, onReady };
}

function fillIdea(s: Awaited<ReturnType<typeof setup>>) {
  s.chooseAgency("dinkes");
  s.type("idea-title", "Layanan Ambulans Gratis 24 Jam");
  s.type("idea-proposer-name", "dr. Sari Wulandari");
  s.type("idea-proposer-position", "Kepala Dinas Kesehatan");
  s.type("idea-problem", "Ambulans datang terlambat.");
  s.type("idea-description", "Satu nomor darurat.");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Capture", () => {
  // After the lab's dates, so a new idea has no day or stage filled in unless a test says so.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T03:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("draws every field of the core's field table, labelled from the catalogue", async () => {
    backend();
    await setup();
    for (const f of IDEA_FIELD_TABLE) {
      const input = f.kind === "agency" ? screen.queryByTestId("agency-picker") : screen.queryByTestId(testId(f.key));
      if (f.section === "none") {
        expect(input, f.key).toBeNull();
        continue;
      }
      expect(input, f.key).not.toBeNull();
      if (f.kind !== "agency" && f.kind !== "tags") expect(document.body.textContent).toContain(t(f.label as MessageKey));
    }
  });

  it("loads the roster and the ideas, then reports ready and focuses the agency picker", async () => {
    backend();
    const s = await setup();
    expect(s.latestTitles()).toEqual(["Bank Sampah Digital"]);
    await waitFor(() => expect(s.onReady).toHaveBeenCalled());
    await waitFor(() => expect(document.activeElement).toBe(s.picker));
  });

  it("lists the 20 newest ideas and points to the board for the rest", async () => {
    const many = Array.from({ length: 35 }, (_, i) => idea({ id: `idea-${i}`, agencyId: "agency-DINSOS", title: `Ide nomor ${i}` }));
    const calls = backend({ latest_ideas: latestOf(() => many) });
    const s = await setup();
    // Only the newest 20 are asked for, however many the lab has.
    expect(calls.filter((c) => c.cmd === "latest_ideas").map((c) => (c.args as { limit: number }).limit)).toEqual([20]);
    expect(s.latestTitles()).toHaveLength(20);
    expect(s.latestTitles()[0]).toBe("Ide nomor 0");
    expect(screen.getByTestId("latest-more").textContent).toBe("15 ide lainnya ada di Papan ide (Alt+2).");
  });

  it("saves with Ctrl+Enter, then clears the form, says so and shows the idea first", async () => {
    const calls = backend();
    const s = await setup();
    fillIdea(s);
    s.ctrlEnter();

    const status = screen.getByTestId("save-status");
    await waitFor(() => expect(status.textContent).toBe("Ide tersimpan: Layanan Ambulans Gratis 24 Jam"));
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(calls.filter((c) => c.cmd === "add_idea")).toEqual([
      {
        cmd: "add_idea",
        args: {
          labId: LAB.id,
          draftId: expect.stringMatching(UUID),
          input: {
            ...emptyIdeaInput(),
            agencyId: "agency-DINKES",
            title: "Layanan Ambulans Gratis 24 Jam",
            proposerName: "dr. Sari Wulandari",
            proposerPosition: "Kepala Dinas Kesehatan",
            problem: "Ambulans datang terlambat.",
            description: "Satu nomor darurat.",
          },
        },
      },
    ]);
    expect(s.latestTitles()[0]).toBe("Layanan Ambulans Gratis 24 Jam");
    for (const testid of ["agency-picker", "idea-title", "idea-proposer-name", "idea-problem", "idea-description"]) {
      expect(screen.getByTestId(testid)).toHaveProperty("value", "");
    }
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("agency-picker")));
  });

  it("keeps everything typed and shows the error at the field it names", async () => {
    backend({
      add_idea: () => {
        throw {
          code: "invalid_input",
          message: "title: contains an invisible control character (U+0007)",
          field: "title",
          reason: { kind: "controlCharacter", codePoint: 7 },
        };
      },
    });
    const s = await setup();
    fillIdea(s);
    s.ctrlEnter();

    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Nama inovasi berisi karakter tak terlihat");
    expect(error.textContent).toContain("U+0007");
    expect(s.field("idea-title").closest(".field")?.contains(error)).toBe(true);
    expect(s.field("idea-title").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(s.field("idea-title").value).toBe("Layanan Ambulans Gratis 24 Jam");
    expect(s.field("idea-description").value).toBe("Satu nomor darurat.");
    expect(s.picker.value).toBe("Dinkes — Dinas Kesehatan");
    expect(screen.getByTestId("save-status").textContent).toBe("");
    await waitFor(() => expect(document.activeElement).toBe(s.field("idea-title")));
  });

  it("explains an error that names no field in a banner, keeping the text", async () => {
    backend({
      add_idea: () => {
        throw { code: "storage_full", message: "database or disk is full", field: null };
      },
    });
    const s = await setup();
    fillIdea(s);
    fireEvent.click(screen.getByTestId("save-idea"));

    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Penyimpanan laptop penuh");
    expect(banner.textContent).toContain("database or disk is full");
    expect(s.field("idea-title").value).toBe("Layanan Ambulans Gratis 24 Jam");
  });

  it("saves once however fast Ctrl+Enter is pressed, with the button disabled meanwhile", async () => {
    let finish: (value: Idea) => void = () => undefined;
    const calls = backend({ add_idea: () => new Promise<Idea>((resolve) => (finish = resolve)) });
    const s = await setup();
    fillIdea(s);
    s.ctrlEnter();
    s.ctrlEnter("idea-title");
    await waitFor(() => expect(screen.getByTestId("save-idea")).toHaveProperty("disabled", true));
    finish(idea({ id: "idea-2", agencyId: "agency-DINKES", title: "Layanan Ambulans Gratis 24 Jam" }));
    await waitFor(() => expect(screen.getByTestId("save-idea")).toHaveProperty("disabled", false));
    expect(calls.filter((c) => c.cmd === "add_idea")).toHaveLength(1);
  });

  it("does not save on a plain Enter", async () => {
    const calls = backend();
    const s = await setup();
    fillIdea(s);
    fireEvent.keyDown(s.field("idea-title"), { key: "Enter" });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls.some((c) => c.cmd === "add_idea")).toBe(false);
  });

  it("edits an idea from the list, sends only the changed fields, then returns to the draft", async () => {
    const calls = backend();
    const s = await setup();
    s.type("idea-title", "Draf yang belum selesai");
    fireEvent.click(screen.getByTestId("latest-idea"));

    expect(s.field("idea-title").value).toBe("Bank Sampah Digital");
    // The picker starts afresh for each idea it shows, so look it up again.
    expect(screen.getByTestId("agency-picker")).toHaveProperty("value", "Dinsos — Dinas Sosial");
    s.type("idea-title", "Bank Sampah Digital Kelurahan");
    s.ctrlEnter("idea-title");

    await waitFor(() =>
      expect(screen.getByTestId("save-status").textContent).toBe("Perubahan tersimpan: Bank Sampah Digital Kelurahan"),
    );
    expect(calls.filter((c) => c.cmd === "update_idea")).toEqual([
      { cmd: "update_idea", args: { ideaId: "idea-old", patch: { title: "Bank Sampah Digital Kelurahan" }, draftId: expect.stringMatching(UUID) } },
    ]);
    expect(s.field("idea-title").value).toBe("Draf yang belum selesai");
    expect(s.latestTitles()).toEqual(["Bank Sampah Digital Kelurahan"]);
  });

  it("cancels an edit with Escape", async () => {
    const calls = backend();
    const s = await setup();
    fireEvent.click(screen.getByTestId("latest-idea"));
    expect(screen.getByText("Ubah ide")).toBeTruthy();
    fireEvent.keyDown(s.field("idea-title"), { key: "Escape" });
    expect(screen.getByText("Ide baru")).toBeTruthy();
    expect(s.field("idea-title").value).toBe("");
    expect(calls.some((c) => c.cmd === "update_idea")).toBe(false);
  });

  it("reloads when the backend reports a change to this lab, and only then", async () => {
    const calls = backend();
    await setup();
    const listCalls = () => calls.filter((c) => c.cmd === "latest_ideas").length;
    await waitFor(() => expect(listCalls()).toBe(1));
    await emit(CHANGED_EVENT, { labId: "another-lab", entity: "idea", entityId: "x" });
    await emit(CHANGED_EVENT, { labId: LAB.id, entity: "idea", entityId: "x" });
    await waitFor(() => expect(listCalls()).toBe(2));
  });

  it("saves what is typed as a draft within a quarter second, and saving the idea removes that draft", async () => {
    const calls = backend();
    const s = await setup();
    s.chooseAgency("dinkes");
    s.type("idea-title", "Posyandu Digital");
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_draft")).toBe(true), { timeout: 1000 });
    const drafts = calls.filter((c) => c.cmd === "save_draft");
    const saved = drafts[drafts.length - 1].args as Record<string, unknown>;
    expect(saved.labId).toBe(LAB.id);
    expect(saved.ideaId).toBeNull();
    expect(saved.fields).toMatchObject({ agencyId: "agency-DINKES", title: "Posyandu Digital" });
    await waitFor(() => expect(screen.getByTestId("draft-status").textContent).toBe("Draf tersimpan otomatis"));

    s.ctrlEnter("idea-title");
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_idea")).toBe(true));
    const added = calls.find((c) => c.cmd === "add_idea")?.args as Record<string, unknown>;
    // The same draft id: the store deletes that draft in the transaction that adds the idea.
    expect(added.draftId).toBe(saved.draftId);
    await waitFor(() => expect(s.field("idea-title").value).toBe(""));
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.filter((c) => c.cmd === "save_draft" && (c.args as { draftId: string }).draftId === saved.draftId)).toHaveLength(1);
  });

  it("keeps the draft in the database when saving fails", async () => {
    const calls = backend({
      add_idea: () => {
        throw { code: "storage_full", message: "disk full", field: null };
      },
    });
    const s = await setup();
    s.chooseAgency("dinkes");
    s.type("idea-title", "Ketik lalu langsung simpan");
    s.ctrlEnter("idea-title");
    await screen.findByTestId("error-banner");
    await waitFor(() =>
      expect(
        calls.some((c) => c.cmd === "save_draft" && (c.args as { fields: IdeaInput }).fields.title === "Ketik lalu langsung simpan"),
      ).toBe(true),
    );
    expect(s.field("idea-title").value).toBe("Ketik lalu langsung simpan");
  });

  it("offers the drafts left from last time, and continues one", async () => {
    const left = {
      id: "0190a000-0000-4000-8000-000000000001",
      labId: LAB.id,
      ideaId: null,
      ideaTitle: "",
      fields: { ...emptyIdeaInput(), agencyId: "agency-DINSOS", title: "Kartu Lansia Sejahtera", problem: "Antre lama" },
      updatedAt: "2026-11-24T02:00:00.000Z",
    };
    // A draft of an edit names the idea as saved, which need not be among the newest.
    const edit = { ...left, id: "0190a000-0000-4000-8000-000000000002", ideaId: "idea-old", ideaTitle: "Posyandu Keliling", fields: { title: "Posyandu Keliling Plus" } };
    backend({ list_drafts: () => [left, edit] });
    const s = await setup();
    const offered = await screen.findByTestId("drafts");
    expect(offered.textContent).toContain("Kartu Lansia Sejahtera");
    expect(offered.textContent).toContain("Posyandu Keliling Plus");
    expect(offered.textContent).toContain("Perubahan untuk: Posyandu Keliling ·");
    expect(offered.textContent).toContain("Dinsos");
    fireEvent.click(screen.getAllByTestId("draft-resume")[0]);
    await waitFor(() => expect(s.field("idea-title").value).toBe("Kartu Lansia Sejahtera"));
    expect(s.field("idea-problem").value).toBe("Antre lama");
    expect(screen.getByTestId("agency-picker")).toHaveProperty("value", "Dinsos — Dinas Sosial");
  });

  it("puts a half-typed idea aside with Escape, keeping it as a draft", async () => {
    const calls = backend();
    const s = await setup();
    s.type("idea-title", "Setengah jadi");
    fireEvent.keyDown(s.field("idea-title"), { key: "Escape" });
    await waitFor(() => expect(s.field("idea-title").value).toBe(""));
    expect(screen.getByTestId("save-status").textContent).toContain("Draf disimpan");
    await waitFor(() =>
      expect(
        calls.some((c) => c.cmd === "save_draft" && (c.args as { fields: IdeaInput }).fields.title === "Setengah jadi"),
      ).toBe(true),
    );
    expect(calls.some((c) => c.cmd === "discard_draft")).toBe(false);
  });

  it("shows similar ideas while the title is typed, and opens one", async () => {
    const calls = backend({
      similar_ideas: () => [
        { ideaId: "idea-old", title: "Bank Sampah Digital", agencyShortName: "Dinsos", agencyName: "Dinas Sosial", score: 1 },
      ],
    });
    const s = await setup();
    s.type("idea-title", "bank sampah");
    const hint = await screen.findByTestId("similar-hint", {}, { timeout: 1000 });
    expect(hint.textContent).toContain("Bank Sampah Digital");
    expect((calls.find((c) => c.cmd === "similar_ideas")?.args as { text: string }).text).toBe("bank sampah");
    fireEvent.click(screen.getByText("Buka"));
    await waitFor(() => expect(s.field("idea-title").value).toBe("Bank Sampah Digital"));
    expect(screen.getByText("Ubah ide")).toBeTruthy();
  });

  it("moves an idea to the trash from its details, with an undo", async () => {
    const calls = backend({
      delete_idea: () => ({ ...OLD, deletedAt: "2026-11-24T04:00:00.000Z" }),
      restore_idea: () => OLD,
    });
    await setup();
    fireEvent.click(screen.getByTestId("latest-idea"));
    fireEvent.click(await screen.findByTestId("delete-idea"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("dipindahkan ke sampah");
    expect(screen.queryAllByTestId("latest-idea")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("toast-undo"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "restore_idea")).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId("latest-idea")).toHaveLength(1));
  });

  it("refuses a photo over 15 MB in plain words, and shows a chosen photo as a thumbnail", async () => {
    backend();
    await setup();
    const input = screen.getByTestId("photo-input") as HTMLInputElement;
    const big = new File([new Uint8Array(16 * 1024 * 1024)], "flipchart.jpg", { type: "image/jpeg" });
    const small = new File([new Uint8Array([0xff, 0xd8, 0xff])], "kertas.jpg", { type: "image/jpeg" });
    fireEvent.change(input, { target: { files: [big, small] } });
    const problem = await screen.findByTestId("photo-problem");
    expect(problem.textContent).toContain("flipchart.jpg terlalu besar");
    expect(problem.textContent).toContain("15 MB");
    expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1);
    expect(screen.getByTestId("photo-thumb").textContent).toContain("kertas.jpg");
  });

  it("starts a new idea on today's lab day and the 5D stage of the session running now", async () => {
    vi.setSystemTime(new Date("2026-11-25T03:30:00Z")); // day 2, 10:30 in Jakarta
    const calls = backend({
      get_agenda: () => [
        { id: "s1", labId: LAB.id, day: 2, startsAt: "08:00", endsAt: "10:00", title: "Diagnosa", stage: "diagnose" },
        { id: "s2", labId: LAB.id, day: 2, startsAt: "10:00", endsAt: "12:00", title: "Desain", stage: "design" },
      ],
    });
    const s = await setup();
    await waitFor(() => expect((screen.getByTestId("idea-stage") as HTMLSelectElement).value).toBe("design"));
    expect((screen.getByTestId("idea-labDay") as HTMLSelectElement).value).toBe("2");
    // Defaults alone are not a draft.
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.some((c) => c.cmd === "save_draft")).toBe(false);
    s.chooseAgency("dinkes");
    s.type("idea-title", "Ide hari kedua");
    s.ctrlEnter("idea-title");
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_idea")).toBe(true));
    expect((calls.find((c) => c.cmd === "add_idea")?.args as { input: IdeaInput }).input).toMatchObject({
      labDay: 2,
      stage: "design",
      title: "Ide hari kedua",
    });
  });
});
