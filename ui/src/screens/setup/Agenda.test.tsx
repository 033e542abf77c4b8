import { act, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { AgendaInput } from "../../bindings/AgendaInput";
import type { AgendaSession } from "../../bindings/AgendaSession";
import { setLocale } from "../../i18n";
import { LAB } from "../../test/fixtures";
import { AGENDA, renderSetup, setupBackend, typeInto } from "./testBackend";

function agendaBackend(overrides: Parameters<typeof setupBackend>[0] = {}) {
  let agenda: AgendaSession[] = [...AGENDA];
  const b = setupBackend({
    get_agenda: () => agenda,
    add_session: (_, args) => {
      const s = { ...(args.input as AgendaInput), id: `s-${agenda.length + 1}`, labId: LAB.id };
      agenda = [...agenda, s];
      return s;
    },
    update_session: (_, args) => {
      agenda = agenda.map((s) => (s.id === args.sessionId ? { ...s, ...(args.input as AgendaInput) } : s));
      return agenda.find((s) => s.id === args.sessionId);
    },
    delete_session: (_, args) => {
      agenda = agenda.filter((s) => s.id !== args.sessionId);
      return null;
    },
    ...overrides,
  });
  return { ...b, commands: (cmd: string) => b.calls.filter((c) => c.cmd === cmd).map((c) => c.args) };
}

const day = (n: number) => screen.getByTestId(`agenda-day-${n}`);
const sessionRow = (title: string) => screen.getAllByTestId("session-row").find((r) => r.textContent?.includes(title))!;

describe("Agenda", () => {
  it("groups the sessions per lab day, with the day's date and the stage's label", async () => {
    agendaBackend();
    await renderSetup("agenda");
    expect(day(1).querySelector("h3")?.textContent).toContain("Hari 1 · 24 November 2026");
    expect(within(day(1)).getAllByTestId("session-row").map((r) => r.textContent)).toEqual([
      expect.stringContaining("08:00–09:00Pembukaan"),
      expect.stringContaining("09:00–12:00Diagnosa masalah"),
    ]);
    expect(within(day(2)).getAllByTestId("session-row")).toHaveLength(1);
    expect(sessionRow("Rencana aksi").textContent).toContain("Dokumentasi");
    expect(day(3).textContent).toContain("Belum ada sesi di hari ini.");

    act(() => setLocale("en"));
    expect(sessionRow("Rencana aksi").textContent).toContain("Documentation");
  });

  it("adds a session, reading 8.30 as 08:30, with a stage from the lab's stage list", async () => {
    const b = agendaBackend();
    await renderSetup("agenda");
    fireEvent.click(screen.getByTestId("session-add-3"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("session-new-3-startsAt")));

    const stage = screen.getByTestId("session-new-3-stage") as HTMLSelectElement;
    expect([...stage.options].map((o) => o.textContent)).toEqual(["Tanpa tahap", "Drum-up", "Diagnose", "Design", "Dokumentasi"]);
    typeInto("session-new-3-startsAt", "8.30");
    typeInto("session-new-3-endsAt", "10:00");
    typeInto("session-new-3-title", "Presentasi ide");
    fireEvent.change(stage, { target: { value: "design" } });
    fireEvent.click(screen.getByTestId("session-new-3-save"));

    await waitFor(() => expect(within(day(3)).getAllByTestId("session-row")).toHaveLength(1));
    expect(b.commands("add_session")).toEqual([
      { labId: LAB.id, input: { day: 3, startsAt: "08:30", endsAt: "10:00", title: "Presentasi ide", stage: "design" } },
    ]);
    expect(screen.getByTestId("agenda-status").textContent).toBe("Sesi “Presentasi ide” sudah ditambahkan.");
  });

  it("shows what the backend refuses at the field it names", async () => {
    agendaBackend({
      add_session: () => {
        throw {
          code: "invalid_input",
          message: "endsAt: a session ends after it starts",
          field: "endsAt",
          reason: { kind: "endsBeforeStart" },
        };
      },
    });
    await renderSetup("agenda");
    fireEvent.click(screen.getByTestId("session-add-1"));
    typeInto("session-new-1-startsAt", "10:00");
    typeInto("session-new-1-endsAt", "09:00");
    typeInto("session-new-1-title", "Rehat");
    fireEvent.click(screen.getByTestId("session-new-1-save"));

    const error = await screen.findByTestId("field-error");
    const ends = screen.getByTestId("session-new-1-endsAt") as HTMLInputElement;
    expect(error.textContent).toContain("Jam selesai harus setelah jam mulai.");
    expect(ends.closest(".field")?.contains(error)).toBe(true);
    expect(ends.value).toBe("09:00");
    await waitFor(() => expect(document.activeElement).toBe(ends));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("explains a time that is not a time", async () => {
    agendaBackend({
      add_session: () => {
        throw {
          code: "invalid_input",
          message: 'startsAt: "jam 8" is not a time (HH:MM)',
          field: "startsAt",
          reason: { kind: "notATime", value: "jam 8" },
        };
      },
    });
    await renderSetup("agenda");
    fireEvent.click(screen.getByTestId("session-add-2"));
    typeInto("session-new-2-startsAt", "jam 8");
    fireEvent.click(screen.getByTestId("session-new-2-save"));
    expect((await screen.findByTestId("field-error")).textContent).toContain("Jam mulai harus berupa jam, misalnya 08.30.");
  });

  it("edits a session with update_session", async () => {
    const b = agendaBackend();
    await renderSetup("agenda");
    fireEvent.click(within(sessionRow("Pembukaan")).getByTestId("session-edit"));
    typeInto("session-s-1-title", "Pembukaan dan sambutan Wali Kota");
    fireEvent.change(screen.getByTestId("session-s-1-day"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("session-s-1-save"));

    await waitFor(() => expect(within(day(2)).getAllByTestId("session-row")).toHaveLength(2));
    expect(b.commands("update_session")).toEqual([
      {
        labId: LAB.id,
        sessionId: "s-1",
        input: { day: 2, startsAt: "08:00", endsAt: "09:00", title: "Pembukaan dan sambutan Wali Kota", stage: "drum_up" },
      },
    ]);
  });

  it("asks before deleting a session", async () => {
    const b = agendaBackend();
    await renderSetup("agenda");
    fireEvent.click(within(sessionRow("Diagnosa masalah")).getByTestId("session-delete"));

    const confirm = screen.getByTestId("session-delete-confirm");
    expect(confirm.textContent).toContain("Hapus sesi “Diagnosa masalah”?");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("session-delete-no")));
    expect(b.commands("delete_session")).toEqual([]);

    fireEvent.click(screen.getByTestId("session-delete-no"));
    expect(screen.queryByTestId("session-delete-confirm")).toBeNull();
    expect(b.commands("delete_session")).toEqual([]);

    fireEvent.click(within(sessionRow("Diagnosa masalah")).getByTestId("session-delete"));
    fireEvent.click(screen.getByTestId("session-delete-yes"));
    await waitFor(() => expect(within(day(1)).getAllByTestId("session-row")).toHaveLength(1));
    expect(b.commands("delete_session")).toEqual([{ labId: LAB.id, sessionId: "s-2" }]);
  });

  it("cancels the question with Escape", async () => {
    const b = agendaBackend();
    await renderSetup("agenda");
    fireEvent.click(within(sessionRow("Pembukaan")).getByTestId("session-delete"));
    fireEvent.keyDown(screen.getByTestId("session-delete-no"), { key: "Escape" });
    expect(screen.queryByTestId("session-delete-confirm")).toBeNull();
    expect(b.commands("delete_session")).toEqual([]);
  });
});
