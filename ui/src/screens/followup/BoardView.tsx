import { useEffect, useState } from "preact/hooks";
import { followupBoard, iidEstimatesByAgency, listOptions } from "../../api";
import type { AgencyIidEstimate } from "../../bindings/AgencyIidEstimate";
import type { FollowupBoard } from "../../bindings/FollowupBoard";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { DayColumns } from "../../charts/Charts";
import { drawn } from "../../charts/describe";
import { showDate } from "../../components/Choice";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { formatNumber, t, tn } from "../../i18n";
import { bandLabel, scoreText } from "./IidChecklist";
import { labToday, stageLabel } from "./shared";

type Props = { lab: Lab; onOpen: (ideaId: string) => void; onLoaded?: () => void };

/** A progress chart (months, 0-100 %) as the board and the projector draw it. */
function ProgressChart({ chart }: { chart: FollowupBoard["progress"] }) {
  const { title, data } = drawn(chart);
  if (data.length === 0) return <p class="card__note">{t("fu.board.noChart")}</p>;
  return <DayColumns title={title} data={data} max={100} width={Math.max(360, data.length * 70)} height={220} fontSize={18} />;
}

/**
 * The follow-up board: every idea's stage and progress by its lead agency, what is
 * overdue as of the lab's today, the agencies with no innovation past the first stage,
 * and the progress over time for the lab and for one agency.
 */
export function BoardView({ lab, onOpen, onLoaded }: Props) {
  const [today] = useState(() => labToday(lab));
  const board = useLoad(() => followupBoard(lab.id, today), `${lab.id}/${today}`);
  const options = useLoad<OptionItem[]>(() => listOptions(lab.id), lab.id);
  const iid = useLoad<AgencyIidEstimate[]>(() => iidEstimatesByAgency(lab.id), lab.id);
  const [agency, setAgency] = useState("");
  const [chartAgency, setChartAgency] = useState("");
  useChanged(lab.id, () => {
    board.reload();
    iid.reload();
  });
  useEffect(() => {
    if (board.data) onLoaded?.();
  }, [board.data !== null]);

  if (!board.data) {
    return board.error ? <ErrorBanner error={board.error} onRetry={board.reload} /> : <p>{t("common.loading")}</p>;
  }
  const b = board.data;
  const opts = options.data;
  const name = (id: string) => {
    const a = b.agencies.find((x) => x.agencyId === id);
    return a ? a.shortName || a.name : id;
  };
  const ideas = b.ideas.filter((i) => !agency || i.agencyId === agency);
  const withIdeas = b.agencies.filter((a) => a.ideas > 0);
  const chartOf = b.agencyProgress.find((c) => c.agencyId === (chartAgency || withIdeas[0]?.agencyId));
  const notPast = b.notPastFirstStage.map(name);
  return (
    <div class="fu-board" data-testid="followup-board">
      {board.error && <ErrorBanner error={board.error} onRetry={board.reload} />}
      <dl class="fu-summary" data-testid="fu-summary">
        <div>
          <dt>{t("fu.board.ideas")}</dt>
          <dd>{formatNumber(b.ideas.length)}</dd>
        </div>
        <div>
          <dt>{t("fu.board.overdue")}</dt>
          <dd class={b.overdue.length ? "is-late" : undefined}>{formatNumber(b.overdue.length)}</dd>
        </div>
        <div>
          <dt>{t("fu.board.coverage")}</dt>
          <dd>
            {formatNumber(b.agencies.length - b.notPastFirstStage.length)} / {formatNumber(b.agencies.length)}
          </dd>
        </div>
        <div>
          <dt>{t("fu.board.today")}</dt>
          <dd>{showDate(b.today)}</dd>
        </div>
      </dl>
      <div class="fu-board__grid">
        <section class="card fu-card fu-board__ideas" aria-labelledby="fu-ideas-title">
          <div class="fu-card__head">
            <h2 id="fu-ideas-title" class="card__title">
              {t("fu.board.ideasTitle")}
            </h2>
            <label class="fu-inline">
              <span>{t("fu.board.agency")}</span>
              <select class="input" data-testid="fu-agency-filter" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
                <option value="">{t("fu.board.allAgencies")}</option>
                {withIdeas.map((a) => (
                  <option key={a.agencyId} value={a.agencyId}>
                    {a.shortName || a.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div class="fu-scroll" tabIndex={0} role="region" aria-labelledby="fu-ideas-title">
            <table class="fu-table" data-testid="fu-ideas">
              <thead>
                <tr>
                  <th scope="col">{t("fu.board.idea")}</th>
                  <th scope="col">{t("fu.board.agency")}</th>
                  <th scope="col">{t("fu.board.stage")}</th>
                  <th scope="col">{t("fu.board.progress")}</th>
                  <th scope="col">{t("fu.board.steps")}</th>
                  <th scope="col">{t("fu.board.lastUpdate")}</th>
                </tr>
              </thead>
              <tbody>
                {ideas.map((i) => (
                  <tr key={i.ideaId} class={i.overdue ? "is-late" : undefined} data-testid="fu-idea-row">
                    <td>
                      <button type="button" class="fu-link" data-testid="fu-open-idea" onClick={() => onOpen(i.ideaId)}>
                        {i.title}
                      </button>
                      {i.overdue > 0 && <span class="fu-badge fu-badge--late">{tn("fu.board.lateCount", i.overdue)}</span>}
                    </td>
                    <td title={b.agencies.find((a) => a.agencyId === i.agencyId)?.name}>{name(i.agencyId)}</td>
                    <td>{stageLabel(opts, i.stage)}</td>
                    <td>
                      <span class="fu-percent" aria-label={t("fu.update.percentOf", { n: i.percent })}>
                        <span class="fu-percent__bar" style={{ width: `${Math.min(100, i.percent)}%` }} />
                        <span class="fu-percent__text">{i.percent}%</span>
                      </span>
                    </td>
                    <td class="fu-nowrap">
                      {i.stepsDone}/{i.steps}
                    </td>
                    <td class="fu-nowrap">{i.lastUpdate ? showDate(i.lastUpdate) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <div class="fu-board__side">
          <section class="card fu-card" aria-labelledby="fu-overdue-title" data-testid="fu-overdue">
            <h2 id="fu-overdue-title" class="card__title">
              {t("fu.board.overdueTitle")}
            </h2>
            {b.overdue.length === 0 ? (
              <p class="card__note">{t("fu.board.noneOverdue")}</p>
            ) : (
              <ul class="fu-list fu-scroll fu-scroll--short">
                {b.overdue.map((o) => (
                  <li key={`${o.kind}-${o.id}-${o.ideaId}`} class="fu-list__item">
                    <button type="button" class="fu-link" onClick={() => onOpen(o.ideaId)}>
                      {o.kind === "step" ? o.what : t("fu.board.milestone", { stage: stageLabel(opts, o.what) })}
                    </button>
                    <span class="fu-muted">
                      {o.title} · {name(o.agencyId)} · {t("fu.board.daysLate", { n: o.daysLate, due: showDate(o.due) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card fu-card" aria-labelledby="fu-notpast-title" data-testid="fu-not-past">
            <h2 id="fu-notpast-title" class="card__title">
              {t("fu.board.notPastTitle", { stage: stageLabel(opts, b.stages[0] ?? "") })}
            </h2>
            <p class="card__note">{t("fu.board.notPastIntro")}</p>
            {notPast.length === 0 ? <p>{t("fu.board.allPast")}</p> : <p class="fu-chips">{notPast.join(" · ")}</p>}
          </section>
        </div>
      </div>
      <div class="fu-board__grid fu-board__grid--even">
        <section class="card fu-card" aria-labelledby="fu-chart-lab" data-testid="fu-chart-lab">
          <h2 id="fu-chart-lab" class="card__title">
            {t("fu.board.chartLab")}
          </h2>
          <ProgressChart chart={b.progress} />
        </section>
        <section class="card fu-card" aria-labelledby="fu-chart-agency" data-testid="fu-chart-agency">
          <div class="fu-card__head">
            <h2 id="fu-chart-agency" class="card__title">
              {t("fu.board.chartAgency")}
            </h2>
            <select
              class="input"
              aria-label={t("fu.board.agency")}
              data-testid="fu-chart-agency-select"
              value={chartAgency || withIdeas[0]?.agencyId || ""}
              onChange={(e) => setChartAgency(e.currentTarget.value)}
            >
              {withIdeas.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.shortName || a.name}
                </option>
              ))}
            </select>
          </div>
          {chartOf ? <ProgressChart chart={chartOf.chart} /> : <p class="card__note">{t("fu.board.noChart")}</p>}
        </section>
      </div>
      <section class="card fu-card" aria-labelledby="fu-agencies-title" data-testid="fu-agencies">
        <h2 id="fu-agencies-title" class="card__title">
          {t("fu.board.agenciesTitle")}
        </h2>
        <div class="fu-scroll" tabIndex={0} role="region" aria-labelledby="fu-agencies-title">
          <table class="fu-table">
            <thead>
              <tr>
                <th scope="col">{t("fu.board.agency")}</th>
                <th scope="col">{t("fu.board.ideas")}</th>
                {b.stages.map((s) => (
                  <th scope="col" key={s}>
                    {stageLabel(opts, s)}
                  </th>
                ))}
                <th scope="col">{t("fu.board.mean")}</th>
                <th scope="col">{t("fu.board.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {withIdeas.map((a) => (
                <tr key={a.agencyId} class={a.pastFirstStage ? undefined : "is-behind"}>
                  <th scope="row" title={a.name}>
                    {a.shortName || a.name}
                  </th>
                  <td>{a.ideas}</td>
                  {a.perStage.map((n, i) => (
                    <td key={b.stages[i]}>{n}</td>
                  ))}
                  <td>{a.meanPercent}%</td>
                  <td>{a.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {iid.data && <IidByAgency rows={iid.data.filter((a) => a.score !== null)} />}
    </div>
  );
}

/** The estimated IID score and band of each agency with innovations (always an estimate). */
function IidByAgency({ rows }: { rows: AgencyIidEstimate[] }) {
  return (
    <section class="card fu-card" aria-labelledby="fu-iid-agencies" data-testid="fu-iid-agencies">
      <h2 id="fu-iid-agencies" class="card__title">
        {t("fu.board.iidTitle")}
      </h2>
      <p class="card__note">{t("fu.iid.estimateNote")}</p>
      {rows.length === 0 ? (
        <p class="card__note">{t("fu.board.noIdeas")}</p>
      ) : (
        <div class="fu-scroll" tabIndex={0} role="region" aria-labelledby="fu-iid-agencies">
          <table class="fu-table">
            <thead>
              <tr>
                <th scope="col">{t("fu.board.agency")}</th>
                <th scope="col">{t("fu.board.ideas")}</th>
                <th scope="col">{t("fu.board.iidScore")}</th>
                <th scope="col">{t("fu.board.iidBand")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agencyId}>
                  <th scope="row">{a.agencyName}</th>
                  <td>{a.ideas.length}</td>
                  <td>{a.score === null ? "—" : scoreText(a.score)}</td>
                  <td>{a.band ? bandLabel(a.band) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
