import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import type { LabWorkbookImport } from "../../bindings/LabWorkbookImport";
import { LAB } from "../../test/fixtures";
import { chooseFile, report, setupBackend, typeInto } from "../setup/testBackend";
import { ImportLab } from "./ImportLab";

const clean = report({ total: 2, good: 2, refused: 0, added: 2, rows: [] });

function answer(mode: string, refused: boolean): LabWorkbookImport {
  const ideas = refused
    ? report({
        total: 2,
        good: 1,
        refused: 1,
        rows: [
          {
            line: 5,
            label: "Ide tanpa OPD",
            outcome: "refused",
            changes: [],
            problems: [{ field: "agencyId", message: "no agency called X", reason: { kind: "noAgencyCalled", value: "X" } }],
          },
        ],
      })
    : clean;
  return {
    lab: { ...LAB, id: "lab-2019", name: "Labinov 2019", startDate: "2019-10-07" },
    agencySheet: "OPD",
    ideaSheet: "Ide",
    sheetsIgnored: ["Penilaian"],
    agencies: clean,
    ideas,
    applied: mode === "all_or_nothing" && !refused,
  };
}

function setup(refused = false) {
  const b = setupBackend({
    import_lab_workbook: () => {
      const last = b.withOptions[b.withOptions.length - 1];
      return answer((last.options?.headers as Record<string, string>)["import-mode"], refused);
    },
  });
  const onImported = vi.fn();
  render(<ImportLab onImported={onImported} />);
  fireEvent.click(screen.getByText("Impor lab lama dari XLSX"));
  typeInto("archive-import-name", "Labinov 2019");
  typeInto("archive-import-start", "2019-10-07");
  chooseFile("archive-import-file", "ide-inovasi.xlsx", "workbook bytes");
  const calls = () => b.withOptions.filter((c) => c.cmd === "import_lab_workbook");
  return { calls, onImported };
}

describe("Import an earlier lab into the archive", () => {
  it("checks the workbook first, then imports the very bytes checked, with the lab's name and first day", async () => {
    const { calls, onImported } = setup();
    await waitFor(() => expect((screen.getByTestId("archive-import-check") as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByTestId("archive-import-go") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("archive-import-check"));
    const result = await screen.findByTestId("archive-import-result");
    expect(result.textContent).toContain("Siap: 2 instansi dan 2 ide");
    expect(result.textContent).toContain("Tidak dibaca: Penilaian");
    expect(onImported).not.toHaveBeenCalled();
    const [preview] = calls();
    const headers = preview.options?.headers as Record<string, string>;
    expect(headers["import-mode"]).toBe("preview");
    expect(headers["file-name"]).toBe("ide-inovasi.xlsx");
    const lab = JSON.parse(decodeURIComponent(headers.lab));
    expect([lab.name, lab.startDate, lab.days]).toEqual(["Labinov 2019", "2019-10-07", 3]);
    expect(new TextDecoder().decode(preview.body as Uint8Array)).toBe("workbook bytes");

    fireEvent.click(screen.getByTestId("archive-import-go"));
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId("archive-import-result").textContent).toContain("“Labinov 2019” sudah masuk arsip dengan 2 ide");
    expect(calls().map((c) => (c.options?.headers as Record<string, string>)["import-mode"])).toEqual(["preview", "all_or_nothing"]);
    expect((screen.getByTestId("archive-import-go") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the refused rows with their line and why, and cannot import", async () => {
    const { calls } = setup(true);
    await waitFor(() => expect((screen.getByTestId("archive-import-check") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("archive-import-check"));
    const result = await screen.findByTestId("archive-import-result");
    expect(result.textContent).toContain("1 baris ditolak");
    const row = within(result).getByTestId("import-row");
    expect(row.getAttribute("data-line")).toBe("5");
    expect((screen.getByTestId("archive-import-go") as HTMLButtonElement).disabled).toBe(true);
    expect(calls()).toHaveLength(1);
  });
});
