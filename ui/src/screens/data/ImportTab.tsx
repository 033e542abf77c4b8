import { useEffect, useState } from "preact/hooks";
import {
  ApiError,
  findBundles,
  listConflicts,
  mergeBundle,
  pickFile,
  previewBundle,
  restoreConflict,
} from "../../api";
import type { FoundBundle } from "../../bindings/FoundBundle";
import type { Lab } from "../../bindings/Lab";
import type { MergeConflict } from "../../bindings/MergeConflict";
import type { MergedIdea } from "../../bindings/MergedIdea";
import type { MergeReport } from "../../bindings/MergeReport";
import { ErrorBanner } from "../../components/ErrorBanner";
import { bundleErrorText, fieldLabel, laptopLabel } from "../../errors";
import { formatDateTime, formatNumber, t, type MessageKey } from "../../i18n";
import { formatBytes } from "./ExportPanel";
import "./transfer.css";

/** A stored value as a person reads it: text as is, lists joined, empty said so. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return t("conflicts.empty");
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(", ") : t("conflicts.empty");
  return JSON.stringify(v);
}

function IdeaList({ label, ideas }: { label: MessageKey; ideas: MergedIdea[] }) {
  if (ideas.length === 0) return null;
  return (
    <details class="import__list" data-testid={`import-list-${label.split(".").pop()}`}>
      <summary>{t(label, { n: formatNumber(ideas.length) })}</summary>
      <ul>
        {ideas.map((i) => (
          <li key={i.id}>
            {i.title ? (
              <>
                {i.title}
                {i.agency && <span class="import__agency"> · {i.agency}</span>}
              </>
            ) : (
              <span class="import__gone">{t("import.deletedForGood")}</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Counts({ r }: { r: MergeReport }) {
  const items: [MessageKey, number][] = [
    ["import.count.new", r.newIdeas.length],
    ["import.count.changed", r.changedIdeas.length],
    ["import.count.deleted", r.deletedIdeas.length],
    ["import.count.conflicts", r.conflicts],
  ];
  return (
    <dl class="import__counts" data-testid="import-counts">
      {items.map(([k, n]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Impor & gabung": pick a bundle, see what it brings, merge; then the conflict log. */
export function ImportTab({ lab }: { lab: Lab }) {
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<MergeReport | null>(null);
  const [report, setReport] = useState<MergeReport | null>(null);
  const [busy, setBusy] = useState<"checking" | "merging" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflicts, setConflicts] = useState<MergeConflict[] | null>(null);
  const [restored, setRestored] = useState<number | null>(null);
  const [found, setFound] = useState<FoundBundle[] | null>(null);

  const lookOnSticks = () => findBundles().then(setFound, () => setFound([]));
  useEffect(() => {
    void lookOnSticks();
  }, []);

  const loadConflicts = () =>
    listConflicts(lab.id).then(setConflicts, (reason: unknown) => setError(ApiError.from(reason)));
  useEffect(() => {
    void loadConflicts();
  }, [lab.id]);

  const check = (p: string) => {
    setPath(p);
    setPreview(null);
    setReport(null);
    setError(null);
    setBusy("checking");
    previewBundle(p).then(
      (r) => {
        setPreview(r);
        setBusy(null);
      },
      (reason: unknown) => {
        setError(ApiError.from(reason));
        setBusy(null);
      },
    );
  };

  const choose = () =>
    pickFile(t("import.pickTitle"), t("import.filter"), ["labinov"]).then(
      (p) => {
        if (p) check(p);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );

  const merge = () => {
    if (!path) return;
    setBusy("merging");
    setError(null);
    mergeBundle(path).then(
      (r) => {
        setReport(r);
        setPreview(null);
        setBusy(null);
        void loadConflicts();
      },
      (reason: unknown) => {
        setError(ApiError.from(reason));
        setBusy(null);
      },
    );
  };

  const restore = (c: MergeConflict) => {
    setError(null);
    restoreConflict(c.id).then(
      () => {
        setRestored(c.id);
        void loadConflicts();
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  };

  const nothingNew =
    preview &&
    !preview.labIsNew &&
    preview.newIdeas.length + preview.changedIdeas.length + preview.deletedIdeas.length === 0 &&
    preview.conflicts === 0 &&
    preview.changedRecords === 0;

  return (
    <div class="import" data-testid="import-panel">
      <h2 class="export__title">{t("import.title")}</h2>
      <p class="card__note">{t("import.intro")}</p>
      <div class="export__row">
        <button
          type="button"
          class="button button--secondary"
          data-testid="import-pick"
          disabled={busy !== null}
          onClick={() => void choose()}
        >
          {t("import.pick")}
        </button>
      </div>
      <section class="import__found" aria-labelledby="import-found-title" data-testid="import-found">
        <h3 id="import-found-title">{t("import.found")}</h3>
        {found !== null && found.length === 0 && <p class="card__note">{t("import.foundNone")}</p>}
        <ul>
          {(found ?? []).map((f) => (
            <li key={f.path} data-testid="found-bundle">
              <span class="import__found-name">{f.name}</span>
              <span class="card__note">
                {t("import.foundMeta", {
                  drive: f.drive,
                  size: formatBytes(f.size),
                  at: f.modifiedAt ? formatDateTime(f.modifiedAt, lab.timeZone) : "?",
                })}
              </span>
              <button
                type="button"
                class="button button--secondary"
                data-testid="found-check"
                disabled={busy !== null}
                onClick={() => check(f.path)}
              >
                {t("import.check")}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" class="button button--secondary" data-testid="import-look" onClick={() => void lookOnSticks()}>
          {t("import.foundRefresh")}
        </button>
      </section>
      {path && <p class="import__file" data-testid="import-file">{t("import.file", { path })}</p>}
      {busy && (
        <p role="status" data-testid="import-busy">
          {t(busy === "checking" ? "import.checking" : "import.merging")}
        </p>
      )}
      {error && <ErrorBanner error={error} text={bundleErrorText(error, lab.timeZone)} />}

      {preview && (
        <section class="import__preview" aria-labelledby="import-preview-title" data-testid="import-preview">
          <h3 id="import-preview-title">{t("import.previewTitle")}</h3>
          <p>{t("import.lab", { lab: preview.labName })}</p>
          {preview.labIsNew && <p data-testid="import-lab-new">{t("import.labNew")}</p>}
          <p class="card__note">
            {t("import.from", {
              id: laptopLabel(preview.fromInstallationId),
              at: preview.bundleCreatedAt ? formatDateTime(preview.bundleCreatedAt, lab.timeZone) : "?",
            })}
          </p>
          <Counts r={preview} />
          <IdeaList label="import.list.new" ideas={preview.newIdeas} />
          <IdeaList label="import.list.changed" ideas={preview.changedIdeas} />
          <IdeaList label="import.list.deleted" ideas={preview.deletedIdeas} />
          {nothingNew ? (
            <p data-testid="import-nothing">{t("import.nothing")}</p>
          ) : (
            <button
              type="button"
              class="button button--primary"
              data-testid="import-go"
              disabled={busy !== null}
              onClick={merge}
            >
              {t("import.go")}
            </button>
          )}
        </section>
      )}

      {report && (
        <div class="banner export__done" role="status" data-testid="import-done">
          <p class="banner__text">
            {t("import.done", {
              new: formatNumber(report.newIdeas.length),
              changed: formatNumber(report.changedIdeas.length),
              deleted: formatNumber(report.deletedIdeas.length),
              conflicts: formatNumber(report.conflicts),
            })}
          </p>
          {report.labId !== lab.id && <p>{t("import.otherLab", { lab: report.labName })}</p>}
        </div>
      )}

      <section class="conflicts" aria-labelledby="conflicts-title" data-testid="conflicts">
        <h3 id="conflicts-title">{t("conflicts.title")}</h3>
        <p class="card__note">{t("conflicts.intro")}</p>
        {restored !== null && (
          <p role="status" data-testid="conflict-restored">
            {t("conflicts.restored")}
          </p>
        )}
        {conflicts !== null && conflicts.length === 0 && (
          <p class="empty" data-testid="conflicts-none">
            {t("conflicts.none")}
          </p>
        )}
        <ul class="conflicts__list">
          {(conflicts ?? []).map((c) => (
            <li key={c.id} class="conflict" data-testid="conflict">
              <p class="conflict__what">
                <strong>{c.label || c.entityId}</strong> · {t("conflicts.field", { field: fieldLabel(c.field) })}
              </p>
              <dl class="conflict__values">
                <div>
                  <dt>{t("conflicts.lost")}</dt>
                  <dd data-testid="conflict-lost">{valueText(c.losingValue)}</dd>
                  <dd class="card__note">
                    {t("conflicts.from", {
                      id: laptopLabel(c.losingOrigin),
                      at: c.losingAt ? formatDateTime(c.losingAt, lab.timeZone) : "?",
                    })}
                  </dd>
                </div>
                <div>
                  <dt>{t("conflicts.now")}</dt>
                  <dd data-testid="conflict-now">{valueText(c.currentValue)}</dd>
                </div>
              </dl>
              {c.restorable ? (
                <button
                  type="button"
                  class="button button--secondary"
                  data-testid="conflict-restore"
                  onClick={() => restore(c)}
                >
                  {t("conflicts.restore")}
                </button>
              ) : (
                <p class="card__note">{t("conflicts.notRestorable")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
