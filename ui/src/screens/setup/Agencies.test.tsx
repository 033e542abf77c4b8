import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { CHANGED_EVENT } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { NewAgency } from "../../bindings/NewAgency";
import { AGENCIES, LAB } from "../../test/fixtures";
import { renderSetup, setupBackend, typeInto } from "./testBackend";

const RETIRED_AT = "2026-11-24T04:00:00.000Z";

/** A backend that keeps the agencies it is told about. */
function agencyBackend(overrides: Parameters<typeof setupBackend>[0] = {}) {
  let agencies: Agency[] = AGENCIES.map((a) => ({ ...a }));
  // A new list on every change, as the real backend sends.
  const change = (id: unknown, fields: Partial<Agency>) => {
    agencies = agencies.map((a) => (a.id === id ? { ...a, ...fields } : a));
    return agencies.find((a) => a.id === id);
  };
  const b = setupBackend({
    list_agencies: () => agencies,
    add_agency: (_, args) => {
      const input = args.input as NewAgency;
      const added = { ...input, id: `agency-${input.code}`, labId: LAB.id, retiredAt: null };
      agencies = [...agencies, added];
      return added;
    },
    edit_agency: (_, args) => change(args.agencyId, args.input as NewAgency),
    set_agency_retired: (_, args) => change(args.agencyId, { retiredAt: args.retired ? RETIRED_AT : null }),
    ...overrides,
  });
  return { ...b, commands: (cmd: string) => b.calls.filter((c) => c.cmd === cmd).map((c) => c.args) };
}

const row = (code: string) => screen.getAllByTestId("agency-row").find((r) => r.getAttribute("data-code") === code)!;

describe("Agencies", () => {
  it("lists the lab's agencies with code, short name, name, group and state, then reports ready", async () => {
    agencyBackend();
    const { onReady } = await renderSetup();
    expect(onReady).toHaveBeenCalledTimes(1);
    const cells = [...row("DINKES").querySelectorAll("td")].slice(0, 5).map((td) => td.textContent);
    expect(cells).toEqual(["DINKES", "Dinkes", "Dinas Kesehatan", "Dinas", "Aktif"]);
    expect(screen.getAllByTestId("agency-row")).toHaveLength(AGENCIES.length);
  });

  it("adds an agency with add_agency and shows it", async () => {
    const b = agencyBackend();
    await renderSetup();
    fireEvent.click(screen.getByTestId("agency-add"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("agency-new-code")));
    typeInto("agency-new-code", "DISPAR");
    typeInto("agency-new-shortName", "Dispar");
    typeInto("agency-new-name", "Dinas Pariwisata");
    typeInto("agency-new-group", "Dinas");
    fireEvent.click(screen.getByTestId("agency-new-save"));

    await waitFor(() => expect(screen.getByTestId("agencies-status").textContent).toBe("OPD Dispar sudah ditambahkan."));
    expect(b.commands("add_agency")).toEqual([
      { labId: LAB.id, input: { code: "DISPAR", name: "Dinas Pariwisata", shortName: "Dispar", group: "Dinas" } },
    ]);
    await waitFor(() => expect(row("DISPAR")).toBeTruthy());
    expect(screen.queryByTestId("agency-new-form")).toBeNull();
  });

  it("shows a taken code at the code field and keeps what was typed", async () => {
    agencyBackend({
      add_agency: () => {
        throw {
          code: "duplicate",
          message: "a record with this code already exists: DINKES",
          field: "code",
          reason: { kind: "taken", value: "DINKES" },
        };
      },
    });
    await renderSetup();
    fireEvent.click(screen.getByTestId("agency-add"));
    typeInto("agency-new-code", "DINKES");
    typeInto("agency-new-name", "Dinas Kesehatan Hewan");
    fireEvent.click(screen.getByTestId("agency-new-save"));

    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Kode “DINKES” sudah dipakai. Pakai yang berbeda.");
    const code = screen.getByTestId("agency-new-code") as HTMLInputElement;
    expect(code.closest(".field")?.contains(error)).toBe(true);
    expect(code.getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("agency-new-name") as HTMLInputElement).value).toBe("Dinas Kesehatan Hewan");
    await waitFor(() => expect(document.activeElement).toBe(code));
  });

  it("renames an agency in place with edit_agency", async () => {
    const b = agencyBackend();
    await renderSetup();
    fireEvent.click(within(row("DINSOS")).getByTestId("agency-edit"));
    const name = (await screen.findByTestId("agency-agency-DINSOS-name")) as HTMLInputElement;
    expect(name.value).toBe("Dinas Sosial");
    typeInto("agency-agency-DINSOS-name", "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak");
    fireEvent.click(screen.getByTestId("agency-agency-DINSOS-save"));

    await waitFor(() =>
      expect(row("DINSOS").textContent).toContain("Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak"),
    );
    expect(b.commands("edit_agency")).toEqual([
      {
        agencyId: "agency-DINSOS",
        input: {
          code: "DINSOS",
          name: "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak",
          shortName: "Dinsos",
          group: "Dinas",
        },
      },
    ]);
    await waitFor(() => expect(document.activeElement).toBe(within(row("DINSOS")).getByTestId("agency-edit")));
  });

  it("cancels an edit with Escape, saving nothing", async () => {
    const b = agencyBackend();
    await renderSetup();
    fireEvent.click(within(row("SETDA")).getByTestId("agency-edit"));
    typeInto("agency-agency-SETDA-code", "SEKDA");
    fireEvent.keyDown(screen.getByTestId("agency-agency-SETDA-code"), { key: "Escape" });
    expect(screen.queryByTestId("agency-agency-SETDA-form")).toBeNull();
    expect(row("SETDA")).toBeTruthy();
    expect(b.commands("edit_agency")).toEqual([]);
  });

  it("retires an agency (shown dimmed, not removed) and brings it back", async () => {
    const b = agencyBackend();
    await renderSetup();
    fireEvent.click(within(row("RSUD")).getByTestId("agency-retire"));

    await waitFor(() => expect(row("RSUD").classList.contains("is-retired")).toBe(true));
    expect(row("RSUD").textContent).toContain("Nonaktif sejak");
    expect(screen.getAllByTestId("agency-row")).toHaveLength(AGENCIES.length);
    expect(screen.getByTestId("agencies-status").textContent).toBe("RSUD dinonaktifkan. Ide-idenya tetap tersimpan.");
    const button = within(row("RSUD")).getByTestId("agency-retire");
    expect(button.textContent).toBe("Aktifkan lagi");

    fireEvent.click(button);
    await waitFor(() => expect(row("RSUD").classList.contains("is-retired")).toBe(false));
    expect(b.commands("set_agency_retired")).toEqual([
      { agencyId: "agency-RSUD", retired: true },
      { agencyId: "agency-RSUD", retired: false },
    ]);
  });

  it("filters the list by code, name or group", async () => {
    agencyBackend();
    await renderSetup();
    typeInto("agency-filter", "badan");
    expect(screen.getAllByTestId("agency-row").map((r) => r.getAttribute("data-code"))).toEqual(["BAPPEDA", "KESBANGPOL"]);
    typeInto("agency-filter", "zzz");
    expect(screen.queryAllByTestId("agency-row")).toHaveLength(0);
    expect(screen.getByText("Tidak ada OPD yang cocok dengan “zzz”.")).toBeTruthy();
  });

  it("reloads when another window changes the lab", async () => {
    const b = agencyBackend();
    await renderSetup();
    const loads = () => b.calls.filter((c) => c.cmd === "list_agencies").length;
    const before = loads();
    await act(() => emit(CHANGED_EVENT, { labId: LAB.id, entity: "agency", entityId: "x" }));
    await waitFor(() => expect(loads()).toBe(before + 1));
    await act(() => emit(CHANGED_EVENT, { labId: "another-lab", entity: "agency", entityId: "x" }));
    expect(loads()).toBe(before + 1);
  });
});
