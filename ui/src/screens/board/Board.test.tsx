import { emit } from "@tauri-apps/api/event";
import { render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { CHANGED_EVENT } from "../../api";
import type { Board as BoardData } from "../../bindings/Board";
import { AGENCIES, LAB, fakeBackend, idea } from "../../test/fixtures";
import { Board } from "./Board";

function boardWith(ideaCount: number): BoardData {
  const [dinkes, dinsos] = [AGENCIES[2], AGENCIES[3]];
  const dinkesIdeas = Array.from({ length: ideaCount - 1 }, (_, i) =>
    idea({ id: `k${i}`, agencyId: dinkes.id, title: `Ide Dinkes ${i + 1}`, proposerName: "dr. Sari", proposerPosition: "Kepala Dinas" }),
  );
  return {
    lab: LAB,
    groups: AGENCIES.map((agency) => ({
      agency,
      ideas: agency === dinkes ? dinkesIdeas : agency === dinsos ? [idea({ id: "s1", agencyId: dinsos.id, title: "Bank Sampah" })] : [],
    })),
    ideaCount,
    agenciesWithoutIdea: AGENCIES.length - 2,
  };
}

describe("Board", () => {
  it("shows the progress, the agencies without an idea, and the ideas by agency", async () => {
    fakeBackend({ get_board: () => boardWith(3) });
    const onReady = vi.fn();
    render(<Board lab={LAB} onReady={onReady} />);

    expect((await screen.findByTestId("board-count")).textContent).toBe("3 / 50 ide");
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("3");
    expect(bar.getAttribute("aria-valuemax")).toBe("50");
    expect(screen.getByText("4 OPD belum punya ide")).toBeTruthy();
    expect(screen.getByText("Kesbangpol").getAttribute("title")).toBe("Badan Kesatuan Bangsa dan Politik");

    const groups = screen.getAllByTestId("board-group");
    expect(groups.map((g) => g.dataset.agencyCode)).toEqual(["DINKES", "DINSOS"]);
    const dinkes = groups[0];
    expect(dinkes.textContent).toContain("Dinas Kesehatan");
    expect(dinkes.textContent).toContain("2 ide");
    const cards = dinkes.querySelectorAll("[data-testid=board-idea]");
    expect([...cards].map((c) => c.textContent)).toEqual([
      "Ide Dinkes 1dr. Sari, Kepala Dinas",
      "Ide Dinkes 2dr. Sari, Kepala Dinas",
    ]);
  });

  it("celebrates a reached target", async () => {
    fakeBackend({ get_board: () => boardWith(51) });
    render(<Board lab={LAB} onReady={() => undefined} />);
    expect((await screen.findByTestId("board-count")).textContent).toBe("51 / 50 ide");
    expect(screen.getByText("Target tercapai!")).toBeTruthy();
  });

  it("refreshes itself when the lab changes", async () => {
    let count = 3;
    fakeBackend({ get_board: () => boardWith(count) });
    render(<Board lab={LAB} onReady={() => undefined} />);
    await screen.findByText("3 / 50 ide");
    count = 4;
    await emit(CHANGED_EVENT, { labId: LAB.id, entity: "idea", entityId: "new" });
    expect(await screen.findByText("4 / 50 ide")).toBe(screen.getByTestId("board-count"));
  });

  it("explains a failure to load and offers to try again", async () => {
    fakeBackend({
      get_board: () => {
        throw { code: "storage_busy", message: "database is locked", field: null };
      },
    });
    render(<Board lab={LAB} onReady={() => undefined} />);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Data sedang dipakai program lain");
    expect(screen.getByRole("button", { name: "Coba lagi" })).toBeTruthy();
  });
});
