// Sample data and a fake backend for component tests.

import { mockIPC } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { Agency } from "../bindings/Agency";
import type { Bar } from "../bindings/Bar";
import type { Chart } from "../bindings/Chart";
import type { ChartId } from "../bindings/ChartId";
import type { LabStats } from "../bindings/LabStats";
import type { Idea } from "../bindings/Idea";
import type { Lab } from "../bindings/Lab";
import type { OptionItem } from "../bindings/OptionItem";
import { emptyIdeaInput } from "../ideaFields";

export const LAB: Lab = {
  id: "lab-1",
  name: "Laboratorium Inovasi Kota Cilegon 2026",
  organiser: "Bappedalitbang",
  city: "Cilegon",
  venue: "Aula Setda",
  startDate: "2026-11-24",
  days: 3,
  ideaTarget: 50,
  timeZone: "Asia/Jakarta",
  createdAt: "2026-11-24T01:00:00.000Z",
  updatedAt: "2026-11-24T01:00:00.000Z",
};

const agency = (code: string, shortName: string, name: string, group: string): Agency => ({
  id: `agency-${code}`,
  labId: LAB.id,
  code,
  shortName,
  name,
  group,
  retiredAt: null,
});

export const AGENCIES: Agency[] = [
  agency("SETDA", "Setda", "Sekretariat Daerah", "Sekretariat"),
  agency("BAPPEDA", "Bappedalitbang", "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", "Badan"),
  agency("DINKES", "Dinkes", "Dinas Kesehatan", "Dinas"),
  agency("DINSOS", "Dinsos", "Dinas Sosial", "Dinas"),
  agency("KESBANGPOL", "Kesbangpol", "Badan Kesatuan Bangsa dan Politik", "Badan"),
  agency("RSUD", "RSUD", "Rumah Sakit Umum Daerah", "Rumah Sakit"),
];

export function idea(overrides: Partial<Idea> & Pick<Idea, "id" | "title" | "agencyId">): Idea {
  return {
    ...emptyIdeaInput(),
    labId: LAB.id,
    deletedAt: null,
    mergedInto: null,
    continues: null,
    createdAt: "2026-11-24T03:15:00.000Z",
    updatedAt: "2026-11-24T03:15:00.000Z",
    ...overrides,
  };
}

const option = (list: string, code: string, labelId: string, labelEn: string, position: number): OptionItem => ({
  list,
  code,
  labelId,
  labelEn,
  position,
  retired: false,
});

/** A few options of each list, as the store seeds them. */
export const OPTIONS: OptionItem[] = [
  option("stage", "diagnose", "Diagnose", "Diagnose", 1),
  option("stage", "design", "Design", "Design", 2),
  option("tahapan", "inisiatif", "Inisiatif", "Initiative", 0),
  option("tahapan", "uji_coba", "Uji coba", "Trial", 1),
  option("jenis", "digital", "Digital", "Digital", 0),
  option("jenis", "non_digital", "Non digital", "Non-digital", 1),
  option("bentuk", "pelayanan_publik", "Inovasi pelayanan publik", "Public service innovation", 1),
  option("urusan", "kesehatan", "Kesehatan", "Health", 1),
  option("urusan", "sosial", "Sosial", "Social affairs", 5),
  option("benefit", "faster", "Mempersingkat waktu layanan", "Faster service", 1),
  option("benefit", "cheaper", "Menurunkan biaya", "Lower cost", 0),
];

/**
 * What the capture screen asks besides ideas and agencies, answered as an empty lab would:
 * spread it into `fakeBackend` handlers and override what a test is about.
 */
export function captureHandlers(): Record<string, Handler> {
  return {
    list_options: () => OPTIONS,
    app_info: () => ({
      version: "0.1.0",
      databasePath: "/tmp/lab.db",
      installationId: "install-1",
      schemaVersion: 2,
      lastLabId: LAB.id,
    }),
    list_drafts: () => [],
    get_agenda: () => [],
    save_draft: (_, a) => ({ id: a.draftId, labId: a.labId, ideaId: a.ideaId, ideaTitle: "", fields: a.fields, updatedAt: "2026-11-24T03:20:00.000Z" }),
    discard_draft: () => null,
    similar_ideas: () => [],
    list_attachments: () => [],
    idea_history: () => [],
    merged_ideas: () => [],
  };
}

export type Call = { cmd: string; args: InvokeArgs | undefined };
export type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

/**
 * Installs a fake backend: `handlers` answer by command name (a thrown value becomes the
 * rejection), events are mocked, and every command call is recorded in the returned list.
 */
export function fakeBackend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      const handler = handlers[cmd];
      if (!handler) throw { code: "internal", message: `no fake for ${cmd}`, field: null };
      return handler(cmd, (args ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

/**
 * `stats` with charts for a component test: a plain reading of its figures (roster order,
 * most ideas first, the days then the ideas without one). The views draw whatever charts
 * they are given; the rules that make them are the core's (`charts.rs`) and tested there.
 */
export function withCharts(stats: Omit<LabStats, "charts">): LabStats {
  const chart = (id: ChartId, bars: Bar[], max?: number): Chart => ({
    id,
    bars,
    max: max ?? Math.max(1, ...bars.map((b) => b.value)),
  });
  const agencies: Bar[] = stats.perAgency.map((a) => ({ label: { kind: "name", text: a.shortName || a.code }, value: a.count }));
  const top = agencies.filter((b) => b.value > 0).sort((a, b) => b.value - a.value);
  const days: Bar[] = stats.perDay.map((d) => ({ label: { kind: "day", day: d.day, date: d.date }, value: d.count }));
  if (stats.withoutDay > 0) days.push({ label: { kind: "noDay" }, value: stats.withoutDay });
  const missing = stats.agenciesWithoutIdea.length;
  const total = stats.perAgency.length;
  return {
    ...stats,
    charts: {
      perAgency: chart("perAgency", agencies),
      topAgencies: chart("topAgencies", top),
      perDay: chart("perDay", days),
      perBentuk: chart(
        "perBentuk",
        stats.perBentuk.map((o) => ({ label: { kind: "option", code: o.code, labelId: o.labelId, labelEn: o.labelEn }, value: o.count })),
      ),
      coverage: chart(
        "coverage",
        [
          { label: { kind: "covered" }, value: Math.max(0, total - missing) },
          { label: { kind: "missing" }, value: missing },
        ],
        Math.max(1, total),
      ),
    },
  };
}
