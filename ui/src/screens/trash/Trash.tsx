import { useEffect, useState } from "preact/hooks";
import { ApiError, emptyTrash, listAgencies, listTrash, restoreIdea } from "../../api";
import type { Lab } from "../../bindings/Lab";
import { Confirm } from "../../components/Confirm";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { formatDateTime, t, tn } from "../../i18n";

type Props = { lab: Lab; onReady: () => void };

async function loadTrash(labId: string) {
  const [ideas, agencies] = await Promise.all([listTrash(labId), listAgencies(labId)]);
  return { ideas, agencies };
}

/** "Sampah": deleted ideas, to restore one by one or to delete for good after a question. */
export function Trash({ lab, onReady }: Props) {
  const { data, error, reload, mutate } = useLoad(() => loadTrash(lab.id), lab.id);
  useChanged(lab.id, reload);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const loaded = data !== null;
  useEffect(() => {
    if (loaded) onReady();
  }, [loaded]);

  const restore = (id: string) =>
    restoreIdea(id).then(
      (idea) => {
        mutate((d) => ({ ...d, ideas: d.ideas.filter((i) => i.id !== id) }));
        setNote(t("details.restoredToast", { title: idea.title }));
      },
      (reason: unknown) => setActionError(ApiError.from(reason)),
    );

  const empty = () => {
    setAsking(false);
    emptyTrash(lab.id).then(
      (count) => {
        mutate((d) => ({ ...d, ideas: [] }));
        setNote(tn("trash.emptied", count));
      },
      (reason: unknown) => setActionError(ApiError.from(reason)),
    );
  };

  if (!data) return error ? <ErrorBanner error={error} onRetry={reload} /> : <Loading />;
  const agency = (id: string) => data.agencies.find((a) => a.id === id)?.shortName ?? "";

  return (
    <section class="card trash" aria-labelledby="trash-title" data-testid="trash">
      <div class="card__head">
        <h1 id="trash-title" class="card__title">
          {t("trash.title")} <span class="badge">{data.ideas.length}</span>
        </h1>
        <p class="card__note">{t("trash.hint")}</p>
      </div>
      <p class="save-status" role="status" aria-live="polite">
        {note}
      </p>
      {actionError && <ErrorBanner error={actionError} />}
      {data.ideas.length === 0 ? (
        <p class="empty">{t("trash.empty")}</p>
      ) : (
        <>
          <ul class="trash__list">
            {data.ideas.map((idea) => (
              <li key={idea.id} class="trash__item" data-testid="trash-item">
                <span class="trash__title">{idea.title}</span>
                <span class="trash__meta">
                  {agency(idea.agencyId)}
                  {idea.deletedAt && ` · ${t("trash.deletedAt", { time: formatDateTime(idea.deletedAt, lab.timeZone) })}`}
                </span>
                <button
                  type="button"
                  class="button button--small button--primary"
                  data-testid="trash-restore"
                  onClick={() => void restore(idea.id)}
                >
                  {t("trash.restore")}
                </button>
              </li>
            ))}
          </ul>
          <div class="trash__actions">
            {asking ? (
              <Confirm
                danger
                question={tn("trash.emptyConfirm", data.ideas.length)}
                yes={t("trash.emptyAll")}
                onYes={empty}
                onNo={() => setAsking(false)}
              />
            ) : (
              <button type="button" class="button button--danger" data-testid="trash-empty" onClick={() => setAsking(true)}>
                {t("trash.emptyAll")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
