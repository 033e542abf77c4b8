import { emptyIdeaInput } from "../../ideaFields";
import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { CHANGED_EVENT } from "../../api";
import type { Idea } from "../../bindings/Idea";
import type { IdeaInput } from "../../bindings/IdeaInput";
import { AGENCIES, LAB, fakeBackend, idea, type Handler } from "../../test/fixtures";
import { Capture } from "./Capture";

const OLD = idea({
  id: "idea-old",
  agencyId: "agency-DINSOS",
  title: "Bank Sampah Digital",
  proposerName: "Budi",
  createdAt: "2026-11-24T02:00:00.000Z",
});

/** A backend whose add_idea stores the idea; `overrides` replace any command. */
function backend(overrides: Record<string, Handler> = {}) {
  let ideas: Idea[] = [OLD];
  return fakeBackend({
    list_agencies: () => AGENCIES,
    list_ideas: () => ideas,
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

describe("Capture", () => {
  it("loads the roster and the ideas, then reports ready and focuses the agency picker", async () => {
    backend();
    const s = await setup();
    expect(s.latestTitles()).toEqual(["Bank Sampah Digital"]);
    await waitFor(() => expect(s.onReady).toHaveBeenCalled());
    await waitFor(() => expect(document.activeElement).toBe(s.picker));
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
          draftId: null,
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
        throw { code: "invalid_input", message: "title: contains an invisible control character (U+0007)", field: "title" };
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
      { cmd: "update_idea", args: { ideaId: "idea-old", patch: { title: "Bank Sampah Digital Kelurahan" }, draftId: null } },
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
    const listCalls = () => calls.filter((c) => c.cmd === "list_ideas").length;
    await waitFor(() => expect(listCalls()).toBe(1));
    await emit(CHANGED_EVENT, { labId: "another-lab", entity: "idea", entityId: "x" });
    await emit(CHANGED_EVENT, { labId: LAB.id, entity: "idea", entityId: "x" });
    await waitFor(() => expect(listCalls()).toBe(2));
  });
});
