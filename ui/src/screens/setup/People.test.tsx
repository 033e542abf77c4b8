import { act, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Person } from "../../bindings/Person";
import type { PersonInput } from "../../bindings/PersonInput";
import { setLocale } from "../../i18n";
import { LAB } from "../../test/fixtures";
import { PEOPLE, renderSetup, setupBackend, typeInto } from "./testBackend";

function peopleBackend(overrides: Parameters<typeof setupBackend>[0] = {}) {
  let people: Person[] = [...PEOPLE];
  const b = setupBackend({
    list_people: () => people,
    add_person: (_, args) => {
      const p = { ...(args.input as PersonInput), id: `p-${people.length + 1}`, labId: LAB.id };
      people = [...people, p];
      return p;
    },
    remove_person: (_, args) => {
      people = people.filter((p) => p.id !== args.personId);
      return null;
    },
    ...overrides,
  });
  return { ...b, commands: (cmd: string) => b.calls.filter((c) => c.cmd === cmd).map((c) => c.args) };
}

const personRow = (name: string) => screen.getAllByTestId("person-row").find((r) => r.textContent?.includes(name))!;

describe("People", () => {
  it("lists people with position, role and agency, agency heads first", async () => {
    peopleBackend();
    await renderSetup("people");
    const rows = screen.getAllByTestId("person-row").map((r) => [...r.querySelectorAll("td")].slice(0, 4).map((td) => td.textContent));
    expect(rows).toEqual([
      ["dr. Sari Wulandari", "Kepala Dinas Kesehatan", "Kepala OPD", "Dinkes"],
      ["Rina Coach", "LAN-RI", "Coach", ""],
    ]);
    act(() => setLocale("en"));
    expect(personRow("dr. Sari").textContent).toContain("Agency head");
  });

  it("adds an agency head with the agency chosen", async () => {
    const b = peopleBackend();
    await renderSetup("people");
    fireEvent.click(screen.getByTestId("person-add"));
    typeInto("person-new-name", "Drs. Ahmad Fauzi");
    typeInto("person-new-position", "Kepala Dinas Sosial");
    const agency = screen.getByTestId("person-new-agency") as HTMLSelectElement;
    expect(agency.disabled).toBe(false);
    fireEvent.change(agency, { target: { value: "agency-DINSOS" } });
    fireEvent.click(screen.getByTestId("person-new-save"));

    await waitFor(() => expect(personRow("Drs. Ahmad Fauzi").textContent).toContain("Dinsos"));
    expect(b.commands("add_person")).toEqual([
      { labId: LAB.id, input: { name: "Drs. Ahmad Fauzi", position: "Kepala Dinas Sosial", role: "kepala_opd", agencyId: "agency-DINSOS" } },
    ]);
  });

  it("adds a reviewer without an agency", async () => {
    const b = peopleBackend();
    await renderSetup("people");
    fireEvent.click(screen.getByTestId("person-add"));
    typeInto("person-new-name", "Prof. Wahyu");
    fireEvent.change(screen.getByTestId("person-new-role"), { target: { value: "reviewer" } });
    expect((screen.getByTestId("person-new-agency") as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("person-new-save"));
    await waitFor(() => expect(b.commands("add_person")).toHaveLength(1));
    expect(b.commands("add_person")[0]).toEqual({
      labId: LAB.id,
      input: { name: "Prof. Wahyu", position: "", role: "reviewer", agencyId: null },
    });
  });

  it("shows a missing agency at the agency field", async () => {
    peopleBackend({
      add_person: () => {
        throw {
          code: "invalid_input",
          message: "agencyId: a participant belongs to an agency",
          field: "agencyId",
          reason: { kind: "participantNeedsAgency" },
        };
      },
    });
    await renderSetup("people");
    fireEvent.click(screen.getByTestId("person-add"));
    typeInto("person-new-name", "Budi");
    fireEvent.click(screen.getByTestId("person-new-save"));
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Kepala OPD dan staf harus dipilih OPD-nya.");
    expect(screen.getByTestId("person-new-agency").closest(".field")?.contains(error)).toBe(true);
  });

  it("asks before removing a person, and removes nothing on cancel", async () => {
    const b = peopleBackend();
    await renderSetup("people");
    fireEvent.click(within(personRow("Rina Coach")).getByTestId("person-remove"));
    expect(screen.getByTestId("person-remove-confirm").textContent).toContain("Hapus Rina Coach dari daftar?");
    expect(b.commands("remove_person")).toEqual([]);
    fireEvent.click(screen.getByTestId("person-remove-no"));
    expect(b.commands("remove_person")).toEqual([]);
    expect(personRow("Rina Coach")).toBeTruthy();

    fireEvent.click(within(personRow("Rina Coach")).getByTestId("person-remove"));
    fireEvent.click(screen.getByTestId("person-remove-yes"));
    await waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(1));
    expect(b.commands("remove_person")).toEqual([{ labId: LAB.id, personId: "p-1" }]);
    expect(screen.getByTestId("people-status").textContent).toBe("Rina Coach sudah dihapus dari daftar.");
  });

  it("explains a failed removal in a banner and keeps the person", async () => {
    peopleBackend({
      remove_person: () => {
        throw { code: "storage_busy", message: "database is locked", field: null };
      },
    });
    await renderSetup("people");
    fireEvent.click(within(personRow("Rina Coach")).getByTestId("person-remove"));
    fireEvent.click(screen.getByTestId("person-remove-yes"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Data sedang dipakai program lain");
    expect(personRow("Rina Coach")).toBeTruthy();
  });
});
