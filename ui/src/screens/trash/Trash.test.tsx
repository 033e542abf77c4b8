import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { AGENCIES, LAB, fakeBackend, idea } from "../../test/fixtures";
import { Trash } from "./Trash";

const GONE = [
  idea({ id: "i-1", agencyId: "agency-DINKES", title: "Ambulans Desa", deletedAt: "2026-11-24T05:00:00.000Z" }),
  idea({ id: "i-2", agencyId: "agency-DINSOS", title: "Kartu Lansia", deletedAt: "2026-11-24T04:00:00.000Z" }),
];

function setup(overrides = {}) {
  let trash = [...GONE];
  const calls = fakeBackend({
    list_trash: () => trash,
    list_agencies: () => AGENCIES,
    restore_idea: (_, a) => {
      const back = trash.find((i) => i.id === a.ideaId);
      trash = trash.filter((i) => i.id !== a.ideaId);
      return { ...back, deletedAt: null };
    },
    empty_trash: () => {
      const n = trash.length;
      trash = [];
      return n;
    },
    ...overrides,
  });
  const onReady = vi.fn();
  render(<Trash lab={LAB} onReady={onReady} />);
  return { calls, onReady };
}

describe("Trash", () => {
  it("lists deleted ideas with their agency, and restores one", async () => {
    const { calls, onReady } = setup();
    const items = await screen.findAllByTestId("trash-item");
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining("Ambulans Desa"), expect.stringContaining("Kartu Lansia")]);
    expect(items[0].textContent).toContain("Dinkes");
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    fireEvent.click(screen.getAllByTestId("trash-restore")[0]);
    await waitFor(() => expect(screen.getAllByTestId("trash-item")).toHaveLength(1));
    expect(calls.filter((c) => c.cmd === "restore_idea").map((c) => c.args)).toEqual([{ ideaId: "i-1" }]);
    expect(screen.getByRole("status").textContent).toContain("Ambulans Desa");
  });

  it("asks before emptying the trash, and cancelling keeps everything", async () => {
    const { calls } = setup();
    await screen.findAllByTestId("trash-item");
    fireEvent.click(screen.getByTestId("trash-empty"));
    expect(screen.getByTestId("confirm").textContent).toContain("Hapus permanen 2 ide");
    expect(document.activeElement).toBe(screen.getByTestId("confirm-no"));
    fireEvent.click(screen.getByTestId("confirm-no"));
    expect(calls.some((c) => c.cmd === "empty_trash")).toBe(false);
    expect(screen.getAllByTestId("trash-item")).toHaveLength(2);

    fireEvent.click(screen.getByTestId("trash-empty"));
    fireEvent.click(screen.getByTestId("confirm-yes"));
    await waitFor(() => expect(screen.queryAllByTestId("trash-item")).toHaveLength(0));
    expect(calls.filter((c) => c.cmd === "empty_trash")).toHaveLength(1);
    expect(screen.getByRole("status").textContent).toBe("2 ide dihapus permanen.");
  });
});
