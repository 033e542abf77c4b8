import { getCurrentWindow } from "@tauri-apps/api/window";
import { useEffect, useRef, useState } from "preact/hooks";
import { appInfo, getLab, onChanged, showState } from "../api";
import type { Lab } from "../bindings/Lab";
import type { ShowMode } from "../bindings/ShowMode";
import type { ShowState } from "../bindings/ShowState";
import { t, useLocale } from "../i18n";
import { AgendaView } from "./AgendaView";
import { PlanView } from "./PlanView";
import { ProgressView } from "./ProgressView";
import { Results } from "./Results";
import { Spotlight } from "./Spotlight";
import { ROOM_WALL_SIZE, WALL_SIZE, Wall } from "./Wall";
import { RoomCorner } from "./RoomCorner";
import { ReadyContext } from "./shared";

/**
 * The projector window: what the room sees, in large type and high contrast. It shows the
 * lab open in the main window, in the mode the facilitator picks there, and re-reads what
 * it shows on every change event (no polling). It has no controls but full screen, and
 * calls no command that writes: its capability would refuse them anyway.
 */
export function ProjectorApp() {
  useLocale();
  const [lab, setLab] = useState<Lab | null>(null);
  const [show, setShow] = useState<ShowState | null>(null);
  const [noLab, setNoLab] = useState(false);
  // Bumped on every change event for the lab: each mode re-reads its data when it changes.
  const [version, setVersion] = useState(0);
  const [ready, setReady] = useState<ShowMode | null>(null);
  const labRef = useRef<Lab | null>(null);
  labRef.current = lab;
  const following = useRef(0);
  const showRead = useRef(0);

  const readShow = (labId: string) => {
    const mine = ++showRead.current;
    showState(labId).then(
      (s) => {
        if (mine === showRead.current && labRef.current?.id === labId) setShow(s);
      },
      () => undefined,
    );
  };

  /**
   * Follows the lab the main window opened last (`lastLabId`); `refresh` re-reads it even
   * when it is the one shown (its name or target changed).
   */
  const follow = (refresh: boolean) => {
    appInfo()
      .then(async (info) => {
        const id = info.lastLabId;
        if (id && id === labRef.current?.id && !refresh) return;
        const mine = ++following.current;
        if (!id) {
          setLab(null);
          setShow(null);
          setNoLab(true);
          return;
        }
        const [l, s] = await Promise.all([getLab(id), showState(id)]);
        if (mine !== following.current) return;
        showRead.current++;
        if (l.id !== labRef.current?.id) setReady(null);
        setLab(l);
        setShow(s);
        setNoLab(false);
        setVersion((v) => v + 1);
      })
      .catch(() => {
        if (!labRef.current) setNoLab(true);
      });
  };

  useEffect(() => follow(false), []);

  // Every window's writes arrive as change events. One for the lab shown re-reads the show
  // state and what the mode shows; one for another lab may mean the main window switched.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let active = true;
    onChanged((e) => {
      const current = labRef.current;
      if (!current || e.labId !== current.id) {
        follow(false);
        return;
      }
      if (e.entity === "lab") {
        follow(true);
        return;
      }
      readShow(current.id);
      setVersion((v) => v + 1);
    }).then(
      (unlisten) => {
        if (active) stop = unlisten;
        else unlisten();
      },
      () => undefined,
    );
    // Opening a lab in the main window writes no change; the projector looks again when it
    // is brought to the front.
    const onFocus = () => follow(false);
    window.addEventListener("focus", onFocus);
    return () => {
      active = false;
      stop?.();
      window.removeEventListener("focus", onFocus);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === "F11" || e.key === "f" || e.key === "F") {
        e.preventDefault();
        void fullScreen(null);
      } else if (e.key === "Escape") {
        e.preventDefault();
        void fullScreen(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const [roomOpen, setRoomOpen] = useState(false);
  const theme = show?.theme === "light" ? "light" : "dark";
  const mode = show && ready === show.mode ? show.mode : undefined;
  return (
    <div
      class={`projector projector--${theme}${roomOpen ? " projector--room" : ""}`}
      data-screen="projector"
      data-theme={theme}
      data-mode={mode}
    >
      {noLab && <p class="projector__empty">{t("projector.noLab")}</p>}
      {lab && show && (
        <ReadyContext.Provider value={setReady}>
          <Mode key={lab.id} lab={lab} show={show} version={version} roomOpen={roomOpen} />
        </ReadyContext.Provider>
      )}
      {lab && <RoomCorner labId={lab.id} version={version} onOpen={setRoomOpen} />}
    </div>
  );
}

/** Switches full screen on (`true`), off (`false`) or over (`null`). */
async function fullScreen(to: boolean | null): Promise<void> {
  try {
    const w = getCurrentWindow();
    await w.setFullscreen(to ?? !(await w.isFullscreen()));
  } catch {
    // Outside Tauri there is no window to change; the view itself is the same.
  }
}

function Mode({ lab, show, version, roomOpen }: { lab: Lab; show: ShowState; version: number; roomOpen: boolean }) {
  switch (show.mode) {
    case "wall":
      // While the room is open its corner takes the bottom band: a row of cards fewer.
      return <Wall lab={lab} version={version} size={roomOpen ? ROOM_WALL_SIZE : WALL_SIZE} />;
    case "spotlight":
      return <Spotlight lab={lab} ideaId={show.spotlightIdeaId} version={version} />;
    case "progress":
      return <ProgressView lab={lab} version={version} />;
    case "agenda":
      return <AgendaView lab={lab} version={version} />;
    case "results":
      return <Results lab={lab} released={show.resultsReleased} version={version} />;
    case "plan":
      return <PlanView lab={lab} ideaId={show.spotlightIdeaId} version={version} />;
  }
}
