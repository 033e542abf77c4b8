import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { EXPORT_PROGRESS_EVENT } from "../../api";
import type { Drive } from "../../bindings/Drive";
import type { ExportReport } from "../../bindings/ExportReport";
import { LAB, fakeBackend } from "../../test/fixtures";
import { DataScreen } from "./DataScreen";
import { formatBytes } from "./ExportPanel";

const DRIVES: Drive[] = [
  { path: "/media/budi/LOCKED", label: "LOCKED", fsType: "vfat", freeBytes: 1_000_000, totalBytes: 8_000_000_000, writable: false },
  { path: "/media/budi/FLASHDISK", label: "FLASHDISK", fsType: "vfat", freeBytes: 3_200_000_000, totalBytes: 7_900_000_000, writable: true },
];

const REPORT: ExportReport = {
  folder: "/media/budi/FLASHDISK/Labinov-lab-2026-11-28-1530",
  folderName: "Labinov-lab-2026-11-28-1530",
  labName: LAB.name,
  ideas: 51,
  files: [
    { name: "laporan.html", size: 52_563, sha256: "a".repeat(64), verified: true },
    { name: "laporan.pdf", size: 80_734, sha256: "b".repeat(64), verified: true },
    { name: "SHA256SUMS", size: 508, sha256: "c".repeat(64), verified: true },
  ],
  elapsedMs: 900,
};

function setup(overrides = {}) {
  const calls = fakeBackend({
    list_drives: () => DRIVES,
    pick_folder: () => "/home/budi/Dokumen",
    export_lab: async () => {
      for (const [done, step] of [[1, "snapshot"], [2, "laporan.html"]] as const) {
        await emit(EXPORT_PROGRESS_EVENT, { step, done, total: 9 });
      }
      return REPORT;
    },
    ...overrides,
  });
  const onReady = vi.fn();
  render(<DataScreen lab={LAB} onReady={onReady} />);
  return { calls, onReady };
}

describe("Ekspor ke USB", () => {
  it("lists the sticks with their free space, writes to the writable one, and shows the verified files", async () => {
    const { calls, onReady } = setup();
    const drives = await screen.findAllByTestId("export-drive");
    expect(onReady).toHaveBeenCalled();
    expect(drives.map((d) => d.textContent)).toEqual([
      expect.stringContaining("hanya-baca"),
      expect.stringContaining("3,2 GB kosong dari 7,9 GB"),
    ]);
    const radios = screen.getAllByRole<HTMLInputElement>("radio");
    expect(radios[0].disabled).toBe(true);
    await waitFor(() => expect(radios[1].checked).toBe(true));

    fireEvent.click(screen.getByTestId("export-go"));
    const done = await screen.findByTestId("export-done");
    expect(calls.filter((c) => c.cmd === "export_lab").map((c) => c.args)).toEqual([
      {
        labId: LAB.id,
        dest: "/media/budi/FLASHDISK",
        options: { formats: ["html", "pdf", "xlsx", "csv", "json", "bundle", "kegiatan", "docx"], lang: "id" },
      },
    ]);
    expect(done.textContent).toContain("Ekspor selesai: 51 ide ditulis ke folder Labinov-lab-2026-11-28-1530.");
    const files = screen.getAllByTestId("export-file").map((f) => f.textContent);
    expect(files).toEqual([
      expect.stringMatching(/✓laporan\.html52,6 kBterverifikasi/),
      expect.stringMatching(/✓laporan\.pdf80,7 kBterverifikasi/),
      expect.stringMatching(/✓SHA256SUMS508 Bterverifikasi/),
    ]);
    expect(screen.queryByTestId("export-progress")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(done));
    // The free space is read again after the export.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_drives")).toHaveLength(2));
  });

  it("shows each step on the progress bar while the export runs", async () => {
    let finish: (r: ExportReport) => void = () => undefined;
    setup({
      export_lab: async () => {
        await emit(EXPORT_PROGRESS_EVENT, { step: "laporan.pdf", done: 3, total: 9 });
        return new Promise<ExportReport>((resolve) => {
          finish = resolve;
        });
      },
    });
    await screen.findAllByTestId("export-drive");
    await waitFor(() => expect(screen.getAllByRole<HTMLInputElement>("radio")[1].checked).toBe(true));
    fireEvent.click(screen.getByTestId("export-go"));
    const progress = await screen.findByTestId("export-progress");
    await waitFor(() => expect(progress.textContent).toContain("Menulis dan memeriksa laporan.pdf… (langkah 3 dari 9)"));
    const bar = progress.querySelector("progress")!;
    expect([bar.value, bar.max]).toEqual([3, 9]);
    expect((screen.getByTestId("export-go") as HTMLButtonElement).disabled).toBe(true);
    finish(REPORT);
    await screen.findByTestId("export-done");
  });

  it("exports the chosen formats, in English, to a folder picked with the native picker", async () => {
    const { calls } = setup({ list_drives: () => [] });
    expect((await screen.findByTestId("export-no-drives")).textContent).toContain("Tidak ada flashdisk");
    fireEvent.click(screen.getByTestId("export-go"));
    expect(screen.getByTestId("export-hint").textContent).toBe("Pilih flashdisk atau folder tujuan dulu.");
    expect(calls.some((c) => c.cmd === "export_lab")).toBe(false);

    fireEvent.click(screen.getByTestId("export-pick"));
    await waitFor(() => expect(screen.getAllByTestId("export-drive")).toHaveLength(1));
    expect(screen.getByTestId("export-drive").textContent).toContain("/home/budi/Dokumen");
    for (const f of ["pdf", "json", "bundle", "kegiatan", "profiles"])
      fireEvent.click(screen.getByTestId(`export-format-${f}`));
    fireEvent.change(screen.getByTestId("export-lang"), { target: { value: "en" } });
    fireEvent.click(screen.getByTestId("export-go"));
    await screen.findByTestId("export-done");
    expect(calls.find((c) => c.cmd === "pick_folder")?.args).toEqual({ title: "Pilih folder tujuan ekspor" });
    expect(calls.find((c) => c.cmd === "export_lab")?.args).toEqual({
      labId: LAB.id,
      dest: "/home/budi/Dokumen",
      options: { formats: ["html", "xlsx", "csv", "docx", "profiles"], lang: "en" },
    });
  });

  it("refuses to start with nothing to export", async () => {
    const { calls } = setup();
    await screen.findAllByTestId("export-drive");
    for (const f of ["html", "pdf", "xlsx", "csv", "json", "bundle", "kegiatan", "docx"])
      fireEvent.click(screen.getByTestId(`export-format-${f}`));
    fireEvent.click(screen.getByTestId("export-go"));
    expect(screen.getByTestId("export-hint").textContent).toBe("Pilih setidaknya satu isi ekspor.");
    expect(calls.some((c) => c.cmd === "export_lab")).toBe(false);
  });

  it.each([
    ["drive_full", "Flashdisk atau folder tujuan penuh."],
    ["drive_read_only", "tidak bisa ditulisi"],
    ["drive_removed", "Flashdisk tercabut"],
  ])("says plainly what went wrong: %s", async (code, text) => {
    setup({
      export_lab: () => {
        throw { code, message: "os error", field: null };
      },
    });
    await screen.findAllByTestId("export-drive");
    await waitFor(() => expect(screen.getAllByRole<HTMLInputElement>("radio")[1].checked).toBe(true));
    fireEvent.click(screen.getByTestId("export-go"));
    const banner = await screen.findByTestId("export-error");
    expect(banner.textContent).toContain(text);
    expect(banner.textContent?.toLowerCase()).toContain("data di laptop tetap aman");
    expect(screen.queryByTestId("export-done")).toBeNull();
    expect((screen.getByTestId("export-go") as HTMLButtonElement).disabled).toBe(false);
  });
});

describe("formatBytes", () => {
  it("writes sizes the way people read them", () => {
    expect(formatBytes(508)).toBe("508 B");
    expect(formatBytes(52_563)).toBe("52,6 kB");
    expect(formatBytes(3_200_000_000)).toBe("3,2 GB");
    expect(formatBytes(806_912)).toBe("807 kB");
  });
});
