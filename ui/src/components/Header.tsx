import type { Lab } from "../bindings/Lab";
import { t } from "../i18n";
import { SHORTCUTS, type Shortcut } from "../shortcuts";
import { Kbd } from "./Kbd";
import { LangSwitch } from "./LangSwitch";

export type LabView = "capture" | "board" | "show" | "review" | "setup" | "trash" | "data" | "followup";

type LabNav = {
  lab: Lab;
  view: LabView;
  onView: (view: LabView) => void;
  onNewIdea: () => void;
  onSwitchLab: () => void;
};

/** App name and language always; with a lab open, also its name, the tabs and "Ganti lab". */
export function Header({ nav }: { nav: LabNav | null }) {
  return (
    <header class="header">
      <div class="brand">
        <span class="brand__name">{t("app.name")}</span>
        <span class="brand__lab" title={nav?.lab.name}>
          {nav ? nav.lab.name : t("app.tagline")}
        </span>
      </div>
      {nav && (
        <nav class="nav" aria-label={t("nav.label")}>
          <NavButton
            testid="nav-capture"
            current={nav.view === "capture"}
            shortcut={SHORTCUTS.capture}
            onClick={() => nav.onView("capture")}
          >
            {t("nav.capture")}
          </NavButton>
          <NavButton
            testid="nav-board"
            current={nav.view === "board"}
            shortcut={SHORTCUTS.board}
            onClick={() => nav.onView("board")}
          >
            {t("nav.board")}
          </NavButton>
          <NavButton
            testid="nav-show"
            current={nav.view === "show"}
            shortcut={SHORTCUTS.show}
            onClick={() => nav.onView("show")}
          >
            {t("nav.show")}
          </NavButton>
          <NavButton
            testid="nav-review"
            current={nav.view === "review"}
            shortcut={SHORTCUTS.review}
            onClick={() => nav.onView("review")}
          >
            {t("nav.review")}
          </NavButton>
          <NavButton
            testid="nav-setup"
            current={nav.view === "setup"}
            shortcut={SHORTCUTS.setup}
            onClick={() => nav.onView("setup")}
          >
            {t("nav.setup")}
          </NavButton>
          <NavButton
            testid="nav-trash"
            current={nav.view === "trash"}
            shortcut={SHORTCUTS.trash}
            onClick={() => nav.onView("trash")}
          >
            {t("nav.trash")}
          </NavButton>
          <NavButton
            testid="nav-data"
            current={nav.view === "data"}
            shortcut={SHORTCUTS.data}
            onClick={() => nav.onView("data")}
          >
            {t("nav.data")}
          </NavButton>
          <NavButton
            testid="nav-followup"
            current={nav.view === "followup"}
            shortcut={SHORTCUTS.followup}
            onClick={() => nav.onView("followup")}
          >
            {t("nav.followup")}
          </NavButton>
          <NavButton testid="nav-new-idea" current={false} shortcut={SHORTCUTS.newIdea} onClick={nav.onNewIdea}>
            {t("nav.newIdea")}
          </NavButton>
        </nav>
      )}
      <div class="header__tools">
        {nav && (
          <button type="button" class="button button--quiet" data-testid="switch-lab" onClick={nav.onSwitchLab}>
            {t("nav.switchLab")}
          </button>
        )}
        <LangSwitch />
      </div>
    </header>
  );
}

type NavButtonProps = {
  testid: string;
  current: boolean;
  shortcut: Shortcut;
  onClick: () => void;
  children: string;
};

function NavButton({ testid, current, shortcut, onClick, children }: NavButtonProps) {
  return (
    <button
      type="button"
      class={current ? "nav__tab is-current" : "nav__tab"}
      data-testid={testid}
      aria-current={current ? "page" : undefined}
      aria-keyshortcuts={shortcut.aria}
      title={t("nav.shortcut", { keys: shortcut.label })}
      onClick={onClick}
    >
      {children}
      <Kbd shortcut={shortcut} />
    </button>
  );
}
