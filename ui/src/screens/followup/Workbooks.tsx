import { useState } from "preact/hooks";
import { ApiError, exportFollowupWorkbooks, importFollowupWorkbook, pickFile, pickFolder, previewFollowupWorkbook } from "../../api";
import type { ConflictChoice } from "../../bindings/ConflictChoice";
import type { ImportedRow } from "../../bindings/ImportedRow";
import type { Lab } from "../../bindings/Lab";
import type { Side } from "../../bindings/Side";
import type { WorkbookImport } from "../../bindings/WorkbookImport";
import { ErrorBanner } from "../../components/ErrorBanner";
import { reasonText } from "../../errors";
import { formatDateTime, formatNumber, t, type MessageKey } from "../../i18n";
import { followupErrorText, followupFieldLabel } from "./shared";

/** The file's name from a path picked on this laptop. */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * Agencies' workbooks: one XLSX per agency written into a folder the user picks, and a
 * returned workbook read back as a preview (new updates and steps, changed dates, rows
 * refused and why, conflicts to choose one by one) that writes nothing until "Impor".
 */
export function Workbooks({ lab }: { lab: Lab }) {
  const [files, setFiles] = useState<string[] | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<WorkbookImport | null>(null);
  const [done, setDone] = useState<WorkbookImport | null>(null);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const exportTo = () => {
    setExportError(null);
    pickFolder(t("fu.wb.pickFolder"))
      .then((dest) => {
        if (!dest) return;
        setExporting(true);
        return exportFollowupWorkbooks(lab.id, dest).then(setFiles);
      })
      .catch((reason: unknown) => setExportError(ApiError.from(reason)))
      .finally(() => setExporting(false));
  };

  const asList = (c: Record<string, Side>): ConflictChoice[] => Object.entries(c).map(([key, take]) => ({ key, take }));

  const check = (p: string, c: Record<string, Side>) => {
    setBusy(true);
    setError(null);
    previewFollowupWorkbook(p, asList(c))
      .then(setPreview, (reason: unknown) => {
        setPreview(null);
        setError(ApiError.from(reason));
      })
      .finally(() => setBusy(false));
  };

  const choose = () =>
    pickFile(t("fu.wb.pickFile"), t("fu.wb.filter"), ["xlsx"]).then(
      (p) => {
        if (!p) return;
        setPath(p);
        setDone(null);
        setChoices({});
        check(p, {});
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );

  const take = (key: string, side: Side) => {
    const next = { ...choices, [key]: side };
    setChoices(next);
    if (path) check(path, next);
  };

  const confirm = () => {
    if (!path) return;
    setBusy(true);
    setError(null);
    importFollowupWorkbook(path, asList(choices))
      .then(
        (r) => {
          setDone(r);
          setPreview(null);
        },
        (reason: unknown) => setError(ApiError.from(reason)),
      )
      .finally(() => setBusy(false));
  };

  const shown = done ?? preview;
  return (
    <div class="fu-workbooks" data-testid="fu-workbooks">
      <section class="card fu-card" aria-labelledby="fu-wb-export">
        <h2 id="fu-wb-export" class="card__title">
          {t("fu.wb.exportTitle")}
        </h2>
        <p class="card__note">{t("fu.wb.exportIntro")}</p>
        <button type="button" class="button button--primary" data-testid="wb-export" disabled={exporting} onClick={exportTo}>
          {exporting ? t("fu.wb.exporting") : t("fu.wb.export")}
        </button>
        {exportError && <ErrorBanner error={exportError} text={followupErrorText(exportError)} />}
        {files && (
          <div role="status" data-testid="wb-exported">
            <p>{files.length === 0 ? t("fu.wb.exportedNone") : t("fu.wb.exported", { n: formatNumber(files.length) })}</p>
            <ul class="fu-files">
              {files.map((f) => (
                <li key={f} title={f}>
                  {baseName(f)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section class="card fu-card" aria-labelledby="fu-wb-import">
        <h2 id="fu-wb-import" class="card__title">
          {t("fu.wb.importTitle")}
        </h2>
        <p class="card__note">{t("fu.wb.importIntro")}</p>
        <button type="button" class="button button--secondary" data-testid="wb-pick" disabled={busy} onClick={() => void choose()}>
          {t("fu.wb.pick")}
        </button>
        {error && <ErrorBanner error={error} text={followupErrorText(error)} />}
        {shown && (
          <div class="fu-wb-report" data-testid={done ? "wb-done" : "wb-preview"}>
            <p role="status">
              <strong>
                {t(done ? "fu.wb.doneHead" : "fu.wb.previewHead", {
                  agency: shown.agencyName,
                  file: path ? baseName(path) : "",
                  made: formatDateTime(shown.madeAt, lab.timeZone),
                })}
              </strong>
            </p>
            {shown.labId !== lab.id && <p class="fu-warning" role="alert">{t("fu.wb.otherLab")}</p>}
            <dl class="fu-summary">
              {(
                [
                  ["fu.wb.newUpdates", shown.newUpdates.length],
                  ["fu.wb.newSteps", shown.newSteps.length],
                  ["fu.wb.changes", shown.changes.length],
                  ["fu.wb.conflicts", shown.conflicts.length],
                  ["fu.wb.refused", shown.refused.length],
                  ["fu.wb.unchanged", shown.unchanged],
                ] as [MessageKey, number][]
              ).map(([k, n]) => (
                <div key={k}>
                  <dt>{t(k)}</dt>
                  <dd>{formatNumber(n)}</dd>
                </div>
              ))}
            </dl>
            <Rows title="fu.wb.newUpdates" rows={shown.newUpdates} testid="wb-new-updates" />
            <Rows title="fu.wb.newSteps" rows={shown.newSteps} testid="wb-new-steps" />
            {shown.changes.length > 0 && (
              <table class="fu-table" data-testid="wb-changes">
                <caption>{t("fu.wb.changes")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fu.wb.where")}</th>
                    <th scope="col">{t("fu.board.idea")}</th>
                    <th scope="col">{t("fu.wb.field")}</th>
                    <th scope="col">{t("fu.wb.old")}</th>
                    <th scope="col">{t("fu.wb.new")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.changes.map((c) => (
                    <tr key={`${c.key}-${c.row}`}>
                      <td class="fu-nowrap">{t("fu.wb.sheetRow", { sheet: c.sheet, row: c.row })}</td>
                      <td>{c.ideaTitle}</td>
                      <td>{followupFieldLabel(c.field)}</td>
                      <td>{c.old || "—"}</td>
                      <td>{c.new || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {shown.conflicts.length > 0 && (
              <table class="fu-table" data-testid="wb-conflicts">
                <caption>{t("fu.wb.conflictsIntro")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fu.wb.where")}</th>
                    <th scope="col">{t("fu.board.idea")}</th>
                    <th scope="col">{t("fu.wb.field")}</th>
                    <th scope="col">{t("fu.wb.keep")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.conflicts.map((c) => (
                    <tr key={c.key} data-testid="wb-conflict">
                      <td class="fu-nowrap">{t("fu.wb.sheetRow", { sheet: c.sheet, row: c.row })}</td>
                      <td>{c.ideaTitle}</td>
                      <td>
                        {followupFieldLabel(c.field)}
                        <span class="fu-row__note">{t("fu.wb.exportedValue", { value: c.exported || "—" })}</span>
                      </td>
                      <td>
                        <fieldset class="fu-choice" disabled={done !== null || busy}>
                          <legend class="visually-hidden">{t("fu.wb.keep")}</legend>
                          {(["here", "theirs"] as Side[]).map((side) => (
                            <label key={side} class="fu-check">
                              <input
                                type="radio"
                                name={`wb-${c.key}`}
                                data-testid={`wb-take-${side}`}
                                checked={c.taken === side}
                                onChange={() => take(c.key, side)}
                              />
                              {t(side === "here" ? "fu.wb.here" : "fu.wb.theirs", { value: (side === "here" ? c.here : c.theirs) || "—" })}
                            </label>
                          ))}
                        </fieldset>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {shown.refused.length > 0 && (
              <table class="fu-table" data-testid="wb-refused">
                <caption>{t("fu.wb.refusedIntro")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fu.wb.where")}</th>
                    <th scope="col">{t("fu.wb.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.refused.map((r) => (
                    <tr key={`${r.sheet}-${r.row}`}>
                      <td class="fu-nowrap">{t("fu.wb.sheetRow", { sheet: r.sheet, row: r.row })}</td>
                      <td>{reasonText(r.reason, t("fu.wb.value"), lab.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {!done && (
              <div class="fu-form__actions">
                <button type="button" class="button button--primary" data-testid="wb-confirm" disabled={busy} onClick={confirm}>
                  {t("fu.wb.confirm")}
                </button>
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => {
                    setPreview(null);
                    setPath(null);
                  }}
                >
                  {t("common.cancel")}
                </button>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

function Rows({ title, rows, testid }: { title: MessageKey; rows: ImportedRow[]; testid: string }) {
  if (rows.length === 0) return null;
  return (
    <details class="fu-wb-rows" data-testid={testid}>
      <summary>
        {t(title)}: {formatNumber(rows.length)}
      </summary>
      <ul>
        {rows.map((r) => (
          <li key={`${r.sheet}-${r.row}`}>
            {t("fu.wb.sheetRow", { sheet: r.sheet, row: r.row })} · {r.ideaTitle} — {r.what}
          </li>
        ))}
      </ul>
    </details>
  );
}
