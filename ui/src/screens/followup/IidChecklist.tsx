import { useEffect, useState } from "preact/hooks";
import { ApiError, iidChecklist, iidConfig, iidEstimate, setIidAnswer } from "../../api";
import type { Evidence } from "../../bindings/Evidence";
import type { IidAnswer } from "../../bindings/IidAnswer";
import type { IidBand } from "../../bindings/IidBand";
import type { IidConfig } from "../../bindings/IidConfig";
import type { IidEstimate } from "../../bindings/IidEstimate";
import type { IidIndicator } from "../../bindings/IidIndicator";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, getLocale, t } from "../../i18n";
import { followupErrorText } from "./shared";

type Props = { lab: Lab; ideaId: string; evidence: Evidence[]; version: number };

const label = (x: { labelId: string; labelEn: string }) => (getLocale() === "en" && x.labelEn ? x.labelEn : x.labelId);

export function bandLabel(band: IidBand): string {
  return label(band);
}

/** A score (0-100, two decimals) in the current language. */
export function scoreText(score: number): string {
  return formatNumber(Math.round(score * 100) / 100);
}

/**
 * The IID checklist of one idea: per indicator, the parameter chosen and the evidence files
 * that support it; above it the estimated score and band (always called an estimate) and
 * what would reach the next band.
 */
export function IidChecklist({ lab, ideaId, evidence, version }: Props) {
  const [config, setConfig] = useState<IidConfig | null>(null);
  const [answers, setAnswers] = useState<IidAnswer[] | null>(null);
  const [estimate, setEstimate] = useState<IidEstimate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const load = () =>
    Promise.all([iidConfig(lab.id), iidChecklist(ideaId), iidEstimate(ideaId)]).then(
      ([c, a, e]) => {
        setConfig(c);
        setAnswers(a);
        setEstimate(e);
        setError(null);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  useEffect(() => void load(), [ideaId, version]);

  const save = (a: IidAnswer) => {
    setSaveError(null);
    setAnswers((list) => list?.map((x) => (x.indicator === a.indicator ? a : x)) ?? list);
    setIidAnswer(lab.id, ideaId, a.indicator, a.parameter, a.evidence).then(
      () => iidEstimate(ideaId).then(setEstimate, () => undefined),
      (reason: unknown) => {
        setSaveError(ApiError.from(reason));
        void load();
      },
    );
  };

  const indicator = (code: string): IidIndicator | undefined => config?.indicators.find((i) => i.code === code);
  return (
    <details class="card fu-card" data-testid="iid-checklist">
      <summary class="card__title">
        {t("fu.iid.title")}
        {estimate && (
          <span class="fu-badge fu-badge--estimate" data-testid="iid-score">
            {t("fu.iid.estimateShort", { score: scoreText(estimate.score), band: bandLabel(estimate.band) })}
          </span>
        )}
      </summary>
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {estimate && (
        <div class="fu-iid__estimate" data-testid="iid-estimate">
          <p>
            <strong>{t("fu.iid.estimate", { score: scoreText(estimate.score), band: bandLabel(estimate.band), year: estimate.year })}</strong>{" "}
            {t("fu.iid.counted", { counted: estimate.counted, total: estimate.indicators })}
          </p>
          <p class="card__note">{t("fu.iid.estimateNote")}</p>
          {estimate.nextBand && (
            <div>
              <p>
                {t(estimate.nextBandReachable ? "fu.iid.next" : "fu.iid.nextUnreachable", { band: bandLabel(estimate.nextBand) })}
              </p>
              <ul class="fu-iid__missing" data-testid="iid-missing">
                {estimate.missing.map((m) => {
                  const ind = indicator(m.indicator);
                  return (
                    <li key={m.indicator}>
                      {ind ? `${ind.number}. ${label(ind)}` : m.indicator}:{" "}
                      {m.step === "linkEvidence"
                        ? t("fu.iid.linkEvidence", { gain: scoreText(m.gain) })
                        : t("fu.iid.raise", { from: m.fromParameter, to: m.toParameter, gain: scoreText(m.gain) })}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      )}
      {saveError && <ErrorBanner error={saveError} text={followupErrorText(saveError)} />}
      {config && answers && (
        <table class="fu-table fu-iid" data-testid="iid-table">
          <thead>
            <tr>
              <th scope="col">{t("fu.iid.indicator")}</th>
              <th scope="col">{t("fu.iid.parameter")}</th>
              <th scope="col">{t("fu.iid.evidence")}</th>
            </tr>
          </thead>
          <tbody>
            {answers.map((a) => {
              const ind = indicator(a.indicator);
              if (!ind) return null;
              const id = `fu-iid-${ind.code}`;
              return (
                <tr key={ind.code} data-testid="iid-row">
                  <th scope="row" id={`${id}-name`}>
                    <span class="fu-iid__number">{ind.number}.</span> {label(ind)}
                    {ind.uncertain && (
                      <span class="fu-badge fu-badge--uncertain" title={t("fu.iid.uncertainHint")}>
                        {t("fu.iid.uncertain")}
                      </span>
                    )}
                    {ind.evidenceHintId && <span class="fu-row__note">{ind.evidenceHintId}</span>}
                  </th>
                  <td>
                    <select
                      class="input"
                      aria-labelledby={`${id}-name`}
                      data-testid="iid-parameter"
                      value={a.parameter === null ? "" : String(a.parameter)}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        save({ ...a, parameter: v === "" ? null : Number(v) });
                      }}
                    >
                      <option value="">{t("fu.iid.notAnswered")}</option>
                      {ind.parameters.map((p, i) => (
                        <option key={i} value={String(i + 1)}>
                          {i + 1}. {label(p)}
                        </option>
                      ))}
                      {/* An answer made before the settings lost parameters: shown as the
                          estimate counts it (the highest), until it is answered again. */}
                      {a.parameter !== null && a.parameter > ind.parameters.length && (
                        <option value={String(a.parameter)}>
                          {t("fu.iid.aboveHighest", { n: a.parameter, max: ind.parameters.length })}
                        </option>
                      )}
                    </select>
                  </td>
                  <td>
                    {evidence.length === 0 ? (
                      <span class="fu-muted">{t("fu.iid.noEvidence")}</span>
                    ) : (
                      <fieldset class="fu-iid__evidence" aria-labelledby={`${id}-name`}>
                        {evidence.map((e) => (
                          <label key={e.id} class="fu-check">
                            <input
                              type="checkbox"
                              data-testid="iid-evidence"
                              checked={a.evidence.includes(e.id)}
                              onChange={(ev) => {
                                const on = ev.currentTarget.checked;
                                save({ ...a, evidence: on ? [...a.evidence, e.id] : a.evidence.filter((x) => x !== e.id) });
                              }}
                            />
                            {e.fileName}
                          </label>
                        ))}
                      </fieldset>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}
