import { useRef, useState } from "preact/hooks";
import { ApiError } from "../../api";
import type { ImportMode } from "../../bindings/ImportMode";
import type { FieldChange } from "../../bindings/FieldChange";
import type { ImportReport } from "../../bindings/ImportReport";
import type { ImportRow } from "../../bindings/ImportRow";
import { formatNumber, t, tn } from "../../i18n";
import { SetupBanner } from "./controls";
import { type Labels, fileErrorText, labelOf, rowProblemText } from "./problems";

/** The importers read at most 20 MB (`MAX_FILE_BYTES` in the core's `table.rs`). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type RunImport = (fileName: string, bytes: Uint8Array, mode: ImportMode) => Promise<ImportReport>;

type Props = {
  /** `agencies` or `ideas`: prefixes element ids and test ids. */
  kind: string;
  title: string;
  intro: string;
  /** Which columns the file needs, in words. */
  columns: string;
  labels: Labels;
  /**
   * Rows may update records the lab already holds (a roster: same agency code). The
   * counts and rows then say new, changed (old → new) or unchanged.
   */
  updates?: boolean;
  run: RunImport;
  /** Called after rows were written. */
  onApplied: () => void;
};

type File_ = { name: string; bytes: Uint8Array };

type State =
  | { phase: "idle" }
  | { phase: "reading" }
  | { phase: "checked"; file: File_; report: ImportReport; retried: boolean }
  | { phase: "importing"; file: File_; report: ImportReport; mode: ImportMode }
  | { phase: "done"; file: File_; report: ImportReport };

/** The bytes of a chosen file (`Blob.arrayBuffer`, with the older reader as a fallback). */
export function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Imports a spreadsheet in two steps. Choosing a file only checks it (`preview`: the
 * backend runs every row and rolls everything back) and shows what each row would become;
 * nothing is written until one of the import buttons is pressed, and then the very bytes
 * that were checked are sent.
 */
export function ImportPanel({ kind, title, intro, columns, labels, updates = false, run, onApplied }: Props) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const [error, setError] = useState<ApiError | null>(null);
  const [onlyRefused, setOnlyRefused] = useState(false);
  const [hideUnchanged, setHideUnchanged] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const id = (part: string) => `import-${kind}-${part}`;

  const reset = () => {
    setState({ phase: "idle" });
    setError(null);
    setOnlyRefused(false);
    setHideUnchanged(false);
    if (inputRef.current) {
      inputRef.current.value = "";
      inputRef.current.focus();
    }
  };

  const choose = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    setError(null);
    setOnlyRefused(false);
    setHideUnchanged(false);
    if (!chosen) {
      setState({ phase: "idle" });
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      setState({ phase: "idle" });
      setError(
        new ApiError("invalid_input", "file: the file is larger than 20 MB", "file", { kind: "fileTooLarge", maxBytes: MAX_FILE_BYTES }),
      );
      return;
    }
    setState({ phase: "reading" });
    try {
      const file = { name: chosen.name, bytes: await readBytes(chosen) };
      const report = await run(file.name, file.bytes, "preview");
      setState({ phase: "checked", file, report, retried: false });
    } catch (reason) {
      setState({ phase: "idle" });
      setError(ApiError.from(reason));
    }
  };

  const confirm = async (mode: ImportMode) => {
    if (state.phase !== "checked") return;
    const { file, report } = state;
    setError(null);
    setState({ phase: "importing", file, report, mode });
    try {
      const result = await run(file.name, file.bytes, mode);
      if (result.applied) {
        setState({ phase: "done", file, report: result });
        onApplied();
      } else {
        // The data changed since the check (e.g. someone typed an agency meanwhile):
        // show the new check and ask again.
        setState({ phase: "checked", file, report: result, retried: true });
      }
      resultRef.current?.focus();
    } catch (reason) {
      setState({ phase: "checked", file, report, retried: false });
      setError(ApiError.from(reason));
    }
  };

  const report = "report" in state ? state.report : null;
  const file = "file" in state ? state.file : null;
  const busy = state.phase === "reading" || state.phase === "importing";

  return (
    <section class="setup-import card" aria-labelledby={id("title")} data-testid={`import-${kind}`}>
      <div class="card__head">
        <h2 id={id("title")} class="card__title">
          {title}
        </h2>
        <p class="card__note">{intro}</p>
        <p class="card__note">{columns}</p>
      </div>

      <div class="field">
        <label class="field__label" for={id("file")}>
          {t("setup.import.choose")}
        </label>
        <input
          ref={inputRef}
          id={id("file")}
          type="file"
          class="setup-import__file"
          accept=".csv,.xlsx,.xls"
          data-testid={`import-${kind}-file`}
          aria-describedby={id("file-hint")}
          disabled={busy}
          onChange={(e) => void choose(e.currentTarget)}
        />
        <p class="field__hint" id={id("file-hint")}>
          {t("setup.import.chooseHint")}
        </p>
      </div>

      <p class="setup-status" role="status" aria-live="polite" data-testid={`import-${kind}-status`}>
        {state.phase === "reading" && t("setup.import.checking")}
        {state.phase === "importing" && t("setup.import.importing")}
      </p>

      {error && <SetupBanner error={error} text={fileErrorText(error)} />}

      {report && file && (
        <div class="setup-import__result" ref={resultRef} tabIndex={-1} data-testid={`import-${kind}-report`}>
          {state.phase === "done" ? (
            <p class="setup-done" data-testid={`import-${kind}-done`}>
              {updates
                ? t("setup.import.appliedRoster", {
                    added: formatNumber(report.added),
                    changed: formatNumber(report.changed),
                    unchanged: formatNumber(report.unchanged),
                  })
                : tn("setup.import.applied", report.good)}{" "}
              {report.refused > 0 && tn("setup.import.appliedSkipped", report.refused)}
            </p>
          ) : (
            <p class="setup-import__nothing" data-testid={`import-${kind}-nothing-yet`}>
              {state.phase === "checked" && state.retried ? t("setup.import.notApplied") : t("setup.import.nothingYet")}
            </p>
          )}

          <dl class="setup-import__totals">
            <div>
              <dt>{t("setup.import.file")}</dt>
              <dd>{file.name}</dd>
            </div>
            <div>
              <dt>{t("setup.import.total")}</dt>
              <dd data-testid={`import-${kind}-total`}>{formatNumber(report.total)}</dd>
            </div>
            {updates ? (
              <>
                <div class="is-good">
                  <dt>{t("setup.import.added")}</dt>
                  <dd data-testid={`import-${kind}-added`}>{formatNumber(report.added)}</dd>
                </div>
                <div class={report.changed > 0 ? "is-changed" : undefined}>
                  <dt>{t("setup.import.changed")}</dt>
                  <dd data-testid={`import-${kind}-changed`}>{formatNumber(report.changed)}</dd>
                </div>
                <div>
                  <dt>{t("setup.import.unchanged")}</dt>
                  <dd data-testid={`import-${kind}-unchanged`}>{formatNumber(report.unchanged)}</dd>
                </div>
              </>
            ) : (
              <div class="is-good">
                <dt>{state.phase === "done" ? t("setup.import.goodDone") : t("setup.import.good")}</dt>
                <dd data-testid={`import-${kind}-good`}>{formatNumber(report.good)}</dd>
              </div>
            )}
            <div class={report.refused > 0 ? "is-refused" : undefined}>
              <dt>{t("setup.import.refused")}</dt>
              <dd data-testid={`import-${kind}-refused`}>{formatNumber(report.refused)}</dd>
            </div>
          </dl>

          <p class="setup-import__columns" data-testid={`import-${kind}-columns-used`}>
            <strong>{t("setup.import.columnsUsed")}</strong>{" "}
            {report.columnsUsed.length ? report.columnsUsed.join(", ") : t("setup.import.none")}
          </p>
          {report.notInFile.length > 0 && (
            <div class="setup-import__missing" data-testid={`import-${kind}-not-in-file`}>
              <p>{tn("setup.import.notInFile", report.notInFile.length)}</p>
              <details>
                <summary>{t("setup.import.notInFileList")}</summary>
                <ul>
                  {report.notInFile.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </details>
            </div>
          )}
          {report.columnsIgnored.length > 0 && (
            <p class="setup-import__columns" data-testid={`import-${kind}-columns-ignored`}>
              <strong>{t("setup.import.columnsIgnored")}</strong> {report.columnsIgnored.join(", ")}
            </p>
          )}

          {state.phase !== "done" && (
            <ImportActions
              kind={kind}
              report={report}
              busy={busy}
              onImport={(mode) => void confirm(mode)}
              onCancel={reset}
            />
          )}
          {state.phase === "done" && (
            <div class="form-actions">
              <button type="button" class="button button--secondary" data-testid={`import-${kind}-again`} onClick={reset}>
                {t("setup.import.another")}
              </button>
            </div>
          )}

          {report.total === 0 ? (
            <p class="setup-empty">{t("setup.import.noRows")}</p>
          ) : (
            <>
              {report.refused > 0 && (
                <label class="setup-check">
                  <input
                    type="checkbox"
                    checked={onlyRefused}
                    data-testid={`import-${kind}-only-refused`}
                    onChange={(e) => setOnlyRefused(e.currentTarget.checked)}
                  />
                  {t("setup.import.onlyRefused")}
                </label>
              )}
              {report.unchanged > 0 && (
                <label class="setup-check">
                  <input
                    type="checkbox"
                    checked={hideUnchanged}
                    data-testid={`import-${kind}-hide-unchanged`}
                    onChange={(e) => setHideUnchanged(e.currentTarget.checked)}
                  />
                  {t("setup.import.hideUnchanged")}
                </label>
              )}
              <RowTable
                kind={kind}
                report={report}
                labels={labels}
                updates={updates}
                onlyRefused={onlyRefused}
                hideUnchanged={hideUnchanged}
                done={state.phase === "done"}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}

type ActionsProps = {
  kind: string;
  report: ImportReport;
  busy: boolean;
  onImport: (mode: ImportMode) => void;
  onCancel: () => void;
};

function ImportActions({ kind, report, busy, onImport, onCancel }: ActionsProps) {
  // Rows that would write something: new ones and changed ones (never the unchanged).
  const writes = report.added + report.changed;
  const nothingToDo = report.total > 0 && writes === 0 && report.good > 0;
  const allBlocked = report.refused > 0 || report.total === 0 || writes === 0;
  const whyId = `import-${kind}-why`;
  return (
    <div class="setup-import__actions">
      <div class="form-actions">
        <button
          type="button"
          class="button button--primary"
          data-testid={`import-${kind}-all`}
          disabled={busy || allBlocked}
          aria-describedby={report.refused > 0 || nothingToDo ? whyId : undefined}
          onClick={() => onImport("all_or_nothing")}
        >
          {t("setup.import.all")}
        </button>
        <button
          type="button"
          class="button button--secondary"
          data-testid={`import-${kind}-skip`}
          disabled={busy || writes === 0}
          onClick={() => onImport("skip_refused")}
        >
          {t("setup.import.skipRefused")}
        </button>
        <button type="button" class="button button--secondary" data-testid={`import-${kind}-cancel`} disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      {nothingToDo ? (
        <p class="field__hint" id={whyId} data-testid={`import-${kind}-nothing-to-do`}>
          {t("setup.import.nothingToDo")}
        </p>
      ) : (
        report.refused > 0 && (
          <p class="field__hint" id={whyId}>
            {report.good > 0
              ? tn("setup.import.whyNotAll", report.refused, { good: formatNumber(report.good) })
              : t("setup.import.allRefused")}
          </p>
        )
      )}
    </div>
  );
}

type RowTableProps = {
  kind: string;
  report: ImportReport;
  labels: Labels;
  updates: boolean;
  onlyRefused: boolean;
  hideUnchanged: boolean;
  done: boolean;
};

export function RowTable({ kind, report, labels, updates, onlyRefused, hideUnchanged, done }: RowTableProps) {
  const rows = report.rows.filter(
    (r) => (!onlyRefused || r.outcome === "refused") && (!hideUnchanged || r.outcome !== "unchanged"),
  );
  return (
    <div class="setup-table-wrap">
      <table class="setup-table" data-testid={`import-${kind}-rows`}>
        <caption class="visually-hidden">{t("setup.import.rowsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("setup.import.line")}</th>
            <th scope="col">{t("setup.import.label")}</th>
            <th scope="col">{t("setup.import.result")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.line}
              class={`is-${row.outcome}`}
              data-testid="import-row"
              data-line={row.line}
              data-outcome={row.outcome}
            >
              <td class="setup-table__num">{row.line}</td>
              <td>{row.label || <span class="setup-muted">{t("setup.import.noLabel")}</span>}</td>
              <td>
                <RowResult row={row} labels={labels} updates={updates} done={done} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What becomes (or became) of one row: its problems, or new / changed / unchanged. */
function RowResult({ row, labels, updates, done }: { row: ImportRow; labels: Labels; updates: boolean; done: boolean }) {
  switch (row.outcome) {
    case "refused":
      return (
        <ul class="setup-problems">
          {row.problems.map((p, i) => (
            <li key={i} data-testid="import-problem">
              <span class="setup-problems__field">{labelOf(labels, p.field)}</span>{" "}
              <span class="setup-problems__text">{rowProblemText(labels, p)}</span>
              <span class="detail">{t("common.detail", { message: p.message })}</span>
            </li>
          ))}
        </ul>
      );
    case "unchanged":
      return <span class="setup-muted">{t("setup.import.rowUnchanged")}</span>;
    case "changed":
      return (
        <div class="setup-changes">
          <span class="setup-ok">{done ? t("setup.import.rowUpdated") : t("setup.import.rowChanged")}</span>
          <ul>
            {row.changes.map((c) => (
              <li key={c.field} data-testid="import-change" data-field={c.field}>
                <ChangeText change={c} labels={labels} />
              </li>
            ))}
          </ul>
        </div>
      );
    default:
      if (!updates) return <span class="setup-ok">{done ? t("setup.import.rowImported") : t("setup.import.rowGood")}</span>;
      return <span class="setup-ok">{done ? t("setup.import.rowAdded") : t("setup.import.rowNew")}</span>;
  }
}

/** One changed field: its label, the old value and the new one. */
function ChangeText({ change, labels }: { change: FieldChange; labels: Labels }) {
  if (change.field === "retiredAt") return <>{t("setup.import.rowBroughtBack")}</>;
  const value = (v: string) => v || t("setup.import.emptyValue");
  return (
    <>
      <span class="setup-changes__field">{labelOf(labels, change.field)}</span>{" "}
      <span class="visually-hidden">{t("setup.import.changeOld")} </span>
      <del class="setup-changes__old">{value(change.old)}</del> <span aria-hidden="true">→</span>{" "}
      <span class="visually-hidden">{t("setup.import.changeNew")} </span>
      <ins class="setup-changes__new">{value(change.new)}</ins>
    </>
  );
}
