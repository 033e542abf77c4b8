import { render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { IdeaFollowup } from "../bindings/IdeaFollowup";
import type { Step } from "../bindings/Step";
import { AGENCIES, LAB, OPTIONS, fakeBackend } from "../test/fixtures";
import { PLAN_ROWS, PlanView } from "./PlanView";

const step = (n: number): Step => ({
  id: `s${n}`,
  ideaId: "i1",
  title: `Langkah ${n}`,
  owner: "Seksi Yankes",
  startDate: null,
  dueDate: "2027-03-31",
  status: n === 1 ? "selesai" : "berjalan",
  note: "",
  position: n,
});

const PLAN: IdeaFollowup = {
  ideaId: "i1",
  labId: LAB.id,
  title: "Antrean puskesmas daring",
  ideaAgencyId: AGENCIES[2].id,
  plan: { ideaId: "i1", agencyId: null, responsible: "dr. Sari" },
  partners: [{ id: "p1", ideaId: "i1", agencyId: AGENCIES[0].id, role: "regulasi" }],
  steps: Array.from({ length: PLAN_ROWS + 2 }, (_, i) => step(i + 1)),
  milestones: [
    { ideaId: "i1", stage: "inisiatif", plannedDate: null, actualDate: "2027-01-12" },
    { ideaId: "i1", stage: "uji_coba", plannedDate: "2027-03-01", actualDate: null },
  ],
  updates: [],
  coachNotes: [],
  evidence: [],
};

describe("the projector's plan view", () => {
  it("shows the spotlighted idea's milestones and first steps, and counts the rest", async () => {
    fakeBackend({ idea_followup: () => PLAN, list_agencies: () => AGENCIES, list_options: () => OPTIONS });
    render(<PlanView lab={LAB} ideaId="i1" version={0} />);
    await waitFor(() => expect(screen.getByTestId("projector-plan-steps")).toBeTruthy());
    expect(screen.getByText("Antrean puskesmas daring")).toBeTruthy();
    expect(screen.getByText(/Pengampu: Dinkes · Mitra: Setda · dr. Sari/)).toBeTruthy();
    expect(screen.getByText("tercapai 12/01/2027")).toBeTruthy();
    expect(screen.getByText("rencana 01/03/2027")).toBeTruthy();
    expect(screen.getByTestId("projector-plan-steps").querySelectorAll("tbody tr")).toHaveLength(PLAN_ROWS);
    expect(screen.getByText("dan 2 langkah lagi")).toBeTruthy();
  });

  it("asks for an idea when none is spotlighted", () => {
    fakeBackend({});
    render(<PlanView lab={LAB} ideaId={null} version={0} />);
    expect(screen.getByText("Pilih ide untuk disorot, lalu tampilkan rencananya.")).toBeTruthy();
  });
});
