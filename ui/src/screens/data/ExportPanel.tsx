import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, exportCityGallery, exportLab, listDrives, onExportProgress, pickFolder } from "../../api";
import type { Drive } from "../../bindings/Drive";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ExportProgress } from "../../bindings/ExportProgress";
import type { ExportReport } from "../../bindings/ExportReport";
import type { Lab } from "../../bindings/Lab";
import type { Lang } from "../../bindings/Lang";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, getLocale, t, type MessageKey } from "../../i18n";

/** Every format, in the order the boxes show them (the compiler checks none is missing). */
const FORMAT_ORDER = {
  html: 0,
  pdf: 1,
  xlsx: 2,
  csv: 3,
  json: 4,
  bundle: 5,
  kegiatan: 6,
  docx: 7,
  gallery: 8,
  posters: 9,
  profiles: 10,
} satisfies Record<ExportFormat, number>;
const FORMATS = (Object.keys(FORMAT_ORDER) as ExportFormat[]).sort((a, b) => FORMAT_ORDER[a] - FORMAT_ORDER[b]);
/** Ticked at first: the lab's own files. The public gallery and posters, and the profiles
 * for the index's forms, are asked for. */
const DEFAULT_FORMATS = FORMATS.filter((f) => f !== "gallery" && f !== "posters" && f !== "profiles");

/** A size in bytes as people read it: `52 kB`, `3,2 GB`. */
export function formatBytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : 1;
  return `${formatNumber(Number(v.toFixed(digits)))} ${units[u]}`;
}

/** What a progress step is doing, in words. */
export function stepText(p: ExportProgress): string {
  if (p.step === "snapshot") return t("export.step.snapshot");
  if (p.step === "SHA256SUMS") return t("export.step.sums");
  if (p.step === "finish") return t("export.step.finish");
  return t("export.step.file", { file: p.step });
}

type Dest = { path: string; label: string; detail: string; writable: boolean };

function driveDest(d: Drive): Dest {
  const space =
    d.freeBytes !== null && d.totalBytes !== null
      ? t("export.free", { free: formatBytes(d.freeBytes), total: formatBytes(d.totalBytes) })
      : "";
  return {
    path: d.path,
    label: d.label,
    detail: d.writable ? space : `${space}${space ? " · " : ""}${t("export.readOnly")}`,
    writable: d.writable,
  };
}

/** A report lists its files one by one up to this many; a site of thousands of pages is summed up. */
const LISTED_FILES = 40;

/**
 * What is exported: one lab (the Data screen: its files, chosen by box), or the city's
 * gallery across labs (the archive: one site, only its language to choose).
 */
export type ExportJob = { kind: "lab"; lab: Lab } | { kind: "city"; labIds: string[] };

/** "Ekspor ke USB": choose a stick (or a folder) and what to write, then one button. */
export function ExportPanel({ job }: { job: ExportJob }) {
  const city = job.kind === "city";
  const [drives, setDrives] = useState<Drive[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [formats, setFormats] = useState<Set<ExportFormat>>(new Set(DEFAULT_FORMATS));
  const [lang, setLang] = useState<Lang>(getLocale());
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [report, setReport] = useState<ExportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [hint, setHint] = useState<MessageKey | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const refresh = () =>
    listDrives().then(
      (list) => {
        setDrives(list);
        setChosen((c) => c ?? list.find((d) => d.writable)?.path ?? null);
      },
      (reason: unknown) => {
        setDrives([]);
        setError(ApiError.from(reason));
      },
    );
  useEffect(() => {
    void refresh();
  }, []);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    void onExportProgress((p) => setProgress(p)).then((unlisten) => {
      if (gone) unlisten();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, []);

  // The bar and then the result come into view below the button, and the result takes the
  // focus so a screen reader reads it.
  useEffect(() => {
    if (running) progressRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [running]);
  useEffect(() => {
    if (!report) return;
    doneRef.current?.scrollIntoView?.({ block: "nearest" });
    doneRef.current?.focus();
  }, [report]);

  const choose = () =>
    pickFolder(t("export.pickTitle")).then(
      (path) => {
        if (path) {
          setPicked(path);
          setChosen(path);
        }
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );

  const toggle = (f: ExportFormat) =>
    setFormats((s) => {
      const next = new Set(s);
      if (next.has(f)) next.delete(f);
      else next.add(f);
      return next;
    });

  const start = () => {
    setHint(null);
    if (!chosen) return setHint("export.needDest");
    if (!city && formats.size === 0) return setHint("export.needFormat");
    setRunning(true);
    setReport(null);
    setError(null);
    setProgress(null);
    const run =
      job.kind === "city"
        ? exportCityGallery(job.labIds, chosen, lang)
        : exportLab(job.lab.id, chosen, { formats: FORMATS.filter((f) => formats.has(f)), lang });
    run.then(
      (r) => {
        setReport(r);
        setRunning(false);
        void refresh(); // the free space has changed
      },
      (reason: unknown) => {
        setError(ApiError.from(reason));
        setRunning(false);
      },
    );
  };

  const dests: Dest[] = (drives ?? []).map(driveDest);
  if (picked && !dests.some((d) => d.path === picked)) {
    dests.push({ path: picked, label: t("export.chosenFolder"), detail: "", writable: true });
  }

  return (
    <div class="export" data-testid={city ? "city-export-panel" : "export-panel"}>
      <h2 class="export__title">{t(city ? "export.city.title" : "export.title")}</h2>
      <p class="card__note">{t(city ? "export.city.intro" : "export.intro")}</p>

      <fieldset class="export__group" disabled={running}>
        <legend>{t("export.drives")}</legend>
        {drives !== null && dests.length === 0 && (
          <p class="empty" data-testid="export-no-drives">
            {t("export.noDrives")}
          </p>
        )}
        <ul class="export__drives">
          {dests.map((d) => (
            <li key={d.path}>
              <label class={d.writable ? "export__drive" : "export__drive is-disabled"} data-testid="export-drive">
                <input
                  type="radio"
                  name="export-dest"
                  value={d.path}
                  checked={chosen === d.path}
                  disabled={!d.writable}
                  onChange={() => setChosen(d.path)}
                />
                <span class="export__drive-label">{d.label}</span>
                <span class="export__drive-path">{d.path}</span>
                {d.detail && <span class="export__drive-detail">{d.detail}</span>}
              </label>
            </li>
          ))}
        </ul>
        <div class="export__row">
          <button type="button" class="button button--secondary" data-testid="export-refresh" onClick={() => void refresh()}>
            {t("export.refresh")}
          </button>
          <button type="button" class="button button--secondary" data-testid="export-pick" onClick={() => void choose()}>
            {t("export.pickFolder")}
          </button>
        </div>
      </fieldset>

      <fieldset class="export__group" disabled={running}>
        <legend>{t(city ? "export.city.options" : "export.formats")}</legend>
        {!city && (
          <ul class="export__formats">
            {FORMATS.map((f) => (
              <li key={f}>
                <label>
                  <input
                    type="checkbox"
                    checked={formats.has(f)}
                    data-testid={`export-format-${f}`}
                    onChange={() => toggle(f)}
                  />{" "}
                  {t(`export.format.${f}`)}
                </label>
              </li>
            ))}
          </ul>
        )}
        <label class="export__lang">
          {t(city ? "export.city.lang" : "export.lang")}{" "}
          <select value={lang} data-testid="export-lang" onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}>
            <option value="id">{t("export.lang.id")}</option>
            <option value="en">{t("export.lang.en")}</option>
          </select>
        </label>
      </fieldset>

      <button
        type="button"
        class="button button--primary export__go"
        data-testid="export-go"
        disabled={running}
        aria-describedby={hint ? "export-hint" : undefined}
        onClick={start}
      >
        {t(city ? "export.city.go" : "export.go")}
      </button>
      {hint && (
        <p id="export-hint" class="field__error" role="alert" data-testid="export-hint">
          {t(hint)}
        </p>
      )}

      {running && (
        <div class="export__progress" data-testid="export-progress" ref={progressRef}>
          <progress
            aria-label={t("export.progressLabel")}
            value={progress?.done ?? 0}
            max={progress?.total ?? 1}
          />
          <p role="status" aria-live="polite">
            {progress ? `${stepText(progress)} (${t("export.stepCount", { done: progress.done, total: progress.total })})` : t("export.step.snapshot")}
          </p>
        </div>
      )}

      {error && (
        <div data-testid="export-error">
          <ErrorBanner error={error} />
        </div>
      )}

      {report && (
        <div class="banner export__done" role="status" data-testid="export-done" ref={doneRef} tabIndex={-1}>
          <p class="banner__text">
            {t(city ? "export.city.done" : "export.done", { ideas: formatNumber(report.ideas), folder: report.folderName })}
          </p>
          <p class="detail">{t("export.where", { path: report.folder })}</p>
          {report.files.length > LISTED_FILES ? (
            <p data-testid="export-files-summary">
              {t("export.filesSummary", {
                files: formatNumber(report.files.length),
                size: formatBytes(report.files.reduce((n, f) => n + f.size, 0)),
                verified: formatNumber(report.files.filter((f) => f.verified).length),
              })}
            </p>
          ) : (
          <ul class="export__files">
            {report.files.map((f) => (
              <li key={f.name} data-testid="export-file">
                <span class={f.verified ? "export__check" : "export__check is-bad"} aria-hidden="true">
                  {f.verified ? "✓" : "✗"}
                </span>
                <span class="export__file-name">{f.name}</span>
                <span class="export__file-size">{formatBytes(f.size)}</span>
                <span class="export__file-state">{f.verified ? t("export.verified") : t("export.notVerified")}</span>
              </li>
            ))}
          </ul>
          )}
        </div>
      )}
    </div>
  );
}
