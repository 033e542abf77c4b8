import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import type { ArchiveItem } from "../../bindings/ArchiveItem";
import type { ArchiveQuery } from "../../bindings/ArchiveQuery";
import type { ArchiveSummary } from "../../bindings/ArchiveSummary";
import { OPTIONS, fakeBackend } from "../../test/fixtures";
import { Archive } from "./Archive";

const SUMMARY: ArchiveSummary = {
  labs: [
    { id: "lab-25", name: "Labinov 2025", year: 2025, startDate: "2025-11-02", ideas: 1 },
    { id: "lab-24", name: "Labinov 2024", year: 2024, startDate: "2024-11-02", ideas: 2 },
  ],
  years: [2024, 2025],
  agencies: [
    {
      code: "DINKES",
      name: "Dinas Kesehatan",
      shortName: "Dinkes",
      perYear: [
        { year: 2024, ideas: 2 },
        { year: 2025, ideas: 1 },
      ],
      ideas: 3,
      inPenerapan: 0,
    },
  ],
  ideas: 3,
};

const item = (id: string, labId: string, year: number, title: string, tahapan: string): ArchiveItem => ({
  id,
  labId,
  labName: `Labinov ${year}`,
  year,
  agencyCode: "DINKES",
  agencyName: "Dinas Kesehatan",
  title,
  tahapan,
  status: "captured",
  tematik: "",
  continues: null,
  continuedBy: 0,
});

const ITEMS = [
  item("i-3", "lab-25", 2025, "Ambulans desa", "inisiatif"),
  item("i-1", "lab-24", 2024, "Antrean puskesmas daring", "uji_coba"),
  item("i-2", "lab-24", 2024, "Posyandu digital", "inisiatif"),
];

function setup() {
  let items = [...ITEMS];
  const calls = fakeBackend({
    archive_summary: () => SUMMARY,
    list_options: () => OPTIONS,
    archive_page: (_, a) => {
      const q = a.query as ArchiveQuery;
      const hits = items.filter(
        (i) =>
          (q.years.length === 0 || q.years.includes(i.year)) &&
          (q.tahapan.length === 0 || q.tahapan.includes(i.tahapan)) &&
          i.title.toLowerCase().includes(q.text.toLowerCase()),
      );
      return { total: hits.length, offset: q.offset, items: hits.slice(q.offset, q.offset + q.limit) };
    },
    list_drives: () => [
      { path: "/media/budi/FLASHDISK", label: "FLASHDISK", fsType: "vfat", freeBytes: 3_200_000_000, totalBytes: 7_900_000_000, writable: true },
    ],
    export_city_gallery: () => ({
      folder: "/media/budi/FLASHDISK/Labinov-galeri-kota-cilegon-2026-12-07-1300",
      folderName: "Labinov-galeri-kota-cilegon-2026-12-07-1300",
      labName: "Kota Cilegon",
      ideas: 3,
      files: Array.from({ length: 120 }, (_, n) => ({ name: `galeri-kota/p${n}.html`, size: 1000, sha256: "a".repeat(64), verified: true })),
      elapsedMs: 800,
    }),
    carry_forward_idea: (_, a) => {
      items = items.map((i) => (i.id === a.ideaId ? { ...i, continuedBy: 1 } : i));
      return { id: "new", labId: a.toLabId };
    },
  });
  const onBack = vi.fn();
  const onOpenIdea = vi.fn();
  const onReady = vi.fn();
  render(<Archive onBack={onBack} onOpenIdea={onOpenIdea} onReady={onReady} />);
  return { calls, onBack, onOpenIdea, onReady };
}

describe("Archive", () => {
  it("shows every lab's ideas, each agency's ideas per year, and filters by year and stage", async () => {
    const { calls, onReady } = setup();
    expect(await screen.findAllByTestId("archive-item")).toHaveLength(3);
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    expect(screen.getByText(/2 lab dengan 3 ide/)).toBeTruthy();
    const years = screen.getByTestId("archive-years");
    expect(years.textContent).toContain("Dinas Kesehatan");
    expect(years.textContent).toContain("belum ada");
    // Labels from the newest lab's option lists.
    expect(screen.getAllByTestId("archive-item")[1].textContent).toContain("Uji coba");

    fireEvent.change(screen.getByTestId("archive-year"), { target: { value: "2024" } });
    await waitFor(() => expect(screen.getAllByTestId("archive-item")).toHaveLength(2));
    fireEvent.change(screen.getByTestId("archive-tahapan"), { target: { value: "uji_coba" } });
    await waitFor(() => expect(screen.getAllByTestId("archive-item")).toHaveLength(1));
    const last = calls.filter((c) => c.cmd === "archive_page").pop()!.args as { query: ArchiveQuery };
    expect(last.query).toMatchObject({ years: [2024], tahapan: ["uji_coba"], offset: 0 });

    fireEvent.change(screen.getByTestId("archive-tahapan"), { target: { value: "" } });
    fireEvent.input(screen.getByTestId("archive-search"), { target: { value: "zzz" } });
    expect(await screen.findByTestId("archive-empty")).toBeTruthy();
  });

  it("carries an idea forward into a later lab and says so", async () => {
    const { calls } = setup();
    await screen.findAllByTestId("archive-item");
    // Only the 2024 ideas can go forward (into 2025); the 2025 idea has no later lab.
    expect(screen.getAllByTestId("archive-carry")).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId("archive-carry")[0]);
    fireEvent.click(screen.getByTestId("archive-carry-confirm"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("dilanjutkan ke Labinov 2025"));
    expect(calls.filter((c) => c.cmd === "carry_forward_idea").map((c) => c.args)).toEqual([
      { ideaId: "i-1", toLabId: "lab-25" },
    ]);
    await waitFor(() => expect(screen.getAllByTestId("archive-item")[1].textContent).toContain("Dilanjutkan di 1 lab"));
  });

  it("opens an idea in its lab, and Esc goes back to the labs", async () => {
    const { onBack, onOpenIdea } = setup();
    await screen.findAllByTestId("archive-item");
    fireEvent.click(screen.getAllByText("Buka")[1]);
    expect(onOpenIdea).toHaveBeenCalledWith("lab-24", "i-1");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onBack).toHaveBeenCalled();
  });

  it("exports the city's gallery of every lab to a stick and sums up its many files", async () => {
    const { calls } = setup();
    await screen.findAllByTestId("archive-item");
    const panel = screen.getByTestId("city-export-panel");
    expect(panel.textContent).toContain("Galeri inovasi kota");
    // Only the language to choose: the labs' own choices say what is public.
    expect(panel.querySelectorAll("input[type=checkbox]")).toHaveLength(0);
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>("radio").checked).toBe(true));
    fireEvent.change(screen.getByTestId("export-lang"), { target: { value: "en" } });
    fireEvent.click(screen.getByTestId("export-go"));
    const done = await screen.findByTestId("export-done");
    expect(calls.filter((c) => c.cmd === "export_city_gallery").map((c) => c.args)).toEqual([
      { labIds: [], dest: "/media/budi/FLASHDISK", lang: "en" },
    ]);
    expect(done.textContent).toContain("Galeri kota selesai: 3 inovasi ditulis ke folder Labinov-galeri-kota-cilegon-2026-12-07-1300.");
    expect(screen.getByTestId("export-files-summary").textContent).toBe("120 berkas (120 kB), 120 terverifikasi.");
    expect(screen.queryAllByTestId("export-file")).toHaveLength(0);
  });
});
