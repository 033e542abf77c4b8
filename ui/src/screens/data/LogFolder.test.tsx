import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { DataScreen } from "./DataScreen";

const LOGS = "/home/budi/.local/share/labinov/logs";

function setup(overrides: Record<string, Handler> = {}) {
  const calls = fakeBackend({
    list_drives: () => [],
    list_backups: () => [],
    log_folder: () => LOGS,
    open_log_folder: () => LOGS,
    ...overrides,
  });
  render(<DataScreen lab={LAB} onReady={vi.fn()} />);
  fireEvent.click(screen.getByTestId("data-tab-backups"));
  return calls;
}

describe("Log aplikasi", () => {
  it("shows the log folder and opens it with Buka folder log, passing no path", async () => {
    const calls = setup();
    expect((await screen.findByTestId("logs-path")).textContent).toBe(LOGS);
    const button = screen.getByTestId("logs-open");
    expect(button.textContent).toBe("Buka folder log");
    expect(calls.some((c) => c.cmd === "open_log_folder")).toBe(false);

    fireEvent.click(button);
    await waitFor(() => expect(calls.filter((c) => c.cmd === "open_log_folder")).toHaveLength(1));
    // The webview names nothing: the Rust side opens its own log folder.
    expect(calls.find((c) => c.cmd === "open_log_folder")?.args ?? {}).toEqual({});
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("says so when the file manager cannot be opened, and keeps the path in view", async () => {
    setup({
      open_log_folder: () => {
        throw { code: "file_not_found", message: "file: No such file or directory (os error 2)", field: null };
      },
    });
    await screen.findByTestId("logs-path");
    fireEvent.click(screen.getByTestId("logs-open"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("tidak bisa dibuka di pengelola berkas");
    expect(screen.getByTestId("logs-path").textContent).toBe(LOGS);
  });
});
