import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";

type Props<T extends string> = {
  /** Names the ids and test ids: `${name}-tab-${tab}` and `${name}-panel-${tab}`. */
  name: string;
  /** The tab list's name for screen readers. */
  label: string;
  tabs: readonly T[];
  /** The tab shown first. */
  initial: T;
  /** What a tab says (its label, maybe a count). */
  tabLabel: (tab: T) => ComponentChildren;
  /**
   * A tab's panel. Every panel is rendered (hidden unless current), so a panel that should
   * keep its state stays mounted; one that should not returns nothing while `!shown`.
   */
  panel: (tab: T, shown: boolean) => ComponentChildren;
};

/** Where an arrow key, Home or End moves from `i` of `n` tabs (they wrap round). */
function moveTo(key: string, i: number, n: number): number | null {
  if (key === "ArrowRight") return (i + 1) % n;
  if (key === "ArrowLeft") return (i + n - 1) % n;
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  return null;
}

/**
 * Tabs after the WAI-ARIA tabs pattern: a `tablist` of `tab` buttons, each `aria-controls`
 * its `tabpanel`; only the current tab is in the Tab order; the arrow keys, Home and End
 * move to a tab and show it. A key with Ctrl, Alt or Meta is left alone, so the app's
 * chords (Alt+1 to Alt+7 ...) still reach the window.
 */
export function Tabs<T extends string>({ name, label, tabs, initial, tabLabel, panel }: Props<T>) {
  const [current, setCurrent] = useState<T>(initial);
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const to = moveTo(e.key, tabs.indexOf(current), tabs.length);
    if (to === null) return;
    e.preventDefault();
    const next = tabs[to];
    setCurrent(next);
    refs.current[next]?.focus();
  };

  return (
    <>
      <div class="setup-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              refs.current[tab] = el;
            }}
            type="button"
            role="tab"
            id={`${name}-tab-${tab}`}
            class={tab === current ? "setup-tab is-current" : "setup-tab"}
            aria-selected={tab === current}
            aria-controls={`${name}-panel-${tab}`}
            tabIndex={tab === current ? 0 : -1}
            data-testid={`${name}-tab-${tab}`}
            onClick={() => setCurrent(tab)}
          >
            {tabLabel(tab)}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${name}-panel-${tab}`}
          class="setup-panel"
          aria-labelledby={`${name}-tab-${tab}`}
          hidden={tab !== current}
          data-testid={`${name}-panel-${tab}`}
        >
          {panel(tab, tab === current)}
        </div>
      ))}
    </>
  );
}
