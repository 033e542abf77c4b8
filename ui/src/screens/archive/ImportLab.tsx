import { useState } from "preact/hooks";
import { ApiError, importLabWorkbook } from "../../api";
import type { ImportMode } from "../../bindings/ImportMode";
import type { LabWorkbookImport } from "../../bindings/LabWorkbookImport";
import type { NewLab } from "../../bindings/NewLab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, t } from "../../i18n";
import { RowTable, readBytes } from "../setup/ImportPanel";
import { AGENCY_LABELS, IDEA_LABELS } from "../setup/problems";

type Props = {
  /** Called once the lab is in the archive (the summary and the list reload). */
  onImported: (result: LabWorkbookImport) => void;
};

type Chosen = { name: string; bytes: Uint8Array };

/**
 * "Impor lab lama": an earlier lab into the archive from its exported workbook
 * (ide-inovasi.xlsx). The user names the lab and its first day (the workbook does not say
 * them); choosing "Periksa" checks every row and writes nothing; "Masukkan ke arsip" sends
 * the very bytes that were checked.
 */
export function ImportLab({ onImported }: Props) {
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState("");
  const [days, setDays] = useState("3");
  const [file, setFile] = useState<Chosen | null>(null);
  const [result, setResult] = useState<LabWorkbookImport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const lab = (): NewLab => ({
    name,
    organiser: "",
    city: "",
    venue: "",
    startDate,
    days: Number(days) || 0,
    ideaTarget: 0,
  });
  const run = (mode: ImportMode) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    importLabWorkbook(file.name, file.bytes, JSON.stringify(lab()), mode)
      .then(
        (r) => {
          setResult(r);
          if (r.applied) onImported(r);
        },
        (reason: unknown) => {
          setResult(null);
          setError(ApiError.from(reason));
        },
      )
      .finally(() => setBusy(false));
  };
  const choose = (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    setResult(null);
    setError(null);
    if (!f) return setFile(null);
    void readBytes(f).then((bytes) => setFile({ name: f.name, bytes }));
  };
  const edited = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLInputElement).value);
    setResult(null);
  };
  const clean = result !== null && result.agencies.refused === 0 && result.ideas.refused === 0;

  return (
    <details class="card archive__import" data-testid="archive-import">
      <summary class="card__title">{t("archive.import.title")}</summary>
      <p class="card__note">{t("archive.import.intro")}</p>
      <div class="archive__import-form">
        <label class="field">
          <span class="field__label">{t("archive.import.name")}</span>
          <input class="input" value={name} onInput={edited(setName)} data-testid="archive-import-name" />
        </label>
        <label class="field">
          <span class="field__label">{t("archive.import.start")}</span>
          <input type="date" class="input" value={startDate} onInput={edited(setStartDate)} data-testid="archive-import-start" />
        </label>
        <label class="field">
          <span class="field__label">{t("archive.import.days")}</span>
          <input type="number" min={1} max={31} class="input" value={days} onInput={edited(setDays)} />
        </label>
        <label class="field">
          <span class="field__label">{t("archive.import.file")}</span>
          <input type="file" class="input" accept=".xlsx,.xls,.ods" onChange={choose} data-testid="archive-import-file" />
        </label>
      </div>
      <div class="archive__import-actions">
        <button
          type="button"
          class="button button--secondary"
          disabled={busy || !file}
          onClick={() => run("preview")}
          data-testid="archive-import-check"
        >
          {t("archive.import.check")}
        </button>
        <button
          type="button"
          class="button button--primary"
          disabled={busy || !clean || result?.applied === true}
          onClick={() => run("all_or_nothing")}
          data-testid="archive-import-go"
        >
          {t("archive.import.go")}
        </button>
      </div>
      {error && <ErrorBanner error={error} unmarked />}
      {result && (
        <div role="status" data-testid="archive-import-result">
          <p>
            {result.applied
              ? t("archive.import.done", { name: result.lab.name, ideas: formatNumber(result.ideas.good) })
              : clean
                ? t("archive.import.ready", {
                    agencies: formatNumber(result.agencies.good),
                    ideas: formatNumber(result.ideas.good),
                  })
                : t("archive.import.refused", {
                    refused: formatNumber(result.agencies.refused + result.ideas.refused),
                  })}
          </p>
          <p class="card__note">
            {t("archive.import.sheets", { agencies: result.agencySheet, ideas: result.ideaSheet })}
            {result.sheetsIgnored.length > 0 && ` ${t("archive.import.ignored", { sheets: result.sheetsIgnored.join(", ") })}`}
          </p>
          {result.agencies.refused > 0 && (
            <RowTable kind="archive-agencies" report={result.agencies} labels={AGENCY_LABELS} updates onlyRefused hideUnchanged={false} done={false} />
          )}
          {result.ideas.refused > 0 && (
            <RowTable kind="archive-ideas" report={result.ideas} labels={IDEA_LABELS} updates={false} onlyRefused hideUnchanged={false} done={false} />
          )}
        </div>
      )}
    </details>
  );
}
