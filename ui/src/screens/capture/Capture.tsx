import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  appInfo,
  deleteIdea,
  getAgenda,
  getIdea,
  latestIdeas,
  listAgencies,
  listOptions,
  mergeIdeas,
  restoreIdea,
} from "../../api";
import type { EditRequest } from "../../app";
import type { Draft } from "../../bindings/Draft";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import type { SimilarIdea } from "../../bindings/SimilarIdea";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { useEvent } from "../../hooks/useEvent";
import { useLoad } from "../../hooks/useLoad";
import { t } from "../../i18n";
import { labDayAt, sessionAt } from "../../labClock";
import { preloaded } from "../../startup";
import { useDraftForm } from "./draft";
import { Drafts } from "./Drafts";
import { IdeaDetails } from "./IdeaDetails";
import { IdeaForm } from "./IdeaForm";
import { LATEST_SHOWN, LatestIdeas } from "./LatestIdeas";

type Props = {
  lab: Lab;
  /** False while another screen shows: the form stays mounted so a draft survives. */
  active: boolean;
  /** Changes whenever a fresh new idea is asked for (Ctrl+N). */
  newIdeaRequest: number;
  /** An idea another screen (the board, the presentation) asked to open. */
  editRequest?: EditRequest | null;
  onReady: () => void;
  /** Opens the edited idea's follow-up plan ("Tindak lanjut"). */
  onOpenPlan?: (ideaId: string) => void;
};

/**
 * What the screen needs; read again after every change anywhere, so it asks for the
 * newest ideas only, not the whole lab.
 */
export async function loadCapture(labId: string) {
  const [agencies, latest, options, info, agenda] = await Promise.all([
    listAgencies(labId),
    latestIdeas(labId, LATEST_SHOWN),
    listOptions(labId),
    appInfo(),
    getAgenda(labId),
  ]);
  return { agencies, latest, options, installationId: info.installationId, agenda };
}

/** The key `main.tsx` preloads the capture screen's first data under (`startup.preload`). */
export const captureKey = (labId: string) => `capture:${labId}`;

/** A short message with an optional undo, shown above the latest ideas. */
type Toast = { text: string; undo?: () => void };

/** "Catat ide": the idea form on the left; drafts, the edited idea and the latest ideas on the right. */
export function Capture({ lab, active, newIdeaRequest, editRequest, onReady, onOpenPlan }: Props) {
  const { data, error, reload, mutate } = useLoad(() => preloaded(captureKey(lab.id), () => loadCapture(lab.id)), lab.id);
  const [version, setVersion] = useState(0);
  const [toast, setToast] = useState<Toast | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  useChanged(lab.id, () => {
    reload();
    setVersion((v) => v + 1);
  });
  // A new idea starts on today's lab day and the 5D stage of the session running now.
  const draft = useDraftForm(lab.id, () => {
    const now = new Date();
    const labDay = labDayAt(lab, now);
    const stage = data ? (sessionAt(lab, data.agenda, now)?.stage ?? "") : "";
    return { ...(labDay !== null && { labDay }), ...(stage && { stage }) };
  });
  const pickerRef = useRef<HTMLInputElement>(null);
  const loaded = data !== null;

  // Ctrl+N: a fresh form; whatever was typed stays as a draft (nothing on the first run).
  // A layout effect: the form is fresh before the browser handles the next key, so what is
  // typed right after Ctrl+N lands in the new form instead of being reset away.
  const firstRequest = useRef(newIdeaRequest);
  useLayoutEffect(() => {
    if (newIdeaRequest !== firstRequest.current) draft.setAside();
  }, [newIdeaRequest]);

  // A layout effect: ready as soon as the data is on the screen, not a frame later.
  useLayoutEffect(() => {
    if (active && loaded) onReady();
  }, [active, loaded]);

  useEffect(() => {
    if (editRequest && loaded) openIdea(editRequest.ideaId);
  }, [editRequest?.n, loaded]);

  // Every fresh start of the form, and every return to this screen, begins at the agency.
  useEffect(() => {
    if (active && loaded) pickerRef.current?.focus();
  }, [active, loaded, draft.generation]);

  const fail = (reason: unknown) => setActionError(ApiError.from(reason));

  // Saved, restored or gone: the list shows it at once; the reload after the write's
  // change event brings the rest (an older idea edited, the count after a restore).
  const showSaved = (idea: Idea) =>
    mutate((d) => {
      const { ideas, total } = d.latest;
      if (ideas.some((i) => i.id === idea.id)) return { ...d, latest: { total, ideas: ideas.map((i) => (i.id === idea.id ? idea : i)) } };
      if (ideas.length && idea.createdAt < ideas[0].createdAt) return d;
      return { ...d, latest: { total: total + 1, ideas: [idea, ...ideas].slice(0, LATEST_SHOWN) } };
    });
  const showGone = (ideaId: string) =>
    mutate((d) => ({ ...d, latest: { total: Math.max(0, d.latest.total - 1), ideas: d.latest.ideas.filter((i) => i.id !== ideaId) } }));

  const openIdea = (ideaId: string) => {
    const known = data?.latest.ideas.find((i) => i.id === ideaId);
    if (known) draft.edit(known);
    else getIdea(ideaId).then(draft.edit, fail);
  };

  const resume = async (d: Draft) => {
    let idea: Idea | null = null;
    if (d.ideaId) {
      try {
        idea = await getIdea(d.ideaId);
      } catch {
        setToast({ text: t("draft.ideaGone") });
      }
    }
    draft.resume(d, idea);
  };

  const remove = async () => {
    const idea = draft.editing;
    if (!idea) return;
    try {
      await deleteIdea(idea.id);
      const editDraft = draft.draftId;
      draft.leaveEdit();
      await draft.discard(editDraft);
      showGone(idea.id);
      setToast({
        text: t("details.deletedToast", { title: idea.title }),
        undo: () =>
          restoreIdea(idea.id).then((restored) => {
            showSaved(restored);
            setToast({ text: t("details.restoredToast", { title: restored.title }) });
          }, fail),
      });
    } catch (reason) {
      fail(reason);
    }
  };

  const mergeHere = (similar: SimilarIdea) => {
    const into = draft.editing;
    if (!into) return;
    mergeIdeas(into.id, similar.ideaId).then(() => {
      showGone(similar.ideaId);
      setVersion((v) => v + 1);
      setToast({ text: t("details.mergedToast", { from: similar.title }) });
    }, fail);
  };

  // The lists beside the form are memoised; stable callbacks keep typing from redrawing them.
  const onResume = useEvent((d: Draft) => void resume(d));
  const onDiscard = useEvent((id: string) => void draft.discard(id).catch(fail));
  const onDelete = useEvent(() => void remove());
  const onUnmerged = useEvent((idea: Idea) => {
    showSaved(idea);
    setVersion((v) => v + 1);
    setToast({ text: t("details.unmergedToast", { title: idea.title }) });
  });
  const onPick = useEvent((idea: Idea) => draft.edit(idea));

  return (
    <div class="capture" hidden={!active}>
      <h1 class="visually-hidden">{t("nav.capture")}</h1>
      {error && <ErrorBanner error={error} onRetry={reload} />}
      {data ? (
        <div class="capture__grid">
          <IdeaForm
            lab={lab}
            agencies={data.agencies}
            options={data.options}
            draft={draft}
            pickerRef={pickerRef}
            onSaved={showSaved}
            onOpenIdea={openIdea}
            onMergeHere={mergeHere}
          />
          <div class="capture__side">
            {toast && (
              <div class="toast" role="status" data-testid="toast">
                <span>{toast.text}</span>
                {toast.undo && (
                  <button
                    type="button"
                    class="button button--small button--secondary"
                    data-testid="toast-undo"
                    onClick={() => {
                      const undo = toast.undo;
                      setToast(null);
                      undo?.();
                    }}
                  >
                    {t("details.undo")}
                  </button>
                )}
              </div>
            )}
            {actionError && <ErrorBanner error={actionError} />}
            <Drafts
              labId={lab.id}
              timeZone={lab.timeZone}
              agencies={data.agencies}
              currentId={draft.draftId}
              version={draft.draftsVersion}
              onResume={onResume}
              onDiscard={onDiscard}
            />
            {draft.editing && (
              <IdeaDetails
                idea={draft.editing}
                timeZone={lab.timeZone}
                installationId={data.installationId}
                version={version}
                onDelete={onDelete}
                onUnmerged={onUnmerged}
                onOpenPlan={onOpenPlan}
              />
            )}
            <LatestIdeas
              ideas={data.latest.ideas}
              total={data.latest.total}
              agencies={data.agencies}
              timeZone={lab.timeZone}
              editingId={draft.editing?.id ?? null}
              onPick={onPick}
            />
          </div>
        </div>
      ) : (
        !error && <Loading />
      )}
    </div>
  );
}
