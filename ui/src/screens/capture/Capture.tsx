import { useEffect, useRef } from "preact/hooks";
import { listAgencies, listIdeas } from "../../api";
import type { Idea } from "../../bindings/Idea";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { useDraft } from "./draft";
import { IdeaForm } from "./IdeaForm";
import { LatestIdeas } from "./LatestIdeas";

type Props = {
  lab: Lab;
  /** False while another screen shows: the form stays mounted so a draft survives. */
  active: boolean;
  /** Changes whenever a fresh new idea is asked for (Ctrl+N). */
  newIdeaRequest: number;
  onReady: () => void;
};

async function loadCapture(labId: string) {
  const [agencies, ideas] = await Promise.all([listAgencies(labId), listIdeas(labId)]);
  return { agencies, ideas };
}

/** "Catat ide": the idea form on the left, the latest ideas on the right. */
export function Capture({ lab, active, newIdeaRequest, onReady }: Props) {
  const { data, error, reload, mutate } = useLoad(() => loadCapture(lab.id), lab.id);
  useChanged(lab.id, reload);
  const draft = useDraft();
  const pickerRef = useRef<HTMLInputElement>(null);
  const loaded = data !== null;

  // Ctrl+N: a fresh form (on mount this clears an already empty one, which is harmless).
  useEffect(() => draft.clear(), [newIdeaRequest]);

  useEffect(() => {
    if (active && loaded) onReady();
  }, [active, loaded]);

  // Every fresh start of the form, and every return to this screen, begins at the agency.
  useEffect(() => {
    if (active && loaded) pickerRef.current?.focus();
  }, [active, loaded, draft.generation]);

  const showSaved = (idea: Idea) =>
    mutate((d) => ({
      ...d,
      ideas: d.ideas.some((i) => i.id === idea.id)
        ? d.ideas.map((i) => (i.id === idea.id ? idea : i))
        : [idea, ...d.ideas],
    }));

  return (
    <div class="capture" hidden={!active}>
      {error && <ErrorBanner error={error} onRetry={reload} />}
      {data ? (
        <div class="capture__grid">
          <IdeaForm lab={lab} agencies={data.agencies} draft={draft} pickerRef={pickerRef} onSaved={showSaved} />
          <LatestIdeas
            ideas={data.ideas}
            agencies={data.agencies}
            timeZone={lab.timeZone}
            editingId={draft.editing?.id ?? null}
            onPick={draft.edit}
          />
        </div>
      ) : (
        !error && <Loading />
      )}
    </div>
  );
}
