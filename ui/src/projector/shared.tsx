// Pieces every projector mode uses: the marker that a mode's data has loaded, loading that
// keeps the last answer while a re-read runs, and the count toward the target.

import { type ComponentChildren, createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { ShowMode } from "../bindings/ShowMode";
import { formatNumber, t } from "../i18n";

/** Tells the projector's root which mode has its data on screen. */
export const ReadyContext = createContext<(mode: ShowMode) => void>(() => undefined);

/**
 * A mode's screen, rendered only once its data has loaded: it carries `data-mode` (the
 * end-to-end tests wait on `[data-screen=projector] [data-mode=…]`) and tells the root.
 */
export function Ready({ mode, class: className, children }: { mode: ShowMode; class?: string; children: ComponentChildren }) {
  const report = useContext(ReadyContext);
  useEffect(() => report(mode), [mode]);
  return (
    <main class={`projector__stage projector__stage--${mode}${className ? ` ${className}` : ""}`} data-mode={mode}>
      {children}
    </main>
  );
}

/**
 * Runs `load()` whenever `deps` change (the projector bumps a version on every change
 * event); null until the first answer. A re-read keeps the last answer on screen, a late
 * answer never overwrites a newer one, and a failed re-read keeps what was shown.
 */
export function useData<T>(load: () => Promise<T>, deps: unknown[]): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (d) => {
        if (current) setData(d);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, deps);
  return data;
}

export function Count({ count, target, class: className = "projector__count" }: { count: number; target: number; class?: string }) {
  return (
    <p class={className} data-testid="projector-count">
      {t("projector.count", { count: formatNumber(count), target: formatNumber(target) })}
    </p>
  );
}

/** `text` cut at a word near `max` characters, with an ellipsis: a projector shows the gist. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}
