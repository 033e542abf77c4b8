import { fireEvent, render, screen } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { Tabs } from "./Tabs";

const TABS = ["one", "two", "three"] as const;

function renderTabs() {
  return render(
    <Tabs
      name="demo"
      label="Demo sections"
      tabs={TABS}
      initial="two"
      tabLabel={(tab) => <>Tab {tab}</>}
      panel={(tab, shown) => (
        <>
          <input data-testid={`input-${tab}`} />
          {shown && <p data-testid={`only-shown-${tab}`}>{tab}</p>}
        </>
      )}
    />,
  );
}

const tab = (name: string) => screen.getByTestId(`demo-tab-${name}`);
const panel = (name: string) => screen.getByTestId(`demo-panel-${name}`);
const selected = () => screen.getAllByRole("tab").filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.id);

describe("Tabs", () => {
  it("follows the WAI-ARIA tabs pattern: tablist, tabs that control their panels, one tab in the Tab order", () => {
    renderTabs();
    const list = screen.getByRole("tablist");
    expect(list.getAttribute("aria-label")).toBe("Demo sections");
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Tab one", "Tab two", "Tab three"]);
    expect(selected()).toEqual(["demo-tab-two"]);
    expect(tab("one").getAttribute("aria-selected")).toBe("false");
    for (const name of TABS) {
      expect(tab(name).getAttribute("aria-controls")).toBe(`demo-panel-${name}`);
      expect(panel(name).id).toBe(`demo-panel-${name}`);
      expect(panel(name).getAttribute("role")).toBe("tabpanel");
      expect(panel(name).getAttribute("aria-labelledby")).toBe(`demo-tab-${name}`);
      expect(tab(name).getAttribute("type")).toBe("button");
    }
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
    expect([panel("one").hidden, panel("two").hidden, panel("three").hidden]).toEqual([true, false, true]);
    expect(tab("two").classList.contains("is-current")).toBe(true);
  });

  it("moves with the arrow keys (wrapping round), Home and End, taking the focus along", () => {
    renderTabs();
    tab("two").focus();
    fireEvent.keyDown(tab("two"), { key: "ArrowRight" });
    expect(selected()).toEqual(["demo-tab-three"]);
    expect(document.activeElement).toBe(tab("three"));
    expect(panel("three").hidden).toBe(false);
    expect(panel("two").hidden).toBe(true);

    fireEvent.keyDown(tab("three"), { key: "ArrowRight" });
    expect(document.activeElement).toBe(tab("one"));
    fireEvent.keyDown(tab("one"), { key: "ArrowLeft" });
    expect(document.activeElement).toBe(tab("three"));
    fireEvent.keyDown(tab("three"), { key: "Home" });
    expect(document.activeElement).toBe(tab("one"));
    fireEvent.keyDown(tab("one"), { key: "End" });
    expect(document.activeElement).toBe(tab("three"));
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([-1, -1, 0]);
  });

  it("shows a tab on click", () => {
    renderTabs();
    fireEvent.click(tab("one"));
    expect(selected()).toEqual(["demo-tab-one"]);
    expect(panel("one").hidden).toBe(false);
  });

  it("leaves other keys and chords with Ctrl, Alt or Meta to the app", () => {
    const onWindowKey = vi.fn();
    window.addEventListener("keydown", onWindowKey);
    try {
      renderTabs();
      tab("two").focus();
      for (const init of [{ key: "ArrowRight", altKey: true }, { key: "ArrowLeft", ctrlKey: true }, { key: "End", metaKey: true }, { key: "1", altKey: true }, { key: "a" }]) {
        const notCancelled = fireEvent.keyDown(tab("two"), init);
        expect(notCancelled).toBe(true);
      }
      expect(selected()).toEqual(["demo-tab-two"]);
      expect(onWindowKey).toHaveBeenCalledTimes(5);
      expect(onWindowKey.mock.calls[3][0]).toMatchObject({ key: "1", altKey: true });
    } finally {
      window.removeEventListener("keydown", onWindowKey);
    }
  });

  it("keeps every panel mounted, and tells each whether it is shown", () => {
    renderTabs();
    fireEvent.input(screen.getByTestId("input-two"), { target: { value: "typed" } });
    expect(screen.getByTestId("only-shown-two")).toBeTruthy();
    expect(screen.queryByTestId("only-shown-one")).toBeNull();
    fireEvent.click(tab("one"));
    expect(screen.queryByTestId("only-shown-two")).toBeNull();
    expect(screen.getByTestId("only-shown-one")).toBeTruthy();
    fireEvent.click(tab("two"));
    expect((screen.getByTestId("input-two") as HTMLInputElement).value).toBe("typed");
  });
});
