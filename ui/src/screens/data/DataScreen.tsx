import { useEffect, useRef, useState } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { t, type MessageKey } from "../../i18n";
import { BackupsTab } from "./BackupsTab";
import { ExportPanel } from "./ExportPanel";
import { ImportTab } from "./ImportTab";
import { LogFolder } from "./LogFolder";
import "./data.css";

type Props = { lab: Lab; onReady: () => void };

/**
 * The tabs of the Data screen. Helper tabs for import & merge ("Impor & gabung") and
 * backups ("Cadangan") are added here: a name in `TABS`, its label in `TAB_LABELS`, and
 * its panel in the switch below.
 */
const TABS = ["export", "import", "backups"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, MessageKey> = {
  export: "data.tab.export",
  import: "data.tab.import",
  backups: "data.tab.backups",
};

/** "Data": the lab leaving the laptop (export) and, in further tabs, arriving from others. */
export function DataScreen({ lab, onReady }: Props) {
  const [tab, setTab] = useState<Tab>("export");
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  useEffect(onReady, []);

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length]
      : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length]
      : e.key === "Home" ? TABS[0]
      : e.key === "End" ? TABS[TABS.length - 1]
      : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <section class="setup data" aria-labelledby="data-title" data-testid="data">
      <div class="setup__head">
        <h1 id="data-title" class="setup__title">
          {t("data.title")}
        </h1>
        <p class="setup__intro">{t("data.intro", { lab: lab.name })}</p>
      </div>
      <div class="setup-tabs" role="tablist" aria-label={t("data.tabsLabel")} onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`data-tab-${name}`}
            class={name === tab ? "setup-tab is-current" : "setup-tab"}
            aria-selected={name === tab}
            aria-controls={`data-panel-${name}`}
            tabIndex={name === tab ? 0 : -1}
            data-testid={`data-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABELS[name])}
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        <div
          key={name}
          role="tabpanel"
          id={`data-panel-${name}`}
          class="setup-panel"
          aria-labelledby={`data-tab-${name}`}
          hidden={name !== tab}
          data-testid={`data-panel-${name}`}
        >
          {name === "export" && <ExportPanel lab={lab} />}
          {name === "import" && name === tab && <ImportTab lab={lab} />}
          {name === "backups" && name === tab && (
            <>
              <BackupsTab lab={lab} />
              <LogFolder />
            </>
          )}
        </div>
      ))}
    </section>
  );
}
