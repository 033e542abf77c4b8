import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { ImportReport } from "../../bindings/ImportReport";
import { LAB } from "../../test/fixtures";
import { chooseFile, renderSetup, report, setupBackend, type OptionsCall } from "./testBackend";

const ROSTER = "kode,nama,singkatan,catatan\nDISPAR,Dinas Pariwisata,Dispar,\nDINKES,Dinas Kesehatan,Dinkes,\nDISHUB,Dinas Perhubungan,Dishub,\n";

/** The `import-mode` header of a recorded call. */
const modeOf = (call: OptionsCall) => (call.options?.headers as Record<string, string>)["import-mode"];

/**
 * A backend whose import command answers by mode: `preview` gets `checked`, the others
 * `applied` (as if the backend wrote the good rows).
 */
function importBackend(cmd: "import_agencies" | "import_ideas", checked: ImportReport) {
  let agencyLoads = 0;
  const backend = setupBackend({
    [cmd]: () => {
      const mode = modeOf(backend.withOptions[backend.withOptions.length - 1]);
      if (mode === "preview") return checked;
      return { ...checked, mode, applied: mode === "skip_refused" ? checked.good > 0 : checked.refused === 0 };
    },
    list_agencies: () => {
      agencyLoads++;
      return [];
    },
  });
  return { ...backend, agencyLoads: () => agencyLoads, imports: () => backend.withOptions.filter((c) => c.cmd === cmd) };
}

describe("Import a roster", () => {
  it("checks the file first, shows each row's problems, and imports nothing until confirmed", async () => {
    const b = importBackend("import_agencies", report());
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", ROSTER);

    const table = await screen.findByTestId("import-agencies-rows");
    expect(b.imports().map(modeOf)).toEqual(["preview"]);
    expect(screen.getByTestId("import-agencies-total").textContent).toBe("3");
    expect(screen.getByTestId("import-agencies-added").textContent).toBe("2");
    expect(screen.getByTestId("import-agencies-refused").textContent).toBe("1");
    expect(screen.getByTestId("import-agencies-columns-used").textContent).toContain("kode, nama, singkatan");
    expect(screen.getByTestId("import-agencies-columns-ignored").textContent).toContain("catatan");
    expect(screen.getByTestId("import-agencies-nothing-yet").textContent).toContain("Belum ada data yang disimpan");

    const rows = within(table).getAllByTestId("import-row");
    expect(rows.map((r) => r.getAttribute("data-line"))).toEqual(["2", "3", "4"]);
    const problem = within(rows[1]).getByTestId("import-problem");
    expect(problem.textContent).toContain("Kode");
    expect(problem.textContent).toContain("Kode “DINKES” sudah dipakai");
    expect(problem.textContent).toContain("already used: DINKES");
    expect(rows[0].textContent).toContain("Baru");

    // The file was sent as bytes, with what describes it in headers.
    const [preview] = b.imports();
    expect(new TextDecoder().decode(preview.body as Uint8Array)).toBe(ROSTER);
    expect(preview.options?.headers).toEqual({ "lab-id": LAB.id, "file-name": "opd.csv", "import-mode": "preview" });
  });

  it("cannot import everything while rows are refused, and explains why", async () => {
    importBackend("import_agencies", report());
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", ROSTER);

    const all = (await screen.findByTestId("import-agencies-all")) as HTMLButtonElement;
    expect(all.disabled).toBe(true);
    expect(document.getElementById(all.getAttribute("aria-describedby") ?? "")?.textContent).toContain("1 baris ditolak");
    expect((screen.getByTestId("import-agencies-skip") as HTMLButtonElement).disabled).toBe(false);
  });

  it("imports only the correct rows with skip_refused, sending the bytes that were checked", async () => {
    const b = importBackend("import_agencies", report());
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", ROSTER);
    fireEvent.click(await screen.findByTestId("import-agencies-skip"));

    const done = await screen.findByTestId("import-agencies-done");
    expect(done.textContent).toBe("Selesai: 2 baru, 0 diperbarui, 0 tidak berubah. 1 baris yang ditolak tidak diimpor.");
    const [preview, applied] = b.imports();
    expect(b.imports().map(modeOf)).toEqual(["preview", "skip_refused"]);
    expect(applied.body).toEqual(preview.body);
    expect(applied.options?.headers).toMatchObject({ "lab-id": LAB.id, "file-name": "opd.csv" });
    // The list is reloaded to show the new agencies.
    await waitFor(() => expect(b.agencyLoads()).toBeGreaterThan(1));
    expect(screen.queryByTestId("import-agencies-skip")).toBeNull();
  });

  it("imports all rows with all_or_nothing when none is refused", async () => {
    const clean = report({
      good: 3,
      refused: 0,
      added: 3,
      columnsIgnored: [],
      rows: report().rows.map((r) => ({ ...r, outcome: "new", problems: [] })),
    });
    const b = importBackend("import_agencies", clean);
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.xlsx", "not really a workbook");

    const all = (await screen.findByTestId("import-agencies-all")) as HTMLButtonElement;
    expect(all.disabled).toBe(false);
    expect(screen.queryByTestId("import-agencies-columns-ignored")).toBeNull();
    fireEvent.click(all);

    expect((await screen.findByTestId("import-agencies-done")).textContent).toBe("Selesai: 3 baru, 0 diperbarui, 0 tidak berubah. ");
    expect(b.imports().map(modeOf)).toEqual(["preview", "all_or_nothing"]);
  });

  it("explains a file it cannot read in plain words", async () => {
    setupBackend({
      import_agencies: () => {
        throw {
          code: "invalid_input",
          message: 'file: the file has no column "kode"',
          field: "file",
          reason: { kind: "noColumn", column: "kode" },
        };
      },
    });
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", "nama\nDinas Kesehatan\n");

    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Berkas ini tidak punya kolom “kode”");
    expect(banner.textContent).toContain('the file has no column "kode"');
    expect(screen.queryByTestId("import-agencies-report")).toBeNull();
  });

  it("shows the new check when the data changed before the import, and imports nothing", async () => {
    let n = 0;
    const clean = report({ good: 3, refused: 0, added: 3, rows: report().rows.map((r) => ({ ...r, outcome: "new", problems: [] })) });
    setupBackend({
      import_agencies: () => (n++ === 0 ? clean : { ...report(), mode: "all_or_nothing", applied: false }),
    });
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", ROSTER);
    fireEvent.click(await screen.findByTestId("import-agencies-all"));

    await waitFor(() =>
      expect(screen.getByTestId("import-agencies-nothing-yet").textContent).toContain("Belum ada yang diimpor"),
    );
    expect(screen.queryByTestId("import-agencies-done")).toBeNull();
    expect((screen.getByTestId("import-agencies-all") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("Import ideas", () => {
  const ideasReport = report({
    total: 2,
    good: 1,
    refused: 1,
    added: 1,
    columnsUsed: ["OPD", "Judul", "Tahapan"],
    columnsIgnored: [],
    rows: [
      { line: 2, label: "Ambulans Gratis", outcome: "new", changes: [], problems: [] },
      {
        line: 3,
        label: "Sampah Jadi Emas",
        outcome: "refused",
        changes: [],
        problems: [
          {
            field: "agencyId",
            reason: { kind: "noAgencyCalled", value: "DLH" },
            message: 'no agency of the lab is called "DLH"',
          },
          {
            field: "tahapan",
            reason: { kind: "notAnOption", value: "Ujicoba", list: "tahapan" },
            message: '"Ujicoba" is not one of the lab\'s options',
          },
        ],
      },
    ],
  });

  it("uses the same check-then-confirm flow, with the idea form's field names", async () => {
    const b = importBackend("import_ideas", ideasReport);
    await renderSetup("ideas");
    chooseFile("import-ideas-file", "ide.csv", "OPD,Judul,Tahapan\nDINKES,Ambulans Gratis,\nDLH,Sampah Jadi Emas,Ujicoba\n");

    const problems = await screen.findAllByTestId("import-problem");
    expect(problems.map((p) => p.querySelector(".setup-problems__text")?.textContent)).toEqual([
      "Tidak ada OPD aktif bernama “DLH” di lab ini. Tulis kode, singkatan, atau nama OPD persis seperti di daftar OPD.",
      "“Ujicoba” tidak ada di daftar pilihan Tahapan inovasi. Pakai salah satu pilihan yang ada di bagian “Pilihan isian”.",
    ]);
    expect(problems[1].querySelector(".setup-problems__field")?.textContent).toBe("Tahapan inovasi");
    expect(b.imports().map(modeOf)).toEqual(["preview"]);

    // Only the refused rows, on request.
    fireEvent.click(screen.getByTestId("import-ideas-only-refused"));
    expect(screen.getAllByTestId("import-row").filter((r) => !r.closest("[hidden]")).map((r) => r.getAttribute("data-line"))).toEqual(["3"]);

    // Cancel drops the check; nothing was imported.
    fireEvent.click(screen.getByTestId("import-ideas-cancel"));
    expect(screen.queryByTestId("import-ideas-report")).toBeNull();
    expect(b.imports().map(modeOf)).toEqual(["preview"]);
  });

  it("sends skip_refused for the correct rows only", async () => {
    const b = importBackend("import_ideas", ideasReport);
    await renderSetup("ideas");
    chooseFile("import-ideas-file", "ide.xlsx", "bytes");
    fireEvent.click(await screen.findByTestId("import-ideas-skip"));
    await screen.findByTestId("import-ideas-done");
    expect(b.imports().map(modeOf)).toEqual(["preview", "skip_refused"]);
  });
});

describe("Import a roster again", () => {
  const reimport = report({
    total: 5,
    good: 4,
    refused: 1,
    added: 1,
    changed: 2,
    unchanged: 1,
    columnsIgnored: [],
    rows: [
      { line: 2, label: "Sekretariat Daerah", outcome: "unchanged", changes: [], problems: [] },
      {
        line: 3,
        label: "Dinas Kesehatan Kota Cilegon",
        outcome: "changed",
        changes: [
          { field: "name", old: "Dinas Kesehatan", new: "Dinas Kesehatan Kota Cilegon" },
          { field: "shortName", old: "", new: "Dinkes" },
        ],
        problems: [],
      },
      {
        line: 4,
        label: "Dinas Lingkungan Hidup",
        outcome: "changed",
        changes: [{ field: "retiredAt", old: "2026-11-01T08:00:00.000Z", new: "" }],
        problems: [],
      },
      { line: 5, label: "Badan Riset dan Inovasi Daerah", outcome: "new", changes: [], problems: [] },
      {
        line: 6,
        label: "Dinas Kesehatan",
        outcome: "refused",
        changes: [],
        problems: [
          {
            field: "code",
            reason: { kind: "codeRepeated", value: "DINKES", line: 3 },
            message: 'the code "DINKES" is already on line 3 of this file',
          },
        ],
      },
    ],
    notInFile: ["Rumah Sakit Umum Daerah (RSUD)"],
  });

  it("shows each row as new, changed (old → new), unchanged or refused, with the counts", async () => {
    const b = importBackend("import_agencies", reimport);
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd-perbaikan.csv", ROSTER);

    const table = await screen.findByTestId("import-agencies-rows");
    expect(screen.getByTestId("import-agencies-total").textContent).toBe("5");
    expect(screen.getByTestId("import-agencies-added").textContent).toBe("1");
    expect(screen.getByTestId("import-agencies-changed").textContent).toBe("2");
    expect(screen.getByTestId("import-agencies-unchanged").textContent).toBe("1");
    expect(screen.getByTestId("import-agencies-refused").textContent).toBe("1");

    const rows = within(table).getAllByTestId("import-row");
    expect(rows.map((r) => [r.getAttribute("data-line"), r.getAttribute("data-outcome")])).toEqual([
      ["2", "unchanged"],
      ["3", "changed"],
      ["4", "changed"],
      ["5", "new"],
      ["6", "refused"],
    ]);
    expect(rows[0].textContent).toContain("Tidak berubah");
    const [name, shortName] = within(rows[1]).getAllByTestId("import-change");
    expect(name.getAttribute("data-field")).toBe("name");
    expect(name.textContent).toContain("Nama lengkap OPD");
    expect(name.querySelector("del")?.textContent).toBe("Dinas Kesehatan");
    expect(name.querySelector("ins")?.textContent).toBe("Dinas Kesehatan Kota Cilegon");
    expect(name.textContent).toContain("semula");
    expect(shortName.querySelector("del")?.textContent).toBe("(kosong)");
    expect(shortName.querySelector("ins")?.textContent).toBe("Dinkes");
    expect(rows[2].textContent).toContain("Aktif lagi (sebelumnya dinonaktifkan)");
    expect(rows[3].textContent).toContain("Baru");
    expect(within(rows[4]).getByTestId("import-problem").textContent).toContain("“DINKES” sudah ada di baris 3 berkas ini");

    const missing = screen.getByTestId("import-agencies-not-in-file");
    expect(missing.textContent).toContain("1 OPD di lab tidak ada di berkas ini");
    expect(missing.textContent).toContain("Rumah Sakit Umum Daerah (RSUD)");

    // The unchanged rows can be hidden.
    fireEvent.click(screen.getByTestId("import-agencies-hide-unchanged"));
    expect(within(table).getAllByTestId("import-row").map((r) => r.getAttribute("data-line"))).toEqual(["3", "4", "5", "6"]);

    // A refused row: only the correct rows can be imported; the result keeps the outcomes.
    expect((screen.getByTestId("import-agencies-all") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("import-agencies-skip"));
    const done = await screen.findByTestId("import-agencies-done");
    expect(done.textContent).toBe("Selesai: 1 baru, 2 diperbarui, 1 tidak berubah. 1 baris yang ditolak tidak diimpor.");
    expect(b.imports().map(modeOf)).toEqual(["preview", "skip_refused"]);
    const after = within(screen.getByTestId("import-agencies-rows")).getAllByTestId("import-row");
    expect(after.find((r) => r.getAttribute("data-line") === "3")?.textContent).toContain("Diperbarui:");
  });

  it("says there is nothing to import when every row is already in the lab as it is", async () => {
    const same = report({
      total: 3,
      good: 3,
      refused: 0,
      added: 0,
      unchanged: 3,
      columnsIgnored: [],
      rows: report().rows.map((r) => ({ ...r, outcome: "unchanged", problems: [] })),
    });
    const b = importBackend("import_agencies", same);
    await renderSetup("agencies");
    chooseFile("import-agencies-file", "opd.csv", ROSTER);

    const all = (await screen.findByTestId("import-agencies-all")) as HTMLButtonElement;
    expect(all.disabled).toBe(true);
    expect((screen.getByTestId("import-agencies-skip") as HTMLButtonElement).disabled).toBe(true);
    const why = document.getElementById(all.getAttribute("aria-describedby") ?? "");
    expect(why?.textContent).toContain("Tidak ada yang perlu diimpor");
    expect(screen.getAllByTestId("import-row").every((r) => r.getAttribute("data-outcome") === "unchanged")).toBe(true);
    expect(screen.queryByTestId("import-agencies-not-in-file")).toBeNull();
    expect(b.imports().map(modeOf)).toEqual(["preview"]);
  });
});
