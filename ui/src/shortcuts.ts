// Keyboard shortcuts: the chords, how the UI writes them, and the app-wide listener.

import { useEffect, useRef } from "preact/hooks";

export type Shortcut = {
  /** As shown on screen (key names are the same in both languages). */
  label: string;
  /** For `aria-keyshortcuts`. */
  aria: string;
};

export const SHORTCUTS = {
  newIdea: { label: "Ctrl+N", aria: "Control+N" },
  capture: { label: "Alt+1", aria: "Alt+1" },
  board: { label: "Alt+2", aria: "Alt+2" },
  setup: { label: "Alt+3", aria: "Alt+3" },
  trash: { label: "Alt+4", aria: "Alt+4" },
  show: { label: "Alt+5", aria: "Alt+5" },
  review: { label: "Alt+6", aria: "Alt+6" },
  data: { label: "Alt+7", aria: "Alt+7" },
  followup: { label: "Alt+8", aria: "Alt+8" },
  projector: { label: "F5", aria: "F5" },
  save: { label: "Ctrl+Enter", aria: "Control+Enter" },
  cancel: { label: "Esc", aria: "Escape" },
} satisfies Record<string, Shortcut>;

/** Ctrl+Enter (Cmd+Enter on a Mac keyboard). */
export function isSaveChord(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key === "Enter";
}

export type GlobalActions = {
  newIdea: () => void;
  capture: () => void;
  board: () => void;
  setup: () => void;
  trash: () => void;
  show: () => void;
  review: () => void;
  data: () => void;
  followup: () => void;
  projector: () => void;
};

function actionFor(e: KeyboardEvent): keyof GlobalActions | null {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "n") return "newIdea";
  if (e.key === "F5" && !ctrl && !e.altKey && !e.shiftKey) return "projector";
  if (e.altKey && !ctrl && !e.shiftKey) {
    if (e.key === "1" || e.code === "Digit1") return "capture";
    if (e.key === "2" || e.code === "Digit2") return "board";
    if (e.key === "3" || e.code === "Digit3") return "setup";
    if (e.key === "4" || e.code === "Digit4") return "trash";
    if (e.key === "5" || e.code === "Digit5") return "show";
    if (e.key === "6" || e.code === "Digit6") return "review";
    if (e.key === "7" || e.code === "Digit7") return "data";
    if (e.key === "8" || e.code === "Digit8") return "followup";
  }
  return null;
}

/** Listens for the app-wide chords while `actions` is not null (that is, while a lab is open). */
export function useGlobalShortcuts(actions: GlobalActions | null): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const name = actionFor(e);
      const actions = latest.current;
      if (!name || !actions) return;
      e.preventDefault();
      actions[name]();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
