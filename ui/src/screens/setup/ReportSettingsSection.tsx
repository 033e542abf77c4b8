// "Laporan kegiatan": what the activity report says that the rest of the lab does not:
// the basis, the purpose, the follow-up agreed, and the signature block (name, position,
// NIP, place and date). The backend checks every value (the NIP: 18 digits that read as
// a NIP) and a refusal is shown at its field.

import { useEffect, useState } from "preact/hooks";
import { ApiError, reportSettings, setReportSettings } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { ReportSettings } from "../../bindings/ReportSettings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { errorField, fieldProblem } from "../../errors";
import { useLoad } from "../../hooks/useLoad";
import { t } from "../../i18n";

/** The form's fields, in order: the texts, then the signature block. */
const TEXTS = ["basis", "purpose", "followUp"] as const;
const SIGNATURE = ["signerName", "signerPosition", "signerNip", "signPlace", "signDate"] as const;
const FIELDS: readonly string[] = [...TEXTS, ...SIGNATURE];

export function ReportSettingsSection({ lab }: { lab: Lab }) {
  const { data, error: loadError, reload } = useLoad(() => reportSettings(lab.id), lab.id);
  const [values, setValues] = useState<ReportSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) setValues(data);
  }, [data]);

  if (!values) return loadError ? <ErrorBanner error={loadError} onRetry={reload} /> : <Loading />;

  const set = (field: keyof ReportSettings) => (value: string) => {
    setValues({ ...values, [field]: value });
    setSaved(false);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const stored = await setReportSettings(lab.id, values);
      setValues(stored);
      setError(null);
      setSaved(true);
    } catch (err) {
      const apiError = ApiError.from(err);
      setError(apiError);
      setSaved(false);
      const field = errorField(apiError, FIELDS);
      if (field) document.getElementById(`report-${field}`)?.focus();
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof ReportSettings, extra: { multiline?: boolean; hint?: string; numeric?: boolean } = {}) => (
    <TextField
      id={`report-${name}`}
      label={t(`field.${name}`)}
      testid={`report-${name}`}
      value={values[name]}
      onValue={set(name)}
      problem={fieldProblem(error, name)}
      multiline={extra.multiline}
      hint={extra.hint}
      inputMode={extra.numeric ? "numeric" : undefined}
    />
  );

  return (
    <div class="setup-section">
      <form
        class="card"
        aria-labelledby="report-settings-title"
        data-testid="report-settings"
        onSubmit={save}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save(e);
        }}
      >
        <div class="card__head">
          <h2 id="report-settings-title" class="card__title">
            {t("reportSettings.title")}
          </h2>
          <p class="card__note">{t("reportSettings.intro")}</p>
        </div>
        {error && !errorField(error, FIELDS) && <ErrorBanner error={error} />}
        {TEXTS.map((name) => field(name, { multiline: true }))}
        <fieldset class="report-settings__signature">
          <legend>{t("reportSettings.signature")}</legend>
          <div class="report-settings__grid">
            {field("signerName")}
            {field("signerPosition")}
            {field("signerNip", { hint: t("reportSettings.nipHint"), numeric: true })}
            {field("signPlace")}
            {field("signDate", { hint: t("reportSettings.dateHint") })}
          </div>
        </fieldset>
        <div class="export__row">
          <button type="submit" class="button button--primary" data-testid="report-save" disabled={busy}>
            {t("reportSettings.save")}
          </button>
          <p class="setup-status" role="status" aria-live="polite" data-testid="report-status">
            {saved ? t("reportSettings.saved") : ""}
          </p>
        </div>
      </form>
    </div>
  );
}
