import { act, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { AttendanceCounts } from "../../bindings/AttendanceCounts";
import type { AttendanceInput } from "../../bindings/AttendanceInput";
import type { Attendee } from "../../bindings/Attendee";
import type { ReportSettings } from "../../bindings/ReportSettings";
import { setLocale } from "../../i18n";
import { LAB } from "../../test/fixtures";
import { nameKey } from "./AttendanceSection";
import { AGENDA, PEOPLE, renderSetup, setupBackend, typeInto } from "./testBackend";

/** A backend that keeps attendance as the core does: one row per session and key. */
function attendanceBackend(start: Attendee[] = []) {
  let rows: Attendee[] = [...start];
  const b = setupBackend({
    attendance: () => rows,
    attendance_counts: (): AttendanceCounts => {
      const present = rows.filter((r) => r.present);
      return {
        perSession: AGENDA.map((s) => ({
          sessionId: s.id,
          day: s.day,
          present: present.filter((r) => r.sessionId === s.id).length,
        })),
        perDay: [1, 2].map((day) => ({
          day,
          date: `2026-11-0${day + 1}`,
          people: new Set(present.filter((r) => AGENDA.find((s) => s.id === r.sessionId)?.day === day).map((r) => r.attendee)).size,
        })),
        perAgency: [],
        people: new Set(present.map((r) => r.attendee)).size,
        agenciesPresent: 0,
      };
    },
    set_attendance: (_, args) => {
      const input = args.input as AttendanceInput;
      const person = PEOPLE.find((p) => p.id === input.personId);
      if (!person && !input.name.trim()) {
        throw { code: "invalid_input", message: "name: is required", field: "name", reason: { kind: "required" } };
      }
      const key = person ? `p:${person.id}` : nameKey(input.agencyId, input.name);
      const row: Attendee = {
        sessionId: args.sessionId as string,
        attendee: key,
        personId: person?.id ?? null,
        name: person?.name ?? input.name.trim(),
        agencyId: person?.agencyId ?? input.agencyId,
        present: input.present,
      };
      rows = [...rows.filter((r) => !(r.sessionId === row.sessionId && r.attendee === key)), row];
      return row;
    },
  });
  return {
    ...b,
    sets: () =>
      b.calls
        .filter((c) => c.cmd === "set_attendance")
        .map((c) => c.args as { labId: string; sessionId: string; input: AttendanceInput }),
  };
}

const rowOf = (name: string) => screen.getAllByTestId("attendee").find((r) => r.textContent?.includes(name))!;
const present = () =>
  screen
    .getAllByTestId("attendee")
    .filter((r) => r.dataset.present === "true")
    .map((r) => r.querySelector(".attendance__name")?.textContent);

describe("Daftar hadir", () => {
  it("filters by typing and ticks the highlighted person with Enter, then clears the filter for the next", async () => {
    const b = attendanceBackend();
    await renderSetup("attendance");
    const filter = await screen.findByTestId("attendance-filter");
    expect(screen.getAllByTestId("attendee").map((r) => r.querySelector(".attendance__name")?.textContent)).toEqual([
      "dr. Sari Wulandari",
      "Rina Coach",
    ]);
    typeInto("attendance-filter", "dinkes");
    expect(screen.getAllByTestId("attendee")).toHaveLength(1);
    fireEvent.keyDown(filter, { key: "Enter" });

    await waitFor(() => expect(present()).toEqual(["dr. Sari Wulandari"]));
    expect(b.sets()).toEqual([
      { labId: LAB.id, sessionId: "s-1", input: { personId: "p-2", name: "", agencyId: null, present: true } },
    ]);
    expect((filter as HTMLInputElement).value).toBe("");
    await waitFor(() =>
      expect(screen.getByTestId("attendance-status").textContent).toBe("dr. Sari Wulandari ditandai hadir."),
    );
    await waitFor(() => expect(screen.getByTestId("attendance-count").textContent).toBe("Hadir di sesi ini: 1"));
    // The session's option counts too.
    await waitFor(() =>
      expect((screen.getByTestId("attendance-session") as HTMLSelectElement).options[0].textContent).toContain("(1 hadir)"),
    );
  });

  it("moves with the arrows, ticks with Space when nothing is typed, and Enter on a present row unticks", async () => {
    const b = attendanceBackend();
    await renderSetup("attendance");
    const filter = await screen.findByTestId("attendance-filter");
    fireEvent.keyDown(filter, { key: "ArrowDown" });
    expect(rowOf("Rina Coach").classList.contains("is-active")).toBe(true);
    expect(filter.getAttribute("aria-activedescendant")).toBe("attendee-1");
    fireEvent.keyDown(filter, { key: " " });
    await waitFor(() => expect(present()).toEqual(["Rina Coach"]));
    // The highlight went back to the top; go down again and untick.
    fireEvent.keyDown(filter, { key: "ArrowDown" });
    fireEvent.keyDown(filter, { key: "Enter" });
    await waitFor(() => expect(present()).toEqual([]));
    expect(b.sets().map((a) => a.input.present)).toEqual([true, false]);
    await waitFor(() => expect(screen.getByTestId("attendance-status").textContent).toBe("Rina Coach batal hadir."));
  });

  it("keeps each session's ticks and offers names written in before in every session", async () => {
    attendanceBackend([
      { sessionId: "s-1", attendee: "n:agency-DINSOS:budi", personId: null, name: "Budi", agencyId: "agency-DINSOS", present: true },
    ]);
    await renderSetup("attendance");
    await waitFor(() => expect(present()).toEqual(["Budi"]));
    expect(rowOf("Budi").textContent).toContain("Dinsos");
    fireEvent.change(screen.getByTestId("attendance-session"), { target: { value: "s-3" } });
    await waitFor(() => expect(present()).toEqual([]));
    expect(rowOf("Budi")).toBeTruthy();
    fireEvent.click(rowOf("Budi"));
    await waitFor(() => expect(present()).toEqual(["Budi"]));
  });

  it("adds a new name with its agency, and shows a refusal at its field", async () => {
    const b = attendanceBackend();
    await renderSetup("attendance");
    await screen.findByTestId("attendance-filter");
    typeInto("attendance-filter", "Citra");
    expect(screen.getByTestId("attendance-no-match").textContent).toContain("Citra");
    fireEvent.click(screen.getByTestId("attendance-add-go"));
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Nama");
    typeInto("attendance-name", "Citra Dewi");
    fireEvent.change(screen.getByTestId("attendance-agency"), { target: { value: "agency-DINSOS" } });
    fireEvent.click(screen.getByTestId("attendance-add-go"));
    await waitFor(() => expect(b.sets()[b.sets().length - 1]).toEqual({
      labId: LAB.id,
      sessionId: "s-1",
      input: { personId: null, name: "Citra Dewi", agencyId: "agency-DINSOS", present: true },
    }));
    typeInto("attendance-filter", "");
    await waitFor(() => expect(present()).toEqual(["Citra Dewi"]));
  });

  it("sums up per day, in either language", async () => {
    attendanceBackend([
      { sessionId: "s-1", attendee: "p:p-2", personId: "p-2", name: "dr. Sari Wulandari", agencyId: "agency-DINKES", present: true },
      { sessionId: "s-2", attendee: "p:p-2", personId: "p-2", name: "dr. Sari Wulandari", agencyId: "agency-DINKES", present: true },
      { sessionId: "s-3", attendee: "p:p-1", personId: "p-1", name: "Rina Coach", agencyId: null, present: true },
    ]);
    await renderSetup("attendance");
    const perDay = await screen.findByTestId("attendance-per-day");
    expect([...perDay.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["1", "1"]);
    expect(screen.getByTestId("attendance-summary").textContent).toContain("2 orang");
    act(() => setLocale("en"));
    expect(within(screen.getByTestId("attendance-summary")).getByText(/2 people/)).toBeTruthy();
  });
});

describe("Pengaturan laporan kegiatan", () => {
  const SETTINGS: ReportSettings = {
    basis: "Perwali 12/2026",
    purpose: "",
    followUp: "",
    signerName: "Ir. Bambang",
    signerPosition: "Kepala Bappeda",
    signerNip: "",
    signPlace: "Cilegon",
    signDate: "",
  };

  it("saves the texts and the signature block", async () => {
    const b = setupBackend({
      report_settings: () => SETTINGS,
      set_report_settings: (_, args) => ({ ...(args.input as ReportSettings), signerNip: "197508122003121004" }),
    });
    await renderSetup("report");
    await waitFor(() => expect((screen.getByTestId("report-basis") as HTMLTextAreaElement).value).toBe("Perwali 12/2026"));
    typeInto("report-followUp", "Pendampingan tiap bulan");
    typeInto("report-signerNip", "19750812 200312 1 004");
    fireEvent.click(screen.getByTestId("report-save"));
    await waitFor(() => expect(screen.getByTestId("report-status").textContent).toBe("Pengaturan laporan tersimpan."));
    expect(b.calls.find((c) => c.cmd === "set_report_settings")?.args).toEqual({
      labId: LAB.id,
      input: { ...SETTINGS, followUp: "Pendampingan tiap bulan", signerNip: "19750812 200312 1 004" },
    });
    expect((screen.getByTestId("report-signerNip") as HTMLInputElement).value).toBe("197508122003121004");
  });

  it("shows a bad NIP's reason at the NIP and focuses it", async () => {
    setupBackend({
      report_settings: () => SETTINGS,
      set_report_settings: () => {
        throw {
          code: "invalid_input",
          message: "signerNip: a NIP is 18 digits; this one has 5",
          field: "signerNip",
          reason: { kind: "nipDigits", length: 5 },
        };
      },
    });
    await renderSetup("report");
    await screen.findByTestId("report-signerNip");
    typeInto("report-signerNip", "12345");
    fireEvent.click(screen.getByTestId("report-save"));
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("NIP harus 18 angka; yang diisi 5 angka.");
    const nip = screen.getByTestId("report-signerNip");
    expect(nip.closest(".field")?.contains(error)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(nip));
    expect(screen.getByTestId("report-status").textContent).toBe("");
  });
});
