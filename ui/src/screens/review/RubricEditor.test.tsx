import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import type { Criterion } from "../../bindings/Criterion";
import { LAB, fakeBackend } from "../../test/fixtures";
import { RubricEditor, newCode } from "./RubricEditor";

const CRITERIA: Criterion[] = [
  { code: "kebaruan", labelId: "Kebaruan", labelEn: "Novelty", weight: 1, scaleMax: 5, position: 0 },
  { code: "efektif", labelId: "Efektif", labelEn: "Effective", weight: 1, scaleMax: 5, position: 1 },
];

describe("RubricEditor", () => {
  it("makes codes for new criteria from their names, unique in the rubric", () => {
    expect(newCode("Dampak Ekonomi", [])).toBe("dampak-ekonomi");
    expect(newCode("Kebaruan", ["kebaruan"])).toBe("kebaruan-2");
    expect(newCode("   ", [])).toBe("kriteria");
  });

  it("asks before changing a rubric that reviews were given on, and saves only after yes", async () => {
    let asked = 0;
    const calls = fakeBackend({
      save_rubric: (_, a) => {
        if (!a.confirmed) {
          asked++;
          throw {
            code: "invalid_input",
            message: "reviews exist: confirm the change of the rubric",
            field: "confirm",
            reason: { kind: "confirmRubricChange" },
          };
        }
        return (a.criteria as Criterion[]).map((c, i) => ({ ...c, position: i }));
      },
    });
    const onSaved = vi.fn();
    render(<RubricEditor labId={LAB.id} criteria={CRITERIA} onSaved={onSaved} />);
    fireEvent.input(screen.getByLabelText("Bobot Kebaruan"), { target: { value: "3" } });
    expect(screen.getAllByTestId("rubric-row")[0].textContent).toContain("75%");
    fireEvent.click(screen.getByTestId("rubric-add"));
    const rows = screen.getAllByTestId("rubric-row");
    fireEvent.input(rows[2].querySelector("input") as HTMLInputElement, { target: { value: "Dampak ekonomi" } });
    fireEvent.click(screen.getByTestId("rubric-save"));
    await screen.findByTestId("confirm");
    expect(asked).toBe(1);
    expect(onSaved).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("confirm-yes"));
    await waitFor(() => expect(screen.getByTestId("rubric-status").textContent).toBe("Rubrik tersimpan."));
    const last = calls.filter((c) => c.cmd === "save_rubric").slice(-1)[0]?.args as { criteria: Criterion[]; confirmed: boolean };
    expect(last.confirmed).toBe(true);
    expect(last.criteria.map((c) => [c.code, c.weight, c.scaleMax])).toEqual([
      ["kebaruan", 3, 5],
      ["efektif", 1, 5],
      ["dampak-ekonomi", 1, 5],
    ]);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("confirm")).toBeNull();
  });

  it("shows a refused weight as a plain error and keeps what was typed", async () => {
    fakeBackend({
      save_rubric: () => {
        throw {
          code: "invalid_input",
          message: "a weight is above 0 and at most 100",
          field: "weight",
          reason: { kind: "weightRange", max: 100 },
        };
      },
    });
    render(<RubricEditor labId={LAB.id} criteria={CRITERIA} onSaved={vi.fn()} />);
    fireEvent.input(screen.getByLabelText("Bobot Efektif"), { target: { value: "0" } });
    fireEvent.click(screen.getByTestId("rubric-save"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Bobot harus lebih dari 0 dan paling besar 100.");
    expect((screen.getByLabelText("Bobot Efektif") as HTMLInputElement).value).toBe("0");
  });
});
