import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "./app";
import { captureKey, loadCapture } from "./screens/capture/Capture";
import { beginLaunch, preload, takeLaunch } from "./startup";
import type { AppInfo } from "./bindings/AppInfo";
import type { Board } from "./bindings/Board";
import type { LabSummary } from "./bindings/LabSummary";
import type { NewLab } from "./bindings/NewLab";
import { AGENCIES, LAB, captureHandlers, fakeBackend, type Handler, withCharts } from "./test/fixtures";

const info = (lastLabId: string | null): AppInfo => ({
  version: "0.1.0",
  databasePath: "/tmp/lab.db",
  installationId: "install-1",
  schemaVersion: 1,
  lastLabId,
});

const EMPTY_BOARD: Board = {
  lab: LAB,
  groups: AGENCIES.map((agency) => ({ agency, ideas: [] })),
  ideaCount: 0,
  agenciesWithoutIdea: AGENCIES.length,
};

function backend(lastLabId: string | null, labs: LabSummary[], overrides: Record<string, Handler> = {}) {
  return fakeBackend({
    ...captureHandlers(),
    app_info: () => info(lastLabId),
    list_labs: () => labs,
    open_lab: () => LAB,
    create_demo_lab: () => LAB,
    list_agencies: () => AGENCIES,
    latest_ideas: () => ({ total: 0, ideas: [] }),
    get_board: () => EMPTY_BOARD,
    lab_stats: () =>
      withCharts({
        ideaCount: 0,
        ideaTarget: 50,
        perDay: [],
        withoutDay: 0,
        perAgency: [],
        perBentuk: [],
        perJenis: [],
        perStatus: [],
        agenciesWithoutIdea: AGENCIES,
      }),
    board_page: () => ({ total: 0, columns: [], cards: [], offset: 0 }),
    ...overrides,
  });
}

const root = () => document.querySelector(".app") as HTMLElement;
const screenIs = (name: string) => waitFor(() => expect(root().dataset.screen).toBe(name));
const key = (init: KeyboardEventInit) => fireEvent.keyDown(document.activeElement ?? document.body, init);

describe("App", () => {
  it("welcomes a first start and opens the demo lab", async () => {
    const calls = backend(null, []);
    render(<App />);
    await screenIs("welcome");
    fireEvent.click(screen.getByTestId("open-demo"));
    await screenIs("capture");
    expect(calls.map((c) => c.cmd)).toEqual(
      expect.arrayContaining(["app_info", "list_labs", "create_demo_lab", "open_lab"]),
    );
    expect(screen.getByText(LAB.name)).toBeTruthy();
  });

  it("reopens the last lab, and switches screens with Alt+1, Alt+2 and Ctrl+N", async () => {
    backend(LAB.id, []);
    render(<App />);
    await screenIs("capture");
    fireEvent.input(screen.getByTestId("idea-title"), { target: { value: "Draf" } });

    key({ key: "2", code: "Digit2", altKey: true });
    await screenIs("board");
    expect(screen.getByTestId("board-count").textContent).toBe("0 / 50 ide");
    expect(screen.getByTestId("nav-board").getAttribute("aria-current")).toBe("page");

    key({ key: "1", code: "Digit1", altKey: true });
    await screenIs("capture");
    expect(screen.getByTestId("idea-title")).toHaveProperty("value", "Draf");

    key({ key: "2", code: "Digit2", altKey: true });
    await screenIs("board");
    key({ key: "n", ctrlKey: true });
    await screenIs("capture");
    expect(screen.getByTestId("idea-title")).toHaveProperty("value", "");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("agency-picker")));
  });

  it("uses the launch begun before the first render, and the capture data asked for with it", async () => {
    const calls = backend(LAB.id, []);
    beginLaunch((labId) => preload(captureKey(labId), () => loadCapture(labId)));
    render(<App />);
    await screenIs("capture");
    const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;
    // Nothing asked twice: the app took the launch, the capture screen its data.
    expect([count("open_lab"), count("latest_ideas"), count("list_agencies")]).toEqual([1, 1, 1]);
    // Asked side by side: the capture data did not wait for the lab to open.
    const order = calls.map((c) => c.cmd);
    expect(order.indexOf("latest_ideas")).toBeLessThan(order.indexOf("open_lab"));
    expect(takeLaunch()).toBeNull();
  });

  it("lists the labs when none was open, and comes back with Ganti lab", async () => {
    const summary: LabSummary = { lab: LAB, ideaCount: 12, agencyCount: 37 };
    const calls = backend(null, [summary]);
    render(<App />);
    await screenIs("labs");
    expect(screen.getByText("12 ide dari target 50")).toBeTruthy();
    fireEvent.click(screen.getByText(LAB.name));
    await screenIs("capture");
    expect(calls.find((c) => c.cmd === "open_lab")?.args).toEqual({ labId: LAB.id });
    fireEvent.click(screen.getByTestId("switch-lab"));
    await screenIs("labs");
  });

  it("falls back to the list when the last lab no longer opens", async () => {
    backend("gone", [], {
      open_lab: () => {
        throw { code: "not_found", message: "lab not found: gone", field: null };
      },
    });
    render(<App />);
    await screenIs("welcome");
  });

  it("explains a database that cannot be read at launch", async () => {
    backend(null, [], {
      app_info: () => {
        throw { code: "newer_schema", message: "schema 9", field: null };
      },
    });
    render(<App />);
    expect((await screen.findByTestId("error-banner")).textContent).toContain("versi yang lebih baru");
    expect(root().dataset.screen).toBeUndefined();
  });

  it("switches the language, and remembers it", async () => {
    backend(LAB.id, []);
    render(<App />);
    await screenIs("capture");
    expect(screen.getByTestId("nav-board").textContent).toContain("Papan ide");
    fireEvent.click(screen.getByTestId("lang-switch"));
    expect(screen.getByTestId("nav-board").textContent).toContain("Idea board");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("labinov.locale")).toBe("en");
  });

  it("creates a lab from the welcome form, checking the numbers first", async () => {
    const created: NewLab[] = [];
    backend(null, [], {
      create_lab: (_, args) => {
        created.push(args.input as NewLab);
        return LAB;
      },
    });
    render(<App />);
    await screenIs("welcome");
    fireEvent.input(screen.getByTestId("new-lab-name"), { target: { value: "Lab Kota Serang" } });
    fireEvent.input(screen.getByLabelText("Jumlah hari"), { target: { value: "tiga" } });
    fireEvent.click(screen.getByTestId("new-lab-submit"));
    expect((await screen.findByTestId("field-error")).textContent).toContain("Jumlah hari harus berupa bilangan bulat");
    expect(created).toEqual([]);

    fireEvent.input(screen.getByLabelText("Jumlah hari"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("new-lab-submit"));
    await screenIs("capture");
    expect(created).toEqual([expect.objectContaining({ name: "Lab Kota Serang", days: 2, ideaTarget: 50 })]);
    expect(created[0].startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
