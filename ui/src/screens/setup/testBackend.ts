// A fake backend for the set-up screen's tests, on top of `fakeBackend`.

import type { InvokeOptions } from "@tauri-apps/api/core";
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { h } from "preact";
import { expect, vi } from "vitest";
import type { AgendaSession } from "../../bindings/AgendaSession";
import type { ImportReport } from "../../bindings/ImportReport";
import type { OptionItem } from "../../bindings/OptionItem";
import type { Person } from "../../bindings/Person";
import { AGENCIES, LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { Setup } from "./Setup";

const option = (list: string, code: string, labelId: string, labelEn: string, position: number, retired = false): OptionItem => ({
  list,
  code,
  labelId,
  labelEn,
  position,
  retired,
});

export const OPTIONS: OptionItem[] = [
  option("stage", "drum_up", "Drum-up", "Drum-up", 1),
  option("stage", "diagnose", "Diagnose", "Diagnose", 2),
  option("stage", "design", "Design", "Design", 3),
  option("stage", "dokumentasi", "Dokumentasi", "Documentation", 6),
  option("tahapan", "inisiatif", "Inisiatif", "Initiative", 1),
  option("tahapan", "uji_coba", "Uji coba", "Trial", 2),
  option("tahapan", "penerapan", "Penerapan", "Implementation", 3),
  option("jenis", "digital", "Digital", "Digital", 1),
  option("jenis", "non_digital", "Non digital", "Non-digital", 2, true),
];

export const AGENDA: AgendaSession[] = [
  { id: "s-1", labId: LAB.id, day: 1, startsAt: "08:00", endsAt: "09:00", title: "Pembukaan", stage: "drum_up" },
  { id: "s-2", labId: LAB.id, day: 1, startsAt: "09:00", endsAt: "12:00", title: "Diagnosa masalah", stage: "diagnose" },
  { id: "s-3", labId: LAB.id, day: 2, startsAt: "08:30", endsAt: "11:30", title: "Rencana aksi", stage: "dokumentasi" },
];

export const PEOPLE: Person[] = [
  { id: "p-1", labId: LAB.id, agencyId: null, name: "Rina Coach", position: "LAN-RI", role: "coach" },
  { id: "p-2", labId: LAB.id, agencyId: "agency-DINKES", name: "dr. Sari Wulandari", position: "Kepala Dinas Kesehatan", role: "kepala_opd" },
];

/** A report as the backend sends it. */
export function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    mode: "preview",
    total: 3,
    good: 2,
    refused: 1,
    added: 2,
    changed: 0,
    unchanged: 0,
    applied: false,
    columnsUsed: ["kode", "nama", "singkatan"],
    columnsIgnored: ["catatan"],
    rows: [
      { line: 2, label: "Dinas Pariwisata", outcome: "new", changes: [], problems: [] },
      {
        line: 3,
        label: "Dinas Kesehatan",
        outcome: "refused",
        changes: [],
        problems: [
          {
            field: "code",
            reason: { kind: "taken", value: "DINKES" },
            message: "already used: DINKES",
          },
        ],
      },
      { line: 4, label: "Dinas Perhubungan", outcome: "new", changes: [], problems: [] },
    ],
    notInFile: [],
    ...overrides,
  };
}

/** The options (headers) of every call, which `mockIPC` does not pass to the handlers. */
export type OptionsCall = { cmd: string; options: InvokeOptions | undefined; body: unknown };

/** Installs the set-up fake backend; `overrides` replace any command. */
export function setupBackend(overrides: Record<string, Handler> = {}) {
  const calls = fakeBackend({
    list_agencies: () => AGENCIES,
    list_options: () => OPTIONS,
    get_agenda: () => AGENDA,
    list_people: () => PEOPLE,
    attendance: () => [],
    attendance_counts: () => ({ perSession: [], perDay: [], perAgency: [], people: 0, agenciesPresent: 0 }),
    report_settings: () => ({
      basis: "",
      purpose: "",
      followUp: "",
      signerName: "",
      signerPosition: "",
      signerNip: "",
      signPlace: "",
      signDate: "",
    }),
    ...overrides,
  });
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } })
    .__TAURI_INTERNALS__;
  const inner = internals.invoke;
  const withOptions: OptionsCall[] = [];
  internals.invoke = (cmd: unknown, args: unknown, options: unknown) => {
    withOptions.push({ cmd: cmd as string, options: options as InvokeOptions | undefined, body: args });
    return inner(cmd, args, options);
  };
  return { calls, withOptions };
}

/** Renders the screen, waits for its data, and opens `tab`. */
export async function renderSetup(tab?: "agencies" | "ideas" | "agenda" | "people" | "options" | "attendance" | "report") {
  const onReady = vi.fn();
  render(h(Setup, { lab: LAB, onReady }));
  await screen.findByTestId("setup");
  await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
  if (tab) fireEvent.click(screen.getByTestId(`setup-tab-${tab}`));
  return { onReady };
}

/** Chooses `content` as a file in the file input `testid`. */
export function chooseFile(testid: string, name: string, content: string) {
  const file = new File([content], name, { type: "text/csv" });
  fireEvent.change(screen.getByTestId(testid), { target: { files: [file] } });
  return file;
}

export const typeInto = (testid: string, text: string) =>
  fireEvent.input(screen.getByTestId(testid), { target: { value: text } });
