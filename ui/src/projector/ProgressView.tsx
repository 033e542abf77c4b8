// Progress toward the lab's target: the count, ideas per day, and the agencies that have
// no idea yet ("One Agency, One Innovation").

import { labStats } from "../api";
import type { Lab } from "../bindings/Lab";
import type { LabStats } from "../bindings/LabStats";
import { BarChart, Coverage, DayColumns } from "../charts/Charts";
import { coverageTitle, drawn } from "../charts/describe";
import { formatNumber, t } from "../i18n";
import { Count, Ready, useData } from "./shared";

/** Agency chips that fit beside the day chart; more are counted in a last chip. */
export const CHIPS = 12;
/** Agencies in the "most ideas" chart, shown when at most `TOP_ROOM` agencies lack an idea. */
const TOP_AGENCIES = 4;
const TOP_ROOM = 4;

export function ProgressView({ lab, version }: { lab: Lab; version: number }) {
  const stats = useData(() => labStats(lab.id), [lab.id, version]);
  if (!stats) return null;
  const { ideaCount, ideaTarget } = stats;
  const percent = ideaTarget > 0 ? Math.round((ideaCount / ideaTarget) * 100) : 0;
  return (
    <Ready mode="progress" class="prog">
      <header class="projector__head">
        <h1 class="projector__lab">{t("projector.progressTitle")}</h1>
        {ideaTarget > 0 && <p class="prog__percent">{t("projector.percent", { percent: formatNumber(percent) })}</p>}
      </header>
      <Count count={ideaCount} target={ideaTarget} class="projector__count prog__count" />
      <div
        class="prog__bar"
        role="progressbar"
        aria-label={t("projector.progressTitle")}
        aria-valuemin={0}
        aria-valuemax={Math.max(ideaTarget, ideaCount)}
        aria-valuenow={ideaCount}
      >
        <div class={percent >= 100 ? "prog__fill is-reached" : "prog__fill"} style={{ width: `${Math.min(100, percent)}%` }} />
      </div>
      <div class="prog__grid">
        <section class="prog__cell">
          <h2>{t("projector.perDay")}</h2>
          <DayColumns
            {...drawn(stats.charts.perDay)}
            width={640}
            height={330}
            fontSize={30}
          />
        </section>
        <Agencies stats={stats} />
      </div>
    </Ready>
  );
}

function Agencies({ stats }: { stats: LabStats }) {
  const chart = stats.charts.coverage;
  const total = chart.max;
  const without = stats.agenciesWithoutIdea;
  const covered = chart.bars[0]?.value ?? 0;
  const coverage = coverageTitle(chart);
  const shown = without.length > CHIPS ? without.slice(0, CHIPS - 1) : without;
  // The agencies with the most ideas, when the chips leave room for them.
  const top = without.length <= TOP_ROOM ? drawn(stats.charts.topAgencies, TOP_AGENCIES) : null;
  return (
    <section class="prog__cell">
      <h2>{without.length === 0 ? coverage : t("projector.without")}</h2>
      <Coverage
        title={coverage}
        covered={covered}
        total={total}
        width={640}
        fontSize={30}
        labels={{
          covered: t("projector.coverageWith", { count: formatNumber(covered) }),
          missing: t("projector.coverageWithout", { count: formatNumber(without.length) }),
        }}
      />
      {without.length === 0 ? (
        <p class="prog__celebrate" data-testid="projector-all-agencies">
          {t("projector.allHave")}
        </p>
      ) : (
        <ul class="prog__chips" data-testid="projector-without">
          {shown.map((a) => (
            <li key={a.id} title={a.name}>
              {a.shortName}
            </li>
          ))}
          {shown.length < without.length && (
            <li class="prog__chip-more">{t("projector.withoutMore", { count: formatNumber(without.length - shown.length) })}</li>
          )}
        </ul>
      )}
      {top && top.data.length > 0 && (
        <>
          <h2>{top.title}</h2>
          <BarChart
            {...top}
            width={640}
            barHeight={34}
            fontSize={30}
            labels="left"
          />
        </>
      )}
    </section>
  );
}
