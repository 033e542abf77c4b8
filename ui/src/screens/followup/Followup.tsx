import { useEffect, useRef, useState } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { Tabs } from "../../components/Tabs";
import { t, type MessageKey } from "../../i18n";
import { BoardView } from "./BoardView";
import { IidConfigEditor } from "./IidConfigEditor";
import { PlanEditor } from "./PlanEditor";
import { Workbooks } from "./Workbooks";
import "./followup.css";

const TABS = ["board", "workbooks", "iid"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, MessageKey> = {
  board: "fu.tab.board",
  workbooks: "fu.tab.workbooks",
  iid: "fu.tab.iid",
};

/** Asks the screen to open one idea's plan; `n` makes a repeated request count. */
export type PlanRequest = { ideaId: string; n: number };

type Props = {
  lab: Lab;
  /** An idea to open straight away (from the idea's details in the capture screen). */
  request: PlanRequest | null;
  onReady: () => void;
};

/**
 * "Tindak lanjut": the months after the lab. Tabs for the follow-up board, the
 * agencies' workbooks and the lab's IID settings; an idea opened from the board (or from the idea itself) shows its
 * plan editor in their place, and Esc or "back" returns to the board as it was.
 */
export function Followup({ lab, request, onReady }: Props) {
  const [ideaId, setIdeaId] = useState<string | null>(request?.ideaId ?? null);
  const ready = useRef(false);
  // The IID settings stay mounted once opened: a tab switch keeps what was typed.
  const iidOpened = useRef(false);
  const readyOnce = () => {
    if (!ready.current) {
      ready.current = true;
      onReady();
    }
  };
  useEffect(() => {
    if (request) setIdeaId(request.ideaId);
  }, [request?.n]);

  return (
    <section class="setup followup" aria-labelledby="fu-title" data-testid="followup">
      <div class="setup__head">
        <h1 id="fu-title" class="setup__title">
          {t("fu.title")}
        </h1>
        {ideaId === null && <p class="setup__intro">{t("fu.intro")}</p>}
      </div>
      {ideaId && <PlanEditor key={ideaId} lab={lab} ideaId={ideaId} onBack={() => setIdeaId(null)} onReady={readyOnce} />}
      <div hidden={ideaId !== null}>
        <Tabs
          name="fu"
          label={t("fu.tabsLabel")}
          tabs={TABS}
          initial="board"
          tabLabel={(tab) => t(TAB_LABELS[tab])}
          panel={(tab, shown) => (
            <>
              {tab === "board" && <BoardView lab={lab} onOpen={setIdeaId} onLoaded={readyOnce} />}
              {tab === "workbooks" && shown && <Workbooks lab={lab} />}
              {tab === "iid" && (iidOpened.current ||= shown) && <IidConfigEditor lab={lab} />}
            </>
          )}
        />
      </div>
    </section>
  );
}
