// Small pieces the set-up sections share: a labelled <select>, an inline "are you sure?"
// for actions that cannot be undone, and a saved/failed line.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api";
import { FieldShell, fieldAria } from "../../components/Field";
import type { FieldProblem } from "../../errors";
import { errorText, t } from "../../i18n";

type SelectProps = {
  id: string;
  label: string;
  testid: string;
  value: string;
  onValue: (value: string) => void;
  problem: FieldProblem | null;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  children: ComponentChildren;
};

/** A labelled drop-down list with its hint and error, like `TextField`. */
export function SelectField({ id, label, testid, value, onValue, problem, hint, required, disabled, children }: SelectProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} problem={problem}>
      <select
        id={id}
        name={id}
        class="input"
        data-testid={testid}
        value={value}
        disabled={disabled}
        aria-required={required ? "true" : undefined}
        {...fieldAria(id, hint, problem)}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {children}
      </select>
    </FieldShell>
  );
}

type ConfirmProps = {
  /** The button's text, e.g. "Hapus". */
  label: string;
  /** What the button does, for screen readers, e.g. "Hapus sesi Pembukaan". */
  ariaLabel: string;
  /** The question asked before doing it. */
  question: string;
  confirmLabel: string;
  testid: string;
  onConfirm: () => Promise<void>;
};

/**
 * A button that asks first, in place: the question with "yes" and "cancel". The keyboard
 * lands on "cancel", so a second press of Enter does not remove anything; Esc cancels.
 */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, testid, onConfirm }: ConfirmProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        class="button button--danger-quiet button--small"
        data-testid={testid}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span
      class="confirm"
      role="group"
      aria-label={question}
      data-testid={`${testid}-confirm`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span class="confirm__question">{question}</span>
      <button
        type="button"
        class="button button--danger button--small"
        data-testid={`${testid}-yes`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button
        ref={cancelRef}
        type="button"
        class="button button--secondary button--small"
        data-testid={`${testid}-no`}
        onClick={() => setAsking(false)}
      >
        {t("common.cancel")}
      </button>
    </span>
  );
}

/** An error that is not about one field, in plain words with the detail. */
export function SetupBanner({ error, text }: { error: ApiError; text?: string }) {
  return (
    <div class="banner banner--error" role="alert" data-testid="error-banner">
      <p class="banner__text">{text ?? errorText(error.code)}</p>
      {error.message && <p class="detail">{t("common.detail", { message: error.message })}</p>}
    </div>
  );
}

/** Runs a write and keeps its error: `[busy, error, run, setError]`. */
export function useWrite() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (write: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await write();
      return true;
    } catch (reason) {
      setError(ApiError.from(reason));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

/** `HH:MM` from what people type: `8.30` and `8:30` both become `08:30`. */
export function normaliseClock(text: string): string {
  const m = /^\s*(\d{1,2})[.:](\d{2})\s*$/.exec(text);
  return m ? `${m[1].padStart(2, "0")}:${m[2]}` : text.trim();
}
