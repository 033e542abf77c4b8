import { useEffect } from "preact/hooks";
import { getAgenda, importIdeas, listAgencies, listOptions, listPeople } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { AgendaSession } from "../../bindings/AgendaSession";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import type { Person } from "../../bindings/Person";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { Tabs } from "../../components/Tabs";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { type MessageKey, t, useLocale } from "../../i18n";
import { NewLabForm } from "../start/NewLabForm";
import { AgendaSection } from "./AgendaSection";
import { AttendanceSection } from "./AttendanceSection";
import { AgenciesSection } from "./AgenciesSection";
import { ImportPanel } from "./ImportPanel";
import { OptionsSection } from "./OptionsSection";
import { PeopleSection } from "./PeopleSection";
import { ReportSettingsSection } from "./ReportSettingsSection";
import { IDEA_LABELS, importHeaders } from "./problems";

type Props = {
  lab: Lab;
  onReady: () => void;
  /** Called with the lab after its details were saved. */
  onLabChanged?: (lab: Lab) => void;
};

export type SetupData = {
  agencies: Agency[];
  options: OptionItem[];
  agenda: AgendaSession[];
  people: Person[];
};

const TABS = ["lab", "agencies", "ideas", "agenda", "people", "options", "attendance", "report"] as const;
type Tab = (typeof TABS)[number];

const TAB_LABELS: Record<Tab, MessageKey> = {
  lab: "setup.tab.lab",
  agencies: "setup.tab.agencies",
  ideas: "setup.tab.ideas",
  agenda: "setup.tab.agenda",
  people: "setup.tab.people",
  options: "setup.tab.options",
  attendance: "setup.tab.attendance",
  report: "setup.tab.report",
};

async function loadAll(labId: string): Promise<SetupData> {
  const [agencies, options, agenda, people] = await Promise.all([
    listAgencies(labId),
    listOptions(labId),
    getAgenda(labId),
    listPeople(labId),
  ]);
  return { agencies, options, agenda, people };
}

/**
 * "Persiapan lab": the lab's agencies (typed or imported), ideas imported from a file,
 * the agenda, the people, and the option lists the idea form offers. Every section stays
 * mounted when another tab is shown, so a checked import or a half-typed form survives.
 */
export function Setup({ lab, onReady, onLabChanged }: Props) {
  // Re-render on a language switch even when nothing above does (option labels follow it).
  useLocale();
  const { data, error, reload } = useLoad(() => loadAll(lab.id), lab.id);
  // A tick of attendance or a report setting changes nothing these sections show.
  useChanged(lab.id, (event) => {
    if (event.entity !== "attendance" && event.entity !== "report_setting") reload();
  });
  const loaded = data !== null;

  useEffect(() => {
    if (loaded) onReady();
  }, [loaded]);

  if (!data) return error ? <ErrorBanner error={error} onRetry={reload} /> : <Loading />;

  return (
    <section class="setup" aria-labelledby="setup-title" data-testid="setup">
      <div class="setup__head">
        <h1 id="setup-title" class="setup__title">
          {t("setup.title")}
        </h1>
        <p class="setup__intro">{t("setup.intro", { lab: lab.name })}</p>
      </div>
      {error && <ErrorBanner error={error} onRetry={reload} />}

      <Tabs
        name="setup"
        label={t("setup.tabsLabel")}
        tabs={TABS}
        initial="agencies"
        tabLabel={(name) => (
          <>
            {t(TAB_LABELS[name])}
            {name === "agencies" && <span class="setup-tab__count">{data.agencies.length}</span>}
            {name === "agenda" && <span class="setup-tab__count">{data.agenda.length}</span>}
            {name === "people" && <span class="setup-tab__count">{data.people.length}</span>}
          </>
        )}
        panel={(name) => (
          <>
            {name === "lab" && <NewLabForm key={lab.id} lab={lab} onOpen={(saved) => onLabChanged?.(saved)} />}
            {name === "agencies" && <AgenciesSection lab={lab} agencies={data.agencies} reload={reload} />}
            {name === "ideas" && (
              <ImportPanel
                kind="ideas"
                title={t("setup.ideas.title")}
                intro={t("setup.ideas.intro")}
                columns={t("setup.ideas.columns", { others: importHeaders() })}
                labels={IDEA_LABELS}
                run={(fileName, bytes, mode) => importIdeas(lab.id, fileName, bytes, mode)}
                onApplied={reload}
              />
            )}
            {name === "agenda" && (
              <AgendaSection lab={lab} agenda={data.agenda} options={data.options} reload={reload} />
            )}
            {name === "people" && <PeopleSection lab={lab} people={data.people} agencies={data.agencies} reload={reload} />}
            {name === "options" && <OptionsSection lab={lab} options={data.options} reload={reload} />}
            {name === "attendance" && (
              <AttendanceSection lab={lab} agenda={data.agenda} people={data.people} agencies={data.agencies} />
            )}
            {name === "report" && <ReportSettingsSection lab={lab} />}
          </>
        )}
      />
    </section>
  );
}
