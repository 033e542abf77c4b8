import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { FollowupBoard } from "../../bindings/FollowupBoard";
import type { IdeaFollowup } from "../../bindings/IdeaFollowup";
import type { IidConfig } from "../../bindings/IidConfig";
import type { IidEstimate } from "../../bindings/IidEstimate";
import type { Step } from "../../bindings/Step";
import type { StepInput } from "../../bindings/StepInput";
import type { WorkbookImport } from "../../bindings/WorkbookImport";
import { setLocale } from "../../i18n";
import { AGENCIES, LAB, OPTIONS, fakeBackend, type Handler } from "../../test/fixtures";
import { Followup } from "./Followup";

const DINKES = AGENCIES[2];
const SETDA = AGENCIES[0];

const step = (n: number, title: string, over: Partial<Step> = {}): Step => ({
  id: `s${n}`,
  ideaId: "i1",
  title,
  owner: "Seksi Yankes",
  startDate: "2027-01-04",
  dueDate: "2027-01-29",
  status: "berjalan",
  note: "",
  position: n,
  ...over,
});

function plan(over: Partial<IdeaFollowup> = {}): IdeaFollowup {
  return {
    ideaId: "i1",
    labId: LAB.id,
    title: "Antrean puskesmas daring",
    ideaAgencyId: DINKES.id,
    plan: { ideaId: "i1", agencyId: null, responsible: "" },
    partners: [],
    steps: [step(1, "Susun SOP"), step(2, "Uji coba di 3 puskesmas")],
    milestones: [
      { ideaId: "i1", stage: "inisiatif", plannedDate: "2027-01-10", actualDate: "2027-01-12" },
      { ideaId: "i1", stage: "uji_coba", plannedDate: "2027-03-01", actualDate: null },
    ],
    updates: [],
    coachNotes: [{ id: "n1", ideaId: "i1", date: "2027-02-01", coach: "Pak Budi", text: "Perlu SK kepala dinas", createdAt: "2027-02-01T03:00:00Z" }],
    evidence: [],
    ...over,
  };
}

const CONFIG: IidConfig = {
  year: 2023,
  source: "test",
  maxParameter: 2,
  evidenceRequired: true,
  scaleUncertain: true,
  agencyScoreUncertain: true,
  indicators: [
    {
      code: "regulasi",
      number: 16,
      labelId: "Regulasi inovasi daerah",
      labelEn: "Regulation",
      weight: 10,
      uncertain: false,
      evidenceHintId: "SK kepala daerah",
      parameters: [
        { labelId: "SK kepala perangkat daerah", labelEn: "Head of agency decree" },
        { labelId: "Peraturan kepala daerah", labelEn: "Regional head regulation" },
      ],
    },
  ],
  bands: [
    { code: "kurang", labelId: "Kurang inovatif", labelEn: "Less innovative", min: 0, uncertain: false },
    { code: "inovatif", labelId: "Inovatif", labelEn: "Innovative", min: 50, uncertain: false },
  ],
};

const ESTIMATE: IidEstimate = {
  isEstimate: true,
  year: 2023,
  score: 0,
  band: CONFIG.bands[0],
  nextBand: CONFIG.bands[1],
  missing: [{ indicator: "regulasi", step: "raiseParameter", fromParameter: 0, toParameter: 2, gain: 100 }],
  nextBandReachable: true,
  counted: 0,
  indicators: 1,
};

const editorHandlers = (data: { plan: IdeaFollowup }): Record<string, Handler> => ({
  idea_followup: () => data.plan,
  list_agencies: () => AGENCIES,
  list_options: () => OPTIONS,
  iid_config: () => CONFIG,
  iid_checklist: () => [{ indicator: "regulasi", parameter: null, evidence: [] }],
  iid_estimate: () => ESTIMATE,
  followup_history: () => [],
  followup_board: () => BOARD,
  iid_estimates_by_agency: () => [
    { agencyId: DINKES.id, agencyName: DINKES.name, isEstimate: true, score: 10.81, band: CONFIG.bands[0], ideas: [{ ideaId: "i1", title: "Antrean puskesmas daring", estimate: ESTIMATE }] },
    { agencyId: "agency-X", agencyName: "Tanpa inovasi", isEstimate: true, score: null, band: null, ideas: [] },
  ],
});

const BOARD: FollowupBoard = {
  labId: LAB.id,
  today: "2027-04-15",
  stages: ["inisiatif", "uji_coba"],
  ideas: [
    { ideaId: "i1", title: "Antrean puskesmas daring", agencyId: DINKES.id, stage: "uji_coba", percent: 40, lastUpdate: "2027-02-10", steps: 2, stepsDone: 1, overdue: 1 },
    { ideaId: "i2", title: "Arsip surat digital", agencyId: SETDA.id, stage: "inisiatif", percent: 0, lastUpdate: null, steps: 0, stepsDone: 0, overdue: 0 },
  ],
  overdue: [{ ideaId: "i1", title: "Antrean puskesmas daring", agencyId: DINKES.id, kind: "step", id: "s2", what: "Uji coba di 3 puskesmas", due: "2027-03-31", daysLate: 15 }],
  agencies: [
    { agencyId: SETDA.id, name: SETDA.name, shortName: SETDA.shortName, ideas: 1, perStage: [1, 0], meanPercent: 0, pastFirstStage: false, overdue: 0 },
    { agencyId: DINKES.id, name: DINKES.name, shortName: DINKES.shortName, ideas: 1, perStage: [0, 1], meanPercent: 40, pastFirstStage: true, overdue: 1 },
  ],
  notPastFirstStage: [SETDA.id],
  progress: { id: "progress", bars: [{ label: { kind: "month", month: "2027-02" }, value: 40 }], max: 100 },
  agencyProgress: [{ agencyId: DINKES.id, chart: { id: "agencyProgress", bars: [{ label: { kind: "month", month: "2027-02" }, value: 40 }], max: 100 } }],
};

const openEditor = async (handlers: Record<string, Handler>) => {
  const calls = fakeBackend(handlers);
  render(<Followup lab={LAB} request={{ ideaId: "i1", n: 1 }} onReady={() => undefined} />);
  await screen.findByTestId("plan-editor");
  await waitFor(() => expect(screen.getAllByTestId("step-row")).toHaveLength(2));
  return calls;
};

describe("the plan editor", () => {
  it("adds a step from the keyboard, moves one with Alt+arrows and edits one with Enter", async () => {
    const data = { plan: plan() };
    const calls = await openEditor({
      ...editorHandlers(data),
      add_step: (_, a) => {
        const input = a.input as StepInput;
        const s = step(3, input.title, { owner: input.owner, dueDate: input.dueDate || null, status: "belum" });
        data.plan = { ...data.plan, steps: [...data.plan.steps, s] };
        return s;
      },
      move_step: (_, a) => {
        const [s1, s2] = data.plan.steps;
        data.plan = { ...data.plan, steps: [{ ...s2, position: 1 }, { ...s1, position: 2 }] };
        expect(a).toMatchObject({ labId: LAB.id, stepId: "s1", position: 2 });
        return data.plan.steps;
      },
      edit_step: (_, a) => ({ ...data.plan.steps[0], ...(a.input as StepInput) }),
    });

    fireEvent.input(screen.getByTestId("step-title"), { target: { value: "Sosialisasi ke kader" } });
    fireEvent.input(screen.getByTestId("step-due"), { target: { value: "28/02/2027" } });
    fireEvent.keyDown(screen.getByTestId("step-title"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId("step-row")).toHaveLength(3));
    const add = calls.find((c) => c.cmd === "add_step");
    expect(add?.args).toMatchObject({ labId: LAB.id, ideaId: "i1", input: { title: "Sosialisasi ke kader", dueDate: "2027-02-28", status: "belum" } });
    expect((screen.getByTestId("step-title") as HTMLInputElement).value).toBe("");

    const first = screen.getAllByTestId("step-row")[0];
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(calls.some((c) => c.cmd === "move_step")).toBe(true));
    await waitFor(() => expect(within(screen.getAllByTestId("step-row")[0]).getByText("Uji coba di 3 puskesmas")).toBeTruthy());

    fireEvent.keyDown(screen.getAllByTestId("step-row")[0], { key: "Enter" });
    await waitFor(() => expect((screen.getByTestId("step-title") as HTMLInputElement).value).toBe("Uji coba di 3 puskesmas"));
    expect(screen.getByText("Mengubah langkah")).toBeTruthy();
    fireEvent.input(screen.getByTestId("step-status"), { target: { value: "selesai" } });
    fireEvent.change(screen.getByTestId("step-status"), { target: { value: "selesai" } });
    fireEvent.submit(screen.getByTestId("step-form"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "edit_step")).toBe(true));
    expect(calls.find((c) => c.cmd === "edit_step")?.args).toMatchObject({ stepId: "s2", input: { status: "selesai" } });
  });

  it("removes a step after asking, from the Delete key, and Esc goes back to the board", async () => {
    const data = { plan: plan() };
    const calls = await openEditor({
      ...editorHandlers(data),
      remove_step: (_, a) => {
        data.plan = { ...data.plan, steps: data.plan.steps.filter((x) => x.id !== a.stepId) };
        return null;
      },
    });
    const row = screen.getAllByTestId("step-row")[0];
    row.focus();
    fireEvent.keyDown(row, { key: "Delete" });
    expect(calls.some((c) => c.cmd === "remove_step")).toBe(false);
    fireEvent.click(await screen.findByTestId("step-remove-yes"));
    await waitFor(() => expect(screen.getAllByTestId("step-row")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "remove_step")?.args).toEqual({ labId: LAB.id, stepId: "s1" });

    fireEvent.keyDown(screen.getAllByTestId("step-row")[0], { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("plan-editor")).toBeNull());
  });

  it("shows a refused step by its reason, in words, never the raw English message", async () => {
    await openEditor({
      ...editorHandlers({ plan: plan() }),
      add_step: () => {
        throw { code: "invalid_input", message: "dueDate: due before start", field: "dueDate", reason: { kind: "dueBeforeStart" } };
      },
    });
    fireEvent.input(screen.getByTestId("step-title"), { target: { value: "Susun SK" } });
    fireEvent.submit(screen.getByTestId("step-form"));
    const banner = await within(screen.getByTestId("steps")).findByTestId("error-banner");
    expect(banner.querySelector(".banner__text")?.textContent).toBe("Tanggal target tidak boleh sebelum tanggal mulai.");
  });

  it("saves a progress update, then uploads its evidence against it; coach notes stay apart", async () => {
    const data = { plan: plan() };
    const calls = await openEditor({
      ...editorHandlers(data),
      add_progress_update: (_, a) => ({ id: "u1", ideaId: "i1", createdAt: "2027-02-10T03:00:00Z", agencyId: null, ...(a.input as object) }),
      add_evidence: () => ({ id: "e1", ideaId: "i1", updateId: "u1", fileName: "sk.pdf", mime: "application/pdf", size: 20, sha256: "ab", createdAt: "" }),
    });
    expect(within(screen.getByTestId("coach-notes")).getByText("Perlu SK kepala dinas")).toBeTruthy();
    expect(within(screen.getByTestId("updates")).queryByText("Perlu SK kepala dinas")).toBeNull();

    fireEvent.input(screen.getByTestId("update-date"), { target: { value: "10/02/2027" } });
    fireEvent.input(screen.getByTestId("update-done"), { target: { value: "SOP disahkan" } });
    fireEvent.input(screen.getByTestId("update-percent"), { target: { value: "40%" } });
    fireEvent.change(screen.getByTestId("update-stage"), { target: { value: "uji_coba" } });
    const pdf = new File(["%PDF-1.4\n%%EOF\n"], "sk.pdf", { type: "application/pdf" });
    fireEvent.change(screen.getByTestId("update-files"), { target: { files: [pdf] } });
    fireEvent.submit(screen.getByTestId("update-form"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_evidence")).toBe(true));
    const cmds = calls.map((c) => c.cmd);
    expect(cmds.indexOf("add_progress_update")).toBeLessThan(cmds.indexOf("add_evidence"));
    expect(calls.find((c) => c.cmd === "add_progress_update")?.args).toMatchObject({
      labId: LAB.id,
      ideaId: "i1",
      input: { date: "2027-02-10", done: "SOP disahkan", stage: "uji_coba", percent: 40 },
    });
  });

  it("opens a PDF's evidence by saving a copy into a folder picked", async () => {
    const pdf = { id: "e1", ideaId: "i1", updateId: null, fileName: "SK Kadis.pdf", mime: "application/pdf", size: 2048, sha256: "ab", createdAt: "" };
    const calls = await openEditor({
      ...editorHandlers({ plan: plan({ evidence: [pdf] }) }),
      pick_folder: () => "/media/budi/USB",
      save_evidence_copy: () => "/media/budi/USB/SK Kadis.pdf",
    });
    fireEvent.click(screen.getByText("SK Kadis.pdf"));
    fireEvent.click(await screen.findByTestId("evidence-save"));
    expect((await screen.findByTestId("evidence-saved")).textContent).toBe("Salinan disimpan: /media/budi/USB/SK Kadis.pdf");
    expect(calls.find((c) => c.cmd === "save_evidence_copy")?.args).toEqual({ ideaId: "i1", evidenceId: "e1", dest: "/media/budi/USB" });
    expect(calls.some((c) => c.cmd === "evidence_bytes")).toBe(false);
  });

  it("answers the IID checklist and calls the score an estimate", async () => {
    const calls = await openEditor({
      ...editorHandlers({ plan: plan() }),
      set_iid_answer: (_, a) => ({ indicator: a.indicator, parameter: a.parameter, evidence: a.evidence }),
    });
    await waitFor(() => expect(screen.getByTestId("iid-score").textContent).toContain("Perkiraan"));
    fireEvent.change(screen.getByTestId("iid-parameter"), { target: { value: "2" } });
    await waitFor(() => expect(calls.some((c) => c.cmd === "set_iid_answer")).toBe(true));
    expect(calls.find((c) => c.cmd === "set_iid_answer")?.args).toEqual({
      labId: LAB.id,
      ideaId: "i1",
      indicator: "regulasi",
      parameter: 2,
      evidence: [],
    });
  });

  it("shows an answer above the highest parameter as the estimate counts it", async () => {
    // Answered 3 before the lab's settings went down to two parameters.
    await openEditor({
      ...editorHandlers({ plan: plan() }),
      iid_checklist: () => [{ indicator: "regulasi", parameter: 3, evidence: [] }],
    });
    const select = await screen.findByTestId<HTMLSelectElement>("iid-parameter");
    await waitFor(() => expect(select.value).toBe("3"));
    expect(select.selectedOptions[0].textContent).toBe("3: di atas parameter tertinggi, dihitung 2");
  });
});

describe("the follow-up board", () => {
  it("shows stages and progress by agency, what is overdue, who is not past the first stage; opens an idea", async () => {
    fakeBackend({ ...editorHandlers({ plan: plan() }) });
    render(<Followup lab={LAB} request={null} onReady={() => undefined} />);
    await screen.findByTestId("followup-board");
    const rows = screen.getAllByTestId("fu-idea-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("Uji coba");
    expect(rows[0].textContent).toContain("40%");
    expect(within(screen.getByTestId("fu-overdue")).getByText("Uji coba di 3 puskesmas")).toBeTruthy();
    expect(screen.getByTestId("fu-not-past").textContent).toContain(SETDA.shortName);
    expect(screen.getByTestId("fu-chart-lab").querySelector("svg")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("fu-iid-agencies").textContent).toContain("10,81"));
    expect(screen.getByTestId("fu-iid-agencies").textContent).toContain("perkiraan");
    expect(screen.getByTestId("fu-iid-agencies").textContent).not.toContain("Tanpa inovasi");

    fireEvent.change(screen.getByTestId("fu-agency-filter"), { target: { value: SETDA.id } });
    expect(screen.getAllByTestId("fu-idea-row")).toHaveLength(1);

    fireEvent.change(screen.getByTestId("fu-agency-filter"), { target: { value: "" } });
    fireEvent.click(screen.getAllByTestId("fu-open-idea")[0]);
    fireEvent.click(await screen.findByTestId("plan-back"));
    expect(screen.queryByTestId("plan-editor")).toBeNull();
    expect(screen.getByTestId("followup-board")).toBeTruthy();
  });

  it("speaks English when asked", async () => {
    setLocale("en");
    fakeBackend({ ...editorHandlers({ plan: plan() }) });
    render(<Followup lab={LAB} request={null} onReady={() => undefined} />);
    await screen.findByTestId("followup-board");
    expect(screen.getByText("Each innovation's stage and progress")).toBeTruthy();
  });
});

const REPORT = (applied: boolean, taken: "here" | "theirs"): WorkbookImport => ({
  applied,
  labId: LAB.id,
  agencyId: DINKES.id,
  agencyName: DINKES.name,
  madeAt: "2027-01-05T02:00:00Z",
  newSteps: [],
  newUpdates: [{ sheet: "Laporan", row: 2, ideaId: "i1", ideaTitle: "Antrean puskesmas daring", what: "SOP disahkan" }],
  changes: [],
  conflicts: [
    {
      key: "step/s1/dueDate",
      sheet: "Rencana aksi",
      row: 2,
      ideaId: "i1",
      ideaTitle: "Antrean puskesmas daring",
      field: "dueDate",
      here: "2027-02-15",
      theirs: "2027-02-28",
      exported: "2027-01-29",
      taken,
    },
  ],
  refused: [{ sheet: "Laporan", row: 3, reason: { kind: "dueBeforeStart" } }],
  unchanged: 4,
});

describe("agency workbooks", () => {
  it("previews a returned workbook, lets each conflict be chosen, and imports only when confirmed", async () => {
    const calls = fakeBackend({
      ...editorHandlers({ plan: plan() }),
      pick_file: () => "/media/budi/USB/Tindak lanjut Dinkes.xlsx",
      preview_followup_workbook: (_, a) => {
        const choices = a.choices as { key: string; take: "here" | "theirs" }[];
        return REPORT(false, choices.find((c) => c.key === "step/s1/dueDate")?.take ?? "here");
      },
      import_followup_workbook: () => REPORT(true, "theirs"),
    });
    render(<Followup lab={LAB} request={null} onReady={() => undefined} />);
    fireEvent.click(await screen.findByTestId("fu-tab-workbooks"));
    fireEvent.click(await screen.findByTestId("wb-pick"));
    const preview = await screen.findByTestId("wb-preview");
    expect(preview.textContent).toContain("belum ada yang disimpan");
    expect(preview.textContent).toContain("Laporan, baris 3");
    expect(preview.textContent).toContain("Tanggal target tidak boleh sebelum tanggal mulai.");
    expect(calls.some((c) => c.cmd === "import_followup_workbook")).toBe(false);

    fireEvent.click(within(screen.getByTestId("wb-conflict")).getByTestId("wb-take-theirs"));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "preview_followup_workbook").slice(-1)[0]?.args).toEqual({
        path: "/media/budi/USB/Tindak lanjut Dinkes.xlsx",
        choices: [{ key: "step/s1/dueDate", take: "theirs" }],
      }),
    );
    await waitFor(() => expect((within(screen.getByTestId("wb-conflict")).getByTestId("wb-take-theirs") as HTMLInputElement).checked).toBe(true));

    fireEvent.click(screen.getByTestId("wb-confirm"));
    await screen.findByTestId("wb-done");
    expect(calls.find((c) => c.cmd === "import_followup_workbook")?.args).toEqual({
      path: "/media/budi/USB/Tindak lanjut Dinkes.xlsx",
      choices: [{ key: "step/s1/dueDate", take: "theirs" }],
    });
  });

  it("writes the workbooks into the folder picked and lists them", async () => {
    const calls = fakeBackend({
      ...editorHandlers({ plan: plan() }),
      pick_folder: () => "/media/budi/USB",
      export_followup_workbooks: () => ["/media/budi/USB/Tindak lanjut - DINKES.xlsx"],
    });
    render(<Followup lab={LAB} request={null} onReady={() => undefined} />);
    fireEvent.click(await screen.findByTestId("fu-tab-workbooks"));
    fireEvent.click(await screen.findByTestId("wb-export"));
    const done = await screen.findByTestId("wb-exported");
    expect(done.textContent).toContain("Tindak lanjut - DINKES.xlsx");
    expect(calls.find((c) => c.cmd === "export_followup_workbooks")?.args).toEqual({ labId: LAB.id, dest: "/media/budi/USB" });
  });
});
