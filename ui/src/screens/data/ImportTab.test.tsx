import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import type { BackupInfo } from "../../bindings/BackupInfo";
import type { MergeConflict } from "../../bindings/MergeConflict";
import type { MergeReport } from "../../bindings/MergeReport";
import { LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { DataScreen } from "./DataScreen";
import { valueText } from "./ImportTab";

const PREVIEW: MergeReport = {
  applied: false,
  labId: LAB.id,
  labName: LAB.name,
  labIsNew: false,
  fromInstallationId: "01a2235b-afa4-72e0-a45b-b5b3ca3d0be2",
  bundleCreatedAt: "2026-11-28T09:30:00.000Z",
  newIdeas: [
    { id: "i1", title: "Posyandu keliling", agency: "Dinas Kesehatan" },
    { id: "i2", title: "Bank sampah digital", agency: "Dinas Lingkungan Hidup" },
  ],
  changedIdeas: [{ id: "i3", title: "Antrean daring", agency: "Dinas Kesehatan" }],
  deletedIdeas: [{ id: "i4", title: "", agency: "" }],
  conflicts: 1,
  changedRecords: 5,
};

const CONFLICT: MergeConflict = {
  id: 7,
  labId: LAB.id,
  entity: "idea",
  entityId: "i3",
  field: "problem",
  label: "Antrean daring",
  losingValue: "Warga antre sejak subuh",
  losingOrigin: "01a2235b-afa4-72e0-a45b-b5b3ca3d0be2",
  losingAt: "2026-11-28T08:00:00.000Z",
  winningAt: "2026-11-28T08:05:00.000Z",
  currentValue: "Antrean panjang di loket",
  restorable: true,
  detectedAt: "2026-11-28T09:31:00.000Z",
  resolvedAt: null,
};

const BACKUPS: BackupInfo[] = [
  { name: "labinov-20261128T090000.000Z-120.db", takenAt: "2026-11-28T09:00:00.000Z", size: 2_400_000 },
  { name: "labinov-20261128T085500.000Z-100.db", takenAt: "2026-11-28T08:55:00.000Z", size: 2_300_000 },
];

function setup(overrides: Record<string, Handler> = {}) {
  let conflicts = [CONFLICT];
  const calls = fakeBackend({
    list_drives: () => [],
    find_bundles: () => [
      {
        path: "/media/budi/FLASHDISK/Labinov-lab-2026-11-28-1530/lab.labinov",
        name: "lab.labinov",
        drive: "FLASHDISK",
        size: 1_200_000,
        modifiedAt: "2026-11-28T08:30:00.000Z",
      },
    ],
    pick_file: () => "/media/budi/FLASHDISK/Labinov-lab/lab.labinov",
    preview_bundle: () => PREVIEW,
    merge_bundle: () => ({ ...PREVIEW, applied: true }),
    list_conflicts: () => conflicts,
    restore_conflict: () => {
      conflicts = [];
      return { ...CONFLICT, resolvedAt: "2026-11-28T10:00:00.000Z" };
    },
    list_backups: () => BACKUPS,
    restore_backup: () => ({ ...BACKUPS[0], name: "labinov-20261128T100000.000Z-130.db", takenAt: "2026-11-28T10:00:00.000Z" }),
    ...overrides,
  });
  render(<DataScreen lab={LAB} onReady={vi.fn()} />);
  return calls;
}

describe("Impor & gabung", () => {
  it("previews a picked bundle with counts and titles, merges only on the button, then reports", async () => {
    const calls = setup();
    fireEvent.click(screen.getByTestId("data-tab-import"));
    fireEvent.click(await screen.findByTestId("import-pick"));
    const preview = await screen.findByTestId("import-preview");
    const pick = calls.find((c) => c.cmd === "pick_file");
    expect(pick?.args).toMatchObject({ extensions: ["labinov"] });
    expect(screen.getByTestId("import-counts").textContent).toContain("Ide baru2");
    expect(preview.textContent).toContain("Posyandu keliling");
    expect(preview.textContent).toContain("(dihapus permanen)");
    expect(calls.some((c) => c.cmd === "merge_bundle")).toBe(false);

    fireEvent.click(screen.getByTestId("import-go"));
    const done = await screen.findByTestId("import-done");
    expect(done.textContent).toContain("Tergabung: 2 ide baru, 1 berubah, 1 dihapus, 1 konflik dicatat.");
    expect(calls.find((c) => c.cmd === "merge_bundle")?.args).toMatchObject({
      path: "/media/budi/FLASHDISK/Labinov-lab/lab.labinov",
    });
  });

  it("offers the bundles found on the sticks and previews the one chosen", async () => {
    const calls = setup();
    fireEvent.click(screen.getByTestId("data-tab-import"));
    const found = await screen.findByTestId("found-bundle");
    expect(found.textContent).toContain("lab.labinov");
    expect(found.textContent).toContain("FLASHDISK · 1,2 MB");
    fireEvent.click(screen.getByTestId("found-check"));
    await screen.findByTestId("import-preview");
    expect(calls.find((c) => c.cmd === "preview_bundle")?.args).toMatchObject({
      path: "/media/budi/FLASHDISK/Labinov-lab-2026-11-28-1530/lab.labinov",
    });
    expect(calls.some((c) => c.cmd === "pick_file")).toBe(false);
  });

  it("says plainly when the file is not a bundle, and merges nothing", async () => {
    const calls = setup({
      preview_bundle: () => {
        throw {
          code: "bad_file",
          message: "this is not a Labinov bundle (not an SQLite file)",
          field: "bundle",
          reason: { kind: "notABundle", detail: "not an SQLite file" },
        };
      },
    });
    fireEvent.click(screen.getByTestId("data-tab-import"));
    fireEvent.click(await screen.findByTestId("import-pick"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Berkas ini bukan bundel Labinov");
    expect(screen.queryByTestId("import-go")).toBeNull();
    expect(calls.some((c) => c.cmd === "merge_bundle")).toBe(false);
  });

  it("names the laptop whose clock is too far ahead, with the time it claims, and merges nothing", async () => {
    const message =
      "bundle: the clock of laptop 01a2235b-afa4-72e0-a45b-b5b3ca3d0be2 is ahead: it claims 6429-10-17T02:45:55.327Z, " +
      "about 4406 years ahead of this laptop's clock (2026-11-28T09:30:00.000Z), and at most 24 hours ahead is " +
      "accepted. Check the date and time of both laptops; nothing was merged";
    const calls = setup({
      preview_bundle: () => {
        throw {
          code: "bad_file",
          message,
          field: "bundle",
          reason: {
            kind: "clockAhead",
            laptop: "01a2235b-afa4-72e0-a45b-b5b3ca3d0be2",
            claims: "6429-10-17T02:45:55.327Z",
            ahead: "about 4406 years",
            local: "2026-11-28T09:30:00.000Z",
            maxHours: 24,
            exportedBy: null,
          },
        };
      },
    });
    fireEvent.click(screen.getByTestId("data-tab-import"));
    fireEvent.click(await screen.findByTestId("import-pick"));
    const banner = await screen.findByTestId("error-banner");
    const text = banner.querySelector(".banner__text")?.textContent ?? "";
    expect(text).toContain("jam laptop 3d0be2 yang membuatnya terlalu cepat");
    expect(text).toContain("6429");
    expect(text).toContain("Periksa tanggal dan jam kedua laptop");
    expect(text).not.toContain("formatnya tidak sesuai");
    expect(banner.textContent).toContain(message);
    expect(screen.queryByTestId("import-go")).toBeNull();
    expect(calls.some((c) => c.cmd === "merge_bundle")).toBe(false);
  });

  it("names the laptop whose data came through another laptop's bundle", async () => {
    setup({
      preview_bundle: () => {
        throw {
          code: "bad_file",
          message:
            "bundle: the clock of laptop 01a2235b-afa4-72e0-a45b-b5b3ca3d0be2 is ahead: it claims 2027-11-28T02:00:00.000Z, " +
            "365 days ahead of this laptop's clock (2026-11-28T09:30:00.000Z), and at most 24 hours ahead is accepted " +
            "(the bundle was exported by laptop 01a23d37-6a5f-7065-a7ed-164ed934a984, which had merged that laptop's " +
            "data). Check the date and time of both laptops; nothing was merged",
          field: "bundle",
          reason: {
            kind: "clockAhead",
            laptop: "01a2235b-afa4-72e0-a45b-b5b3ca3d0be2",
            claims: "2027-11-28T02:00:00.000Z",
            ahead: "365 days",
            local: "2026-11-28T09:30:00.000Z",
            maxHours: 24,
            exportedBy: "01a23d37-6a5f-7065-a7ed-164ed934a984",
          },
        };
      },
    });
    fireEvent.click(screen.getByTestId("data-tab-import"));
    fireEvent.click(await screen.findByTestId("import-pick"));
    const banner = await screen.findByTestId("error-banner");
    const text = banner.querySelector(".banner__text")?.textContent ?? "";
    expect(text).toContain("memuat data dari laptop 3d0be2");
    expect(text).toContain("28 November 2027");
    expect(text).toContain("kumpulkan data di laptop 3d0be2");
  });

  it("lists a conflict with the losing and the current value, and restores it", async () => {
    const calls = setup();
    fireEvent.click(screen.getByTestId("data-tab-import"));
    const entry = await screen.findByTestId("conflict");
    expect(entry.textContent).toContain("Antrean daring");
    expect(entry.textContent).toContain("Isian: Permasalahan");
    expect(screen.getByTestId("conflict-lost").textContent).toBe("Warga antre sejak subuh");
    expect(screen.getByTestId("conflict-now").textContent).toBe("Antrean panjang di loket");
    fireEvent.click(screen.getByTestId("conflict-restore"));
    await screen.findByTestId("conflict-restored");
    expect(calls.find((c) => c.cmd === "restore_conflict")?.args).toMatchObject({ conflictId: 7 });
    await screen.findByTestId("conflicts-none");
  });

  it("shows empty and list values in words", () => {
    expect(valueText("")).toBe("(kosong)");
    expect(valueText(["a", "b"])).toBe("a, b");
    expect(valueText(null)).toBe("(kosong)");
  });
});

describe("Cadangan", () => {
  it("lists backups with time and size and restores only after the confirmation", async () => {
    const calls = setup();
    fireEvent.click(screen.getByTestId("data-tab-backups"));
    const rows = await screen.findAllByTestId("backup");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("2,4 MB");
    fireEvent.click(screen.getAllByTestId("backup-restore")[0]);
    expect(screen.getByTestId("confirm").textContent).toContain("Keadaan sekarang disimpan dulu");
    fireEvent.click(screen.getByTestId("confirm-no"));
    expect(calls.some((c) => c.cmd === "restore_backup")).toBe(false);

    fireEvent.click(screen.getAllByTestId("backup-restore")[0]);
    fireEvent.click(screen.getByTestId("confirm-yes"));
    await screen.findByTestId("backups-done");
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toMatchObject({ name: BACKUPS[0].name });
  });

  it("says when there are no backups yet", async () => {
    setup({ list_backups: () => [] });
    fireEvent.click(screen.getByTestId("data-tab-backups"));
    await waitFor(() => expect(screen.getByTestId("backups-none")).toBeTruthy());
  });
});
