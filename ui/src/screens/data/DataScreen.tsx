import { useEffect } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { Tabs } from "../../components/Tabs";
import { t, type MessageKey } from "../../i18n";
import { BackupsTab } from "./BackupsTab";
import { ExportPanel } from "./ExportPanel";
import { GalleryTab } from "./GalleryTab";
import { ImportTab } from "./ImportTab";
import { LogFolder } from "./LogFolder";
import "./data.css";

type Props = { lab: Lab; onReady: () => void };

/**
 * The tabs of the Data screen. Helper tabs for import & merge ("Impor & gabung") and
 * backups ("Cadangan") are added here: a name in `TABS`, its label in `TAB_LABELS`, and
 * its panel in `panel` below.
 */
const TABS = ["export", "import", "backups", "gallery"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, MessageKey> = {
  export: "data.tab.export",
  import: "data.tab.import",
  backups: "data.tab.backups",
  gallery: "data.tab.gallery",
};

/** "Data": the lab leaving the laptop (export) and, in further tabs, arriving from others. */
export function DataScreen({ lab, onReady }: Props) {
  useEffect(onReady, []);

  return (
    <section class="setup data" aria-labelledby="data-title" data-testid="data">
      <div class="setup__head">
        <h1 id="data-title" class="setup__title">
          {t("data.title")}
        </h1>
        <p class="setup__intro">{t("data.intro", { lab: lab.name })}</p>
      </div>
      <Tabs
        name="data"
        label={t("data.tabsLabel")}
        tabs={TABS}
        initial="export"
        tabLabel={(name) => t(TAB_LABELS[name])}
        panel={(name, shown) => (
          <>
            {name === "export" && <ExportPanel job={{ kind: "lab", lab }} />}
            {name === "import" && shown && <ImportTab lab={lab} />}
            {name === "gallery" && shown && <GalleryTab lab={lab} />}
            {name === "backups" && shown && (
              <>
                <BackupsTab lab={lab} />
                <LogFolder />
              </>
            )}
          </>
        )}
      />
    </section>
  );
}
