import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, addAttachment, attachmentBytes, listAttachments, removeAttachment } from "../../api";
import type { Attachment } from "../../bindings/Attachment";
import { Confirm } from "../../components/Confirm";
import { useChanged } from "../../hooks/useChanged";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, t } from "../../i18n";

/** The same limit the store enforces; checked here first for a quicker, clearer answer. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

const megabytes = (bytes: number) => `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;

/** Why a file cannot be a photo, in plain words; null when it can. */
export function photoProblem(file: File): string | null {
  if (file.size > MAX_PHOTO_BYTES) return t("photos.tooBig", { name: file.name, size: megabytes(file.size) });
  if (file.type && !file.type.startsWith("image/")) return t("photos.notImage", { name: file.name });
  return null;
}

type Props = {
  labId: string;
  /** The saved idea the photos belong to; null for a new idea, whose photos wait in `pending`. */
  ideaId: string | null;
  pending: readonly File[];
  onPending: (files: File[]) => void;
};

/** Photos of sticky notes and flipcharts: a picker, a drop zone, and thumbnails. */
export function Photos({ labId, ideaId, pending, onPending }: Props) {
  const [stored, setStored] = useState<Attachment[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const reload = () => {
    if (!ideaId) return setStored([]);
    listAttachments(ideaId).then(setStored, (reason: unknown) => setError(ApiError.from(reason)));
  };
  useEffect(reload, [ideaId]);
  // Photos of a new idea are uploaded just after it is saved; if the idea is opened
  // meanwhile (or another window adds one), the change event brings them in.
  useChanged(labId, reload);

  const take = async (files: File[]) => {
    const refused = files.map(photoProblem).filter((p): p is string => p !== null);
    const good = files.filter((f) => photoProblem(f) === null);
    setProblems(refused);
    setError(null);
    if (!ideaId) {
      onPending([...pending, ...good]);
      return;
    }
    setBusy(true);
    for (const file of good) {
      try {
        await addAttachment(labId, ideaId, file.name, await file.arrayBuffer());
      } catch (reason) {
        const e = ApiError.from(reason);
        if (e.code === "bad_file") setProblems((p) => [...p, t("photos.notImage", { name: file.name })]);
        else setError(e);
      }
    }
    setBusy(false);
    reload();
  };

  return (
    <div class="photos">
      <div
        class={over ? "dropzone is-over" : "dropzone"}
        data-testid="photo-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => input.current?.click()}>
          {t("photos.add")}
        </button>
        <span class="dropzone__or">{t("photos.drop")}</span>
        <input
          ref={input}
          type="file"
          class="visually-hidden"
          tabIndex={-1}
          accept="image/jpeg,image/png,image/webp,image/gif"
          multiple
          data-testid="photo-input"
          aria-label={t("photos.add")}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            void take(files);
          }}
        />
      </div>
      <p class="field__hint">{ideaId ? t("photos.hint") : `${t("photos.hint")} ${t("photos.pending")}`}</p>
      {problems.map((p) => (
        <p key={p} class="field__error" role="alert" data-testid="photo-problem">
          {p}
        </p>
      ))}
      {error && <ErrorBanner error={error} />}
      <ul class="thumbs">
        {stored.map((a) => (
          <StoredThumb key={a.id} labId={labId} attachment={a} onRemoved={reload} />
        ))}
        {pending.map((file, i) => (
          <PendingThumb
            key={`${file.name}-${i}`}
            file={file}
            onRemove={() => onPending(pending.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
    </div>
  );
}

/** An object URL for `blob`, revoked when it changes or the thumbnail goes. */
function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}

function StoredThumb({ labId, attachment, onRemoved }: { labId: string; attachment: Attachment; onRemoved: () => void }) {
  const [blob, setBlob] = useState<Blob | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    attachmentBytes(attachment.id).then(
      (bytes) => setBlob(new Blob([bytes], { type: "image/jpeg" })),
      () => setBlob(null),
    );
  }, [attachment.id]);
  const url = useObjectUrl(blob);
  const name = attachment.fileName;
  return (
    <li class="thumb" data-testid="photo-thumb">
      {url ? <img src={url} alt={t("photos.alt", { name })} /> : <span class="thumb__blank" />}
      <span class="thumb__name">{name}</span>
      <button type="button" class="thumb__remove" aria-label={t("photos.remove", { name })} onClick={() => setAsking(true)}>
        ×
      </button>
      {asking && (
        <Confirm
          danger
          question={t("photos.removeConfirm", { name })}
          onYes={() => removeAttachment(labId, attachment.id).then(onRemoved, onRemoved)}
          onNo={() => setAsking(false)}
        />
      )}
    </li>
  );
}

function PendingThumb({ file, onRemove }: { file: File; onRemove: () => void }) {
  const url = useObjectUrl(file);
  return (
    <li class="thumb thumb--pending" data-testid="photo-thumb">
      {url && <img src={url} alt={t("photos.alt", { name: file.name })} />}
      <span class="thumb__name">{file.name}</span>
      <button type="button" class="thumb__remove" aria-label={t("photos.remove", { name: file.name })} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
