import type { LabStats } from "../../bindings/LabStats";
import { formatNumber, t, tn } from "../../i18n";

/** The big "N / target" line, a progress bar, and the agencies that have no idea yet. */
export function Progress({ stats }: { stats: LabStats }) {
  const { ideaCount, ideaTarget: target } = stats;
  const without = stats.agenciesWithoutIdea;
  const percent = target > 0 ? Math.min(100, (ideaCount / target) * 100) : 100;
  const reached = ideaCount >= target;

  return (
    <div class="progress">
      <div class="progress__numbers">
        <p class="progress__count" data-testid="board-count">
          {t("board.count", { count: formatNumber(ideaCount), target: formatNumber(target) })}
        </p>
        {reached && <p class="progress__reached">{t("board.reached")}</p>}
      </div>
      <div
        class="progress__bar"
        role="progressbar"
        aria-label={t("board.progress")}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(ideaCount, target)}
      >
        <div class={reached ? "progress__fill is-reached" : "progress__fill"} style={{ width: `${percent}%` }} />
      </div>
      {without.length > 0 ? (
        <details class="progress__without">
          <summary>
            {tn("board.withoutIdea", without.length)}
            <span class="progress__toggle">{t("board.showWithout")}</span>
          </summary>
          <ul class="chips">
            {without.map((agency) => (
              <li key={agency.id} class="chip" title={agency.name}>
                {agency.shortName}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p class="progress__all">{t("board.allHaveIdeas")}</p>
      )}
    </div>
  );
}
