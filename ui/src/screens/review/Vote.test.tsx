import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { AGENCIES, LAB, fakeBackend, idea } from "../../test/fixtures";
import { Vote } from "./Vote";

const IDEAS = [
  idea({ id: "a", agencyId: AGENCIES[2].id, title: "Posyandu Digital" }),
  idea({ id: "b", agencyId: AGENCIES[3].id, title: "Bank Sampah" }),
  idea({ id: "c", agencyId: AGENCIES[3].id, title: "Kartu Lansia" }),
];

describe("Vote", () => {
  it("runs a round: voters spread their dots without seeing a tally, then the facilitator closes it", async () => {
    let ballots = 0;
    const calls = fakeBackend({
      open_vote_round: (_, a) => ({ id: "r1", labId: LAB.id, dots: a.dots, candidates: a.candidates, openedAt: "t", closedAt: null, ballots: 0 }),
      cast_ballot: () => ({ id: "r1", labId: LAB.id, dots: 2, candidates: ["a", "b"], openedAt: "t", closedAt: null, ballots: ++ballots }),
      close_vote_round: () => [
        { ideaId: "b", title: "Bank Sampah", dots: 3 },
        { ideaId: "a", title: "Posyandu Digital", dots: 1 },
      ],
      vote_round: () => ({ id: "r1", labId: LAB.id, dots: 2, candidates: ["a", "b"], openedAt: "t", closedAt: "t2", ballots }),
      set_results_released: (_, a) => ({ labId: LAB.id, mode: "wall", spotlightIdeaId: null, theme: "dark", resultsReleased: a.released, updatedAt: "t" }),
      set_show_mode: (_, a) => ({ labId: LAB.id, mode: a.mode, spotlightIdeaId: null, theme: "dark", resultsReleased: true, updatedAt: "t" }),
    });
    render(<Vote lab={LAB} ideas={IDEAS} />);
    fireEvent.input(screen.getByRole("spinbutton"), { target: { value: "2" } });
    fireEvent.change(screen.getByRole("spinbutton"), { target: { value: "2" } });
    fireEvent.click(screen.getByLabelText("Posyandu Digital"));
    fireEvent.click(screen.getByLabelText("Bank Sampah"));
    fireEvent.click(screen.getByTestId("vote-open"));
    const kiosk = await screen.findByTestId("vote-kiosk");
    expect(calls.find((c) => c.cmd === "open_vote_round")?.args).toEqual({ labId: LAB.id, dots: 2, candidates: ["a", "b"] });

    // A voter gives both dots to Bank Sampah; the kiosk shows no tally, only "thank you".
    const [, addB] = screen.getAllByTestId("vote-add");
    fireEvent.click(addB);
    fireEvent.click(addB);
    expect((screen.getAllByTestId("vote-add")[0] as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("vote-cast"));
    await screen.findByTestId("vote-next");
    expect(calls.find((c) => c.cmd === "cast_ballot")?.args).toEqual({ roundId: "r1", dots: { b: 2 } });
    expect(kiosk.textContent).not.toMatch(/Bank Sampah.*2 titik/);

    fireEvent.click(screen.getByTestId("vote-close"));
    const results = await screen.findByTestId("vote-results");
    await waitFor(() => expect(results.textContent).toContain("Bank Sampah"));
    expect(results.querySelector("svg title")?.textContent).toBe("Hasil pemungutan suara");

    // One click puts the result on the projector: released, in the results mode.
    fireEvent.click(screen.getByTestId("vote-project"));
    await waitFor(() => expect(screen.getByTestId("vote-project").textContent).toBe("Hasil tampil di proyektor"));
    const order = calls.filter((c) => c.cmd.startsWith("set_")).map((c) => [c.cmd, c.args]);
    expect(order).toEqual([
      ["set_results_released", { labId: LAB.id, released: true }],
      ["set_show_mode", { labId: LAB.id, mode: "results" }],
    ]);
  });
});
