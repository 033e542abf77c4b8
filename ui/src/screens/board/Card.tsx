import type { BoardCard } from "../../bindings/BoardCard";
import type { OptionItem } from "../../bindings/OptionItem";
import { optionLabel } from "../../components/Choice";
import { t } from "../../i18n";
import { snippetParts } from "./boardQuery";

type Props = {
  card: BoardCard | null;
  options: readonly OptionItem[];
  focused: boolean;
  movable: boolean;
  compact: boolean;
  onFocus: () => void;
  onOpen: () => void;
};

/** One idea on the board. A snippet from a search shows with its matches marked. */
export function Card({ card, options, focused, movable, compact, onFocus, onOpen }: Props) {
  if (!card) {
    return (
      <div class="bcard bcard--loading" aria-hidden="true">
        {t("board.loadingCard")}
      </div>
    );
  }
  const status = options.find((o) => o.list === "status" && o.code === card.status);
  return (
    <div
      class={compact ? "bcard bcard--compact" : "bcard"}
      data-testid="board-idea"
      data-idea-id={card.id}
      role="button"
      tabIndex={focused ? 0 : -1}
      draggable={movable}
      aria-roledescription={movable ? t("board.cardMoveHint") : undefined}
      onFocus={onFocus}
      onClick={onFocus}
      onDblClick={onOpen}
      onDragStart={(e) => {
        e.dataTransfer?.setData("text/x-labinov-idea", card.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
      }}
    >
      <p class="bcard__title">{card.title}</p>
      {!compact && (
        <p class="bcard__meta">
          <span class="bcard__agency">{card.agencyShortName}</span>
          {card.proposerName && <span> · {card.proposerName}</span>}
          {status && <span class={`bcard__status bcard__status--${card.status}`}>{optionLabel(status)}</span>}
        </p>
      )}
      {!compact && card.snippet && (
        <p class="bcard__snippet">
          {snippetParts(card.snippet).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
        </p>
      )}
    </div>
  );
}
