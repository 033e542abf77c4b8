import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";

type Props = {
  question: string;
  onYes: () => void;
  onNo: () => void;
  yes?: string;
  /** A destructive action gets the warning colour. */
  danger?: boolean;
};

/**
 * An inline question before something that cannot be taken back easily. "Batal" takes the
 * focus, so a stray Enter does nothing harmful; Esc also cancels.
 */
export function Confirm({ question, onYes, onNo, yes, danger }: Props) {
  const noRef = useRef<HTMLButtonElement>(null);
  useEffect(() => noRef.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-label={question}
      data-testid="confirm"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onNo();
        }
      }}
    >
      <p class="confirm__question">{question}</p>
      <div class="confirm__actions">
        <button
          type="button"
          class={danger ? "button button--danger" : "button button--primary"}
          data-testid="confirm-yes"
          onClick={onYes}
        >
          {yes ?? t("confirm.yes")}
        </button>
        <button type="button" class="button button--secondary" data-testid="confirm-no" ref={noRef} onClick={onNo}>
          {t("confirm.no")}
        </button>
      </div>
    </div>
  );
}
