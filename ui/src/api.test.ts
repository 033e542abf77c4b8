import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import * as api from "./api";
import { ApiError } from "./api";
import type { ChangeEvent } from "./bindings/ChangeEvent";
import type { IdeaInput } from "./bindings/IdeaInput";
import type { NewLab } from "./bindings/NewLab";
import { emptyIdeaInput } from "./ideaFields";

/** Answers every command with `result` and records what was sent. */
function answer(result: unknown) {
  const sent: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    sent.push({ cmd, args });
    return result;
  });
  return sent;
}

const newLab: NewLab = {
  name: "Lab",
  organiser: "Bappeda",
  city: "Cilegon",
  venue: "Aula",
  startDate: "2026-11-24",
  days: 3,
  ideaTarget: 50,
};
const input: IdeaInput = { ...emptyIdeaInput(), agencyId: "a1", title: "Ambulans" };

describe("command wrappers", () => {
  const cases: [string, () => Promise<unknown>, string, unknown][] = [
    ["appInfo", () => api.appInfo(), "app_info", {}],
    ["listLabs", () => api.listLabs(), "list_labs", {}],
    ["createLab", () => api.createLab(newLab), "create_lab", { input: newLab }],
    ["openLab", () => api.openLab("lab-1"), "open_lab", { labId: "lab-1" }],
    ["createDemoLab", () => api.createDemoLab(), "create_demo_lab", {}],
    ["listAgencies", () => api.listAgencies("lab-1"), "list_agencies", { labId: "lab-1" }],
    ["listIdeas", () => api.listIdeas("lab-1"), "list_ideas", { labId: "lab-1" }],
    ["getIdea", () => api.getIdea("idea-1"), "get_idea", { ideaId: "idea-1" }],
    ["addIdea", () => api.addIdea("lab-1", input), "add_idea", { labId: "lab-1", input, draftId: null }],
    [
      "updateIdea",
      () => api.updateIdea("idea-1", { title: "Baru" }),
      "update_idea",
      { ideaId: "idea-1", patch: { title: "Baru" }, draftId: null },
    ],
    ["ideaHistory", () => api.ideaHistory("idea-1"), "idea_history", { ideaId: "idea-1" }],
    ["getBoard", () => api.getBoard("lab-1"), "get_board", { labId: "lab-1" }],
  ];

  it.each(cases)("%s sends %s with camelCase arguments and returns the answer", async (_, run, cmd, args) => {
    const result = { answer: cmd };
    const sent = answer(result);
    await expect(run()).resolves.toEqual(result);
    expect(sent).toEqual([{ cmd, args }]);
  });

  it("leave out trailing optional arguments as null, or as their declared default", async () => {
    const sent = answer(null);
    await api.pickFolder();
    await api.pickFile("Pilih", undefined, ["labinov"]);
    await api.attachmentBytes("photo-1");
    await api.listConflicts("lab-1");
    expect(sent).toEqual([
      { cmd: "pick_folder", args: { title: null } },
      { cmd: "pick_file", args: { title: "Pilih", filterName: null, extensions: ["labinov"] } },
      { cmd: "attachment_bytes", args: { attachmentId: "photo-1", full: false } },
      { cmd: "list_conflicts", args: { labId: "lab-1", includeResolved: null } },
    ]);
  });
});

describe("uploads", () => {
  /** Records what reaches `invoke`, options (headers) included, which mockIPC leaves out. */
  function record() {
    mockIPC(() => null);
    const sent: { cmd: string; args: unknown; options: unknown }[] = [];
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: unknown } }).__TAURI_INTERNALS__;
    internals.invoke = async (cmd: string, args: unknown, options: unknown) => {
      sent.push({ cmd, args, options });
      return { rows: [] };
    };
    return sent;
  }

  it("send the file as the raw body and the rest as percent-encoded headers", async () => {
    const sent = record();
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(api.importAgencies("lab-1", "OPD Cilegon.csv", bytes, "preview")).resolves.toEqual({ rows: [] });
    await api.addAttachment("lab-1", "idea-1", "foto ü.jpg", bytes.buffer);
    expect(sent).toEqual([
      {
        cmd: "import_agencies",
        args: bytes,
        options: { headers: { "lab-id": "lab-1", "file-name": "OPD%20Cilegon.csv", "import-mode": "preview" } },
      },
      {
        cmd: "add_attachment",
        args: new Uint8Array([1, 2, 3]),
        options: { headers: { "lab-id": "lab-1", "idea-id": "idea-1", "file-name": "foto%20%C3%BC.jpg" } },
      },
    ]);
  });
});

describe("the generated client", () => {
  it("knows every error code of the Rust side", () => {
    expect(api.ERROR_CODES).toContain("invalid_input");
    expect(api.ERROR_CODES).toContain("drive_removed");
    expect(new Set(api.ERROR_CODES).size).toBe(api.ERROR_CODES.length);
  });
});

describe("errors", () => {
  it("turn an ErrorPayload into an ApiError with code, message and field", async () => {
    mockIPC(() => {
      throw { code: "invalid_input", message: "title: is required", field: "title" };
    });
    const error = await api.addIdea("lab-1", input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "invalid_input", message: "title: is required", field: "title" });
  });

  it("keep a null field", async () => {
    mockIPC(() => {
      throw { code: "storage_full", message: "database or disk is full", field: null };
    });
    await expect(api.listLabs()).rejects.toMatchObject({ code: "storage_full", field: null });
  });

  it.each([
    ["a string", "invalid args `labId` for command `open_lab`"],
    ["an Error", new Error("IPC went away")],
    ["an object with an unknown code", { code: "exploded", message: "boom", field: null }],
    ["null", null],
  ])("make %s an internal ApiError", async (_, reason) => {
    mockIPC(() => {
      throw reason;
    });
    const error = await api.openLab("lab-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "internal", field: null });
    expect((error as ApiError).message).toBe(reason instanceof Error ? reason.message : String(reason));
  });
});

describe("onChanged", () => {
  it("delivers each change event's payload until stopped", async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const cb = vi.fn();
    const stop = await api.onChanged(cb);
    const event: ChangeEvent = { labId: "lab-1", entity: "idea", entityId: "idea-1" };
    await emit(api.CHANGED_EVENT, event);
    expect(cb).toHaveBeenCalledWith(event);
    stop();
    await emit(api.CHANGED_EVENT, event);
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
