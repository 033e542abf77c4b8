// The spotlighted idea's action plan, for the room during the design session or a review
// meeting: its steps with owner, dates and status, and the milestones per stage. Large type;
// long plans show their first steps and count the rest.

import { ideaFollowup, listAgencies, listOptions } from "../api";
import type { Lab } from "../bindings/Lab";
import { showDate } from "../components/Choice";
import { t } from "../i18n";
import { agencyShort, stageLabel } from "../screens/followup/shared";
import { Ready, shorten, useData } from "./shared";
import "./plan.css";

/** Steps that fit on a projected screen at the view's type size. */
export const PLAN_ROWS = 8;

export function PlanView({ lab, ideaId, version }: { lab: Lab; ideaId: string | null; version: number }) {
  const data = useData(
    () =>
      ideaId
        ? Promise.all([ideaFollowup(ideaId), listAgencies(lab.id), listOptions(lab.id)])
        : Promise.resolve(null),
    [lab.id, ideaId, version],
  );
  if (!ideaId) {
    return (
      <Ready mode="plan" class="plan">
        <p class="projector__empty">{t("projector.planNone")}</p>
      </Ready>
    );
  }
  if (!data) return null;
  const [plan, agencies, options] = data;
  const lead = agencyShort(agencies, plan.plan.agencyId ?? plan.ideaAgencyId);
  const partners = plan.partners.map((p) => agencyShort(agencies, p.agencyId));
  const shown = plan.steps.slice(0, PLAN_ROWS);
  const more = plan.steps.length - shown.length;
  return (
    <Ready mode="plan" class="plan">
      <header class="projector__head">
        <h1 class="projector__lab plan__title">{shorten(plan.title, 90)}</h1>
        <p class="plan__who">
          {t("projector.planLead", { agency: lead })}
          {partners.length > 0 && ` · ${t("projector.planPartners", { agencies: partners.join(", ") })}`}
          {plan.plan.responsible && ` · ${plan.plan.responsible}`}
        </p>
      </header>
      <ol class="plan__milestones" aria-label={t("projector.planMilestones")}>
        {plan.milestones.map((m) => (
          <li key={m.stage} class={m.actualDate ? "plan__milestone is-reached" : "plan__milestone"}>
            <span class="plan__stage">{stageLabel(options, m.stage)}</span>
            <span class="plan__date">
              {m.actualDate
                ? t("projector.planReached", { date: showDate(m.actualDate) })
                : m.plannedDate
                  ? t("projector.planPlanned", { date: showDate(m.plannedDate) })
                  : "—"}
            </span>
          </li>
        ))}
      </ol>
      {plan.steps.length === 0 ? (
        <p class="projector__empty">{t("projector.planNoSteps")}</p>
      ) : (
        <table class="plan__steps" data-testid="projector-plan-steps">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("fu.step.title")}</th>
              <th scope="col">{t("fu.step.owner")}</th>
              <th scope="col">{t("fu.step.due")}</th>
              <th scope="col">{t("fu.step.status")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id} class={`plan__step plan__step--${s.status}`}>
                <td>{s.position}</td>
                <td>{shorten(s.title, 60)}</td>
                <td>{shorten(s.owner, 24)}</td>
                <td class="plan__nowrap">{s.dueDate ? showDate(s.dueDate) : "—"}</td>
                <td>
                  <span class={`fu-status fu-status--${s.status}`}>{t(`fu.status.${s.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more > 0 && <p class="plan__more">{t("projector.planMore", { n: more })}</p>}
    </Ready>
  );
}
