import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { ApiError, CHANGED_EVENT } from "../../api";
import { LAB } from "../../test/fixtures";
import { normaliseClock } from "./controls";
import { fileErrorText } from "./problems";
import { reasonText } from "../../errors";
import type { Reason } from "../../bindings/Reason";
import { Setup } from "./Setup";
import { AGENDA, renderSetup, setupBackend } from "./testBackend";

const tab = (name: string) => screen.getByTestId(`setup-tab-${name}`);
const panel = (name: string) => screen.getByTestId(`setup-panel-${name}`);

describe("Setup", () => {
  it("reports ready once, after its data loaded, even when it reloads", async () => {
    const { calls } = setupBackend();
    const { onReady } = await renderSetup();
    expect(calls.map((c) => c.cmd).sort()).toEqual([
      "attendance",
      "attendance_counts",
      "get_agenda",
      "list_agencies",
      "list_options",
      "list_people",
      "report_settings",
    ]);
    await act(() => emit(CHANGED_EVENT, { labId: LAB.id, entity: "lab", entityId: LAB.id }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "get_agenda")).toHaveLength(2));
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it("moves between the sections with the arrow keys, Home and End", async () => {
    setupBackend();
    await renderSetup();
    expect(tab("agencies").getAttribute("aria-selected")).toBe("true");
    expect(panel("agencies").hidden).toBe(false);
    expect(panel("agenda").hidden).toBe(true);

    tab("agencies").focus();
    fireEvent.keyDown(tab("agencies"), { key: "ArrowRight" });
    expect(tab("ideas").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("ideas"));
    expect(panel("ideas").hidden).toBe(false);
    expect(panel("agencies").hidden).toBe(true);

    fireEvent.keyDown(tab("ideas"), { key: "End" });
    expect(document.activeElement).toBe(tab("report"));
    fireEvent.keyDown(tab("report"), { key: "ArrowRight" });
    expect(document.activeElement).toBe(tab("lab"));
    fireEvent.keyDown(tab("lab"), { key: "ArrowLeft" });
    expect(document.activeElement).toBe(tab("report"));
    fireEvent.keyDown(tab("report"), { key: "Home" });
    expect(document.activeElement).toBe(tab("lab"));
    // Only the current tab is in the Tab order.
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    expect(tab("agenda").textContent).toContain(String(AGENDA.length));
  });

  it("keeps a section's state while another tab is shown", async () => {
    setupBackend();
    await renderSetup("people");
    fireEvent.click(screen.getByTestId("person-add"));
    fireEvent.input(screen.getByTestId("person-new-name"), { target: { value: "Budi" } });
    fireEvent.click(tab("agenda"));
    fireEvent.click(tab("people"));
    expect((screen.getByTestId("person-new-name") as HTMLInputElement).value).toBe("Budi");
  });

  it("explains a failed load and tries again", async () => {
    let fail = true;
    setupBackend({
      list_people: () => {
        if (fail) throw { code: "storage_busy", message: "database is locked", field: null };
        return [];
      },
    });
    const onReady = vi.fn();
    render(<Setup lab={LAB} onReady={onReady} />);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Data sedang dipakai program lain");
    expect(onReady).not.toHaveBeenCalled();
    fail = false;
    fireEvent.click(screen.getByText("Coba lagi"));
    await screen.findByTestId("setup");
    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
  });
});

describe("plain words", () => {
  it("turns the backend's reasons into sentences", () => {
    expect(reasonText({ kind: "dayOutOfRange", days: 3 }, "Hari ke-")).toBe("Hari ke- harus antara 1 dan 3, sesuai jumlah hari lab.");
    expect(reasonText({ kind: "required" }, "Kode")).toBe("Kode wajib diisi.");
    expect(reasonText({ kind: "notADate", value: "28/11/26" }, "Waktu uji coba")).toBe(
      "Waktu uji coba harus berupa tanggal, misalnya 2026-11-28 atau 28/11/2026.",
    );
    expect(reasonText({ kind: "sameTitle" }, "Nama inovasi")).toContain("sudah punya ide");
    expect(reasonText({ kind: "notAnOption", value: "Digital", list: "bentuk" }, "Bentuk")).toContain("“Digital” tidak ada di daftar pilihan Bentuk");
  });

  it("explains why a file cannot be imported", () => {
    const file = (reason: Reason) => fileErrorText(new ApiError("invalid_input", "file: ...", "file", reason));
    expect(file({ kind: "wrongFileType" })).toContain("Pilih berkas Excel (.xlsx) atau CSV");
    expect(file({ kind: "fileTooLarge", maxBytes: 20 * 2 ** 20 })).toContain("terlalu besar (lebih dari 20 MB)");
    expect(file({ kind: "unreadableSpreadsheet", detail: "zip error" })).toContain("tidak dapat dibaca");
    expect(file({ kind: "noColumn", column: "kode" })).toContain("tidak punya kolom “kode”");
    expect(file({ kind: "tooManyRows", max: 20000 })).toContain("lebih dari 20.000");
    expect(fileErrorText(new ApiError("storage_full", "disk full"))).toContain("Penyimpanan laptop penuh");
  });

  it("reads times as people write them", () => {
    expect(normaliseClock("8.30")).toBe("08:30");
    expect(normaliseClock(" 13:05 ")).toBe("13:05");
    expect(normaliseClock("jam 8")).toBe("jam 8");
  });

  it("edits the lab's details and hands the stored lab back", async () => {
    const { calls } = setupBackend({
      update_lab: (_, a) => ({ ...LAB, ...(a.input as object), updatedAt: "2026-11-25T01:00:00.000Z" }),
    });
    const onReady = vi.fn();
    const onLabChanged = vi.fn();
    render(<Setup lab={LAB} onReady={onReady} onLabChanged={onLabChanged} />);
    fireEvent.click(await screen.findByTestId("setup-tab-lab"));
    const target = screen.getByTestId("lab-ideaTarget") as HTMLInputElement;
    expect(target.value).toBe("50");
    fireEvent.input(target, { target: { value: "60" } });
    fireEvent.click(screen.getByTestId("lab-submit"));
    await waitFor(() => expect(screen.getByTestId("lab-status").textContent).toBe("Data lab tersimpan."));
    expect(calls.filter((c) => c.cmd === "update_lab").map((c) => c.args)).toEqual([
      {
        labId: LAB.id,
        input: {
          name: LAB.name,
          organiser: LAB.organiser,
          city: LAB.city,
          venue: LAB.venue,
          startDate: LAB.startDate,
          days: 3,
          ideaTarget: 60,
        },
      },
    ]);
    expect(onLabChanged).toHaveBeenCalledWith(expect.objectContaining({ ideaTarget: 60 }));
  });

  it("refuses a lab length that is not a whole number at the field, sending nothing", async () => {
    const { calls } = setupBackend();
    render(<Setup lab={LAB} onReady={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("setup-tab-lab"));
    fireEvent.input(screen.getByTestId("lab-days"), { target: { value: "tiga" } });
    fireEvent.click(screen.getByTestId("lab-submit"));
    expect((await screen.findByTestId("field-error")).textContent).toContain("Jumlah hari");
    expect(calls.some((c) => c.cmd === "update_lab")).toBe(false);
  });
});
