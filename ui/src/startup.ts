import { appInfo, openLab } from "./api";
import type { Lab } from "./bindings/Lab";

/**
 * The lab to reopen at launch: the one opened last, if it still opens. Any other failure
 * (the database cannot be read at all) is thrown, for the start screen to explain.
 * `onLabId` hears the lab's id as soon as it is known, before the lab is opened, so the
 * first screen's data can be asked for at the same time.
 */
export async function lastLab(onLabId?: (labId: string) => void): Promise<Lab | null> {
  const info = await appInfo();
  if (!info.lastLabId) return null;
  onLabId?.(info.lastLabId);
  try {
    return await openLab(info.lastLabId);
  } catch {
    // Gone or unreadable: the list of labs shows what there is, or explains the failure.
    return null;
  }
}

let launching: Promise<Lab | null> | null = null;

/**
 * Starts the launch before the first render (`main.tsx`), rather than in an effect after
 * the first frame: a cold start is a chain of round trips, and each effect waits a frame.
 */
export function beginLaunch(onLabId?: (labId: string) => void): void {
  launching = lastLab(onLabId);
  // Whoever takes it handles a failure; until then it must not count as unhandled.
  launching.catch(() => undefined);
}

/** The launch `beginLaunch` started, once; `null` when there is none (tests, a retry). */
export function takeLaunch(): Promise<Lab | null> | null {
  const started = launching;
  launching = null;
  return started;
}

const preloads = new Map<string, Promise<unknown>>();

/** Starts `load` now for a screen that will ask for `key` in a moment (see `preloaded`). */
export function preload(key: string, load: () => Promise<unknown>): void {
  const started = load();
  started.catch(() => undefined);
  preloads.set(key, started);
}

/**
 * The answer `preload` started for `key`, once; otherwise `load()` afresh. Only the first
 * load of a screen at start-up takes it: every reload after a change reads anew.
 */
export function preloaded<T>(key: string, load: () => Promise<T>): Promise<T> {
  const started = preloads.get(key) as Promise<T> | undefined;
  preloads.delete(key);
  return started ?? load();
}
