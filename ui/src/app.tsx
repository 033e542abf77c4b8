import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { ApiError, openLab, openProjector } from "./api";
import type { Lab } from "./bindings/Lab";
import { ErrorBanner } from "./components/ErrorBanner";
import { Header, type LabView } from "./components/Header";
import { Loading } from "./components/Loading";
import { useLocale } from "./i18n";
import { mark } from "./perf";
import { Archive } from "./screens/archive/Archive";
import { Board } from "./screens/board/Board";
import { Capture } from "./screens/capture/Capture";
import { DataScreen } from "./screens/data/DataScreen";
import { Followup, type PlanRequest } from "./screens/followup/Followup";
import { ReviewScreen } from "./screens/review/Review";
import { Setup } from "./screens/setup/Setup";
import { Show } from "./screens/show/Show";
import { Start } from "./screens/start/Start";
import { Trash } from "./screens/trash/Trash";
import { useGlobalShortcuts } from "./shortcuts";
import { lastLab, takeLaunch } from "./startup";

/** The value of the root's `data-screen`, set once the screen's data has loaded. */
export type Screen = "welcome" | "labs" | "archive" | LabView;

/** Asks the capture form to open an idea; `n` makes a repeated request for the same idea count. */
export type EditRequest = { ideaId: string; n: number };

type Route =
  | { name: "launching" }
  | { name: "start" }
  | { name: "archive" }
  | { name: "lab"; lab: Lab; view: LabView };

let firstScreenMarked = false;

export function App() {
  useLocale();
  const [route, setRoute] = useState<Route>({ name: "launching" });
  const [ready, setReady] = useState<Screen | null>(null);
  const [launchError, setLaunchError] = useState<ApiError | null>(null);
  /** Counts Ctrl+N presses, so the capture screen starts a fresh idea on each. */
  const [newIdeaRequest, setNewIdeaRequest] = useState(0);
  /** An idea another screen asked the capture form to open. */
  const [editRequest, setEditRequest] = useState<EditRequest | null>(null);
  /** An idea whose follow-up plan another screen asked to open. */
  const [planRequest, setPlanRequest] = useState<PlanRequest | null>(null);

  const go = (next: Route) => {
    setReady(null);
    setRoute(next);
  };

  const launch = () => {
    setLaunchError(null);
    (takeLaunch() ?? lastLab()).then(
      (lab) => go(lab ? { name: "lab", lab, view: "capture" } : { name: "start" }),
      (reason: unknown) => setLaunchError(ApiError.from(reason)),
    );
  };
  useEffect(launch, []);

  // The first screen with its data, painted: the end of a cold start (`make bench` reads it).
  // A layout effect: it runs as the screen is committed, not a frame later.
  useLayoutEffect(() => {
    if (ready === null || firstScreenMarked) return;
    firstScreenMarked = true;
    requestAnimationFrame(() => mark("labinov:first-screen"));
  }, [ready]);

  const lab = route.name === "lab" ? route : null;
  const showView = (view: LabView) => {
    if (lab && lab.view !== view) go({ ...lab, view });
  };
  const newIdea = () => {
    showView("capture");
    setNewIdeaRequest((n) => n + 1);
  };
  const openIdea = (ideaId: string) => {
    setEditRequest((r) => ({ ideaId, n: (r?.n ?? 0) + 1 }));
    showView("capture");
  };
  const openPlan = (ideaId: string) => {
    setPlanRequest((r) => ({ ideaId, n: (r?.n ?? 0) + 1 }));
    showView("followup");
  };
  /** Opens an idea of any lab (from the archive): its lab, then the idea in the capture form. */
  const openIdeaOfLab = (labId: string, ideaId: string) =>
    openLab(labId).then(
      (opened) => {
        setEditRequest((r) => ({ ideaId, n: (r?.n ?? 0) + 1 }));
        go({ name: "lab", lab: opened, view: "capture" });
      },
      (reason: unknown) => setLaunchError(ApiError.from(reason)),
    );

  useGlobalShortcuts(
    lab
      ? {
          newIdea,
          capture: () => showView("capture"),
          board: () => showView("board"),
          setup: () => showView("setup"),
          trash: () => showView("trash"),
          show: () => showView("show"),
          review: () => showView("review"),
          data: () => showView("data"),
          followup: () => showView("followup"),
          projector: () => void openProjector().catch(() => undefined),
        }
      : null,
  );

  return (
    <div class="app" data-screen={ready ?? undefined}>
      <Header
        nav={
          lab && {
            lab: lab.lab,
            view: lab.view,
            onView: showView,
            onNewIdea: newIdea,
            onSwitchLab: () => go({ name: "start" }),
          }
        }
      />
      <main class="main">
        {route.name === "launching" &&
          (launchError ? <ErrorBanner error={launchError} onRetry={launch} /> : <Loading />)}
        {route.name === "start" && (
          <Start
            onOpen={(opened) => go({ name: "lab", lab: opened, view: "capture" })}
            onArchive={() => go({ name: "archive" })}
            onReady={setReady}
          />
        )}
        {route.name === "archive" && (
          <>
            {launchError && <ErrorBanner error={launchError} />}
            <Archive
              onBack={() => go({ name: "start" })}
              onOpenIdea={(labId, ideaId) => void openIdeaOfLab(labId, ideaId)}
              onReady={() => setReady("archive")}
            />
          </>
        )}
        {lab && (
          <LabScreens
            key={lab.lab.id}
            lab={lab.lab}
            view={lab.view}
            newIdeaRequest={newIdeaRequest}
            editRequest={editRequest}
            planRequest={planRequest}
            onOpenIdea={openIdea}
            onOpenPlan={openPlan}
            onReady={setReady}
            onLabChanged={(updated) => setRoute((r) => (r.name === "lab" ? { ...r, lab: updated } : r))}
          />
        )}
      </main>
    </div>
  );
}

type LabScreensProps = {
  lab: Lab;
  view: LabView;
  newIdeaRequest: number;
  editRequest: EditRequest | null;
  planRequest: PlanRequest | null;
  onOpenIdea: (ideaId: string) => void;
  onOpenPlan: (ideaId: string) => void;
  onReady: (screen: Screen) => void;
  onLabChanged: (lab: Lab) => void;
};

/** The capture screen stays mounted behind the board, so a half-typed idea survives. */
function LabScreens({ lab, view, newIdeaRequest, editRequest, planRequest, onOpenIdea, onOpenPlan, onReady, onLabChanged }: LabScreensProps) {
  return (
    <>
      <Capture
        lab={lab}
        active={view === "capture"}
        newIdeaRequest={newIdeaRequest}
        editRequest={editRequest}
        onReady={() => onReady("capture")}
        onOpenPlan={onOpenPlan}
      />
      {view === "board" && <Board lab={lab} onReady={() => onReady("board")} onOpenIdea={onOpenIdea} />}
      {view === "show" && <Show lab={lab} onReady={() => onReady("show")} onOpenIdea={onOpenIdea} />}
      {view === "review" && <ReviewScreen lab={lab} onReady={() => onReady("review")} />}
      {view === "setup" && <Setup lab={lab} onReady={() => onReady("setup")} onLabChanged={onLabChanged} />}
      {view === "trash" && <Trash lab={lab} onReady={() => onReady("trash")} />}
      {view === "data" && <DataScreen lab={lab} onReady={() => onReady("data")} />}
      {view === "followup" && <Followup lab={lab} request={planRequest} onReady={() => onReady("followup")} />}
    </>
  );
}
