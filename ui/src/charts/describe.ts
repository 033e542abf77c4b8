// The lab's charts as the core describes them (`crates/labinov-core/src/charts.rs`: which
// bars, in which order, on which scale), in this window's words: the same description
// the exported report draws, so the board, the projector and the report never disagree.

import type { BarLabel } from "../bindings/BarLabel";
import type { Chart } from "../bindings/Chart";
import type { ChartId } from "../bindings/ChartId";
import { formatMonth, formatNumber, getLocale, type MessageKey, t } from "../i18n";
import type { Datum } from "./Charts";

/** The title of each chart (coverage's names its figures: `coverageTitle`). */
const TITLES: Record<Exclude<ChartId, "coverage">, MessageKey> = {
  perAgency: "chart.perAgency",
  topAgencies: "chart.perAgencyTop",
  perDay: "projector.perDay",
  perBentuk: "chart.perBentuk",
  votes: "projector.voteTitle",
  attendancePerDay: "chart.attendancePerDay",
  attendancePerAgency: "chart.attendancePerAgency",
  progress: "chart.progress",
  agencyProgress: "chart.agencyProgress",
  perYear: "chart.perYear",
};

/** What a bar stands for, in words: names are data, the rest comes from the catalogue. */
export function barText(label: BarLabel, value: number): string {
  switch (label.kind) {
    case "name":
      return label.text;
    case "day":
      return t("projector.dayN", { day: label.day });
    case "noDay":
      return t("chart.noDay");
    case "option":
      return (getLocale() === "en" && label.labelEn ? label.labelEn : label.labelId) || label.code;
    case "covered":
      return t("projector.coverageWith", { count: formatNumber(value) });
    case "missing":
      return t("projector.coverageWithout", { count: formatNumber(value) });
    case "noAgency":
      return t("chart.noAgency");
    case "month":
      return formatMonth(label.month);
  }
}

/** "35 of 37 agencies have an idea": the coverage chart's title. */
export function coverageTitle(chart: Chart): string {
  const covered = chart.bars[0]?.value ?? 0;
  return t("projector.coverage", { with: formatNumber(covered), total: formatNumber(chart.max) });
}

export function chartTitle(chart: Chart): string {
  return chart.id === "coverage" ? coverageTitle(chart) : t(TITLES[chart.id]);
}

/** A chart's title, bars and scale as the SVG components take them; at most `limit` bars. */
export function drawn(chart: Chart, limit = Number.POSITIVE_INFINITY): { title: string; data: Datum[]; max: number } {
  return {
    title: chartTitle(chart),
    data: chart.bars.slice(0, limit).map((b) => ({ label: barText(b.label, b.value), value: b.value })),
    max: chart.max,
  };
}
