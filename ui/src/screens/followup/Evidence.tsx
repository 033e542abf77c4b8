import { useEffect, useState } from "preact/hooks";
import { ApiError, addEvidence, evidenceBytes, pickFolder, removeEvidence, saveEvidenceCopy } from "../../api";
import type { Evidence } from "../../bindings/Evidence";
import { ErrorBanner } from "../../components/ErrorBanner";
import { ConfirmButton } from "../setup/controls";
import { formatBytes } from "../data/ExportPanel";
import { formatNumber, t } from "../../i18n";
import { followupErrorText } from "./shared";

/** Largest evidence file (the core checks it too: `MAX_EVIDENCE_BYTES`, 20 MiB). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** The limit as people read it: "20 MB". */
const MAX_TEXT = () => `${formatNumber(MAX_EVIDENCE_BYTES / 2 ** 20)} MB`;

/**
 * Uploads files as evidence of the idea (of the update `updateId`, or of none when empty),
 * one at a time; answers a sentence for each file refused (too big before it is read; the
 * rest by the backend's reason), the others stored.
 */
export async function uploadAll(labId: string, ideaId: string, updateId: string, files: readonly File[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    if (file.size > MAX_EVIDENCE_BYTES) {
      problems.push(t("fu.evidence.tooBig", { name: file.name, max: MAX_TEXT() }));
      continue;
    }
    try {
      await addEvidence(labId, ideaId, updateId, file.name, await file.arrayBuffer());
    } catch (reason) {
      problems.push(t("fu.evidence.refused", { name: file.name, why: followupErrorText(ApiError.from(reason)) }));
    }
  }
  return problems;
}

/**
 * A file input drawn as a button in the app's words (the browser's own control would
 * speak the system's language); the input keeps the focus and the keyboard.
 */
export function FilePicker(props: {
  id: string;
  testid: string;
  hint?: string;
  label?: string;
  onFiles: (files: File[]) => void;
}) {
  return (
    <span class="fu-picker">
      <input
        id={props.id}
        type="file"
        class="visually-hidden fu-picker__input"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        data-testid={props.testid}
        aria-describedby={props.hint}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = "";
          props.onFiles(files);
        }}
      />
      <label class="button button--secondary button--small" for={props.id}>
        {props.label ?? t("fu.evidence.choose")}
      </label>
    </span>
  );
}

/** Files chosen for an update not yet saved. */
export function EvidencePicker({ id, files, onFiles }: { id: string; files: File[]; onFiles: (files: File[]) => void }) {
  return (
    <div class="field">
      <span class="field__label">{t("fu.evidence.files")}</span>
      <FilePicker id={id} testid="update-files" hint={`${id}-hint`} onFiles={(more) => onFiles([...files, ...more])} />
      <p class="field__hint" id={`${id}-hint`}>
        {t("fu.evidence.hint", { max: MAX_TEXT() })}
      </p>
      {files.length > 0 && (
        <ul class="fu-files">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name}{" "}
              <button
                type="button"
                class="button button--secondary button--small"
                aria-label={t("fu.evidence.unpick", { name: f.name })}
                onClick={() => onFiles(files.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Stored evidence files: open (a photo shown here, a PDF saved through a link), remove. */
export function EvidenceList({ labId, evidence, onChanged }: { labId: string; evidence: Evidence[]; onChanged: () => void }) {
  const [open, setOpen] = useState<Evidence | null>(null);
  if (evidence.length === 0) return null;
  return (
    <>
      <ul class="fu-files" data-testid="evidence-list">
        {evidence.map((e) => (
          <li key={e.id} class="fu-file" data-testid="evidence-item">
            <span class="fu-file__kind">{e.mime === "application/pdf" ? "PDF" : e.mime === "image/png" ? "PNG" : "JPEG"}</span>
            <button type="button" class="fu-link fu-file__name" data-testid="evidence-open" onClick={() => setOpen(e)}>
              {e.fileName}
            </button>
            <span class="fu-muted">{formatBytes(e.size)}</span>
            <ConfirmButton
              label={t("fu.remove")}
              ariaLabel={t("fu.evidence.remove", { name: e.fileName })}
              question={t("fu.evidence.removeConfirm", { name: e.fileName })}
              confirmLabel={t("fu.remove")}
              testid="evidence-remove"
              onConfirm={() => removeEvidence(labId, e.id).then(onChanged)}
            />
          </li>
        ))}
      </ul>
      {open && <EvidenceViewer evidence={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/**
 * One evidence file, opened: a photo drawn here; any file (a PDF: the window shows none)
 * saved as a copy into a folder the user picks, to open it there.
 */
function EvidenceViewer({ evidence, onClose }: { evidence: Evidence; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const isImage = evidence.mime.startsWith("image/");
  useEffect(() => {
    if (!isImage) return;
    let u: string | null = null;
    let live = true;
    evidenceBytes(evidence.id).then(
      (bytes) => {
        if (!live) return;
        u = URL.createObjectURL(new Blob([bytes], { type: evidence.mime }));
        setUrl(u);
      },
      (reason: unknown) => live && setError(ApiError.from(reason)),
    );
    return () => {
      live = false;
      if (u) URL.revokeObjectURL(u);
    };
  }, [evidence.id]);
  const save = () => {
    setError(null);
    pickFolder(t("fu.evidence.pickFolder"))
      .then((dest) => (dest ? saveEvidenceCopy(evidence.ideaId, evidence.id, dest).then(setSaved) : undefined))
      .catch((reason: unknown) => setError(ApiError.from(reason)));
  };
  return (
    <div
      class="fu-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={evidence.fileName}
      data-testid="evidence-viewer"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="fu-viewer__bar">
        <strong>{evidence.fileName}</strong>
        <button type="button" class="button button--secondary button--small" data-testid="evidence-save" onClick={save}>
          {t("fu.evidence.save")}
        </button>
        <button type="button" class="button button--secondary button--small" ref={(el) => el?.focus()} onClick={onClose}>
          {t("fu.close")}
        </button>
      </div>
      {saved && (
        <p role="status" data-testid="evidence-saved">
          {t("fu.evidence.saved", { path: saved })}
        </p>
      )}
      {error && <ErrorBanner error={error} text={followupErrorText(error)} />}
      {url && <img class="fu-viewer__img" src={url} alt={evidence.fileName} />}
      {!isImage && <p class="card__note">{t("fu.evidence.pdfNote")}</p>}
      <p class="fu-muted fu-viewer__sum">SHA-256 {evidence.sha256}</p>
    </div>
  );
}
