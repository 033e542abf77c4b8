import type { ComponentChildren } from "preact";
import type { FieldProblem } from "../errors";
import { t } from "../i18n";

type ShellProps = {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  problem: FieldProblem | null;
  children: ComponentChildren;
};

/** The ARIA attributes that tie a control to its hint and its error. */
export function fieldAria(id: string, hint: string | undefined, problem: FieldProblem | null) {
  const ids = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean);
  return {
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
    "aria-invalid": problem ? ("true" as const) : undefined,
  };
}

/** Label, control, hint and error of one form field. */
export function FieldShell({ id, label, hint, required, problem, children }: ShellProps) {
  return (
    <div class={problem ? "field is-invalid" : "field"}>
      <label class="field__label" for={id}>
        {label}
        {required && <span class="field__required"> ({t("common.required")})</span>}
      </label>
      {children}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <div class="field__error" id={`${id}-error`} role="alert" data-testid="field-error">
          <p>{problem.text}</p>
          <p class="detail">{t("common.detail", { message: problem.detail })}</p>
        </div>
      )}
    </div>
  );
}

type TextFieldProps = {
  id: string;
  label: string;
  testid: string;
  value: string;
  onValue: (value: string) => void;
  problem: FieldProblem | null;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  /** "numeric" brings up digits on touch keyboards; the value stays text. */
  inputMode?: "numeric";
};

/** A labelled one-line input or, with `multiline`, a textarea. */
export function TextField(props: TextFieldProps) {
  const { id, label, testid, value, onValue, problem, hint, required, multiline } = props;
  const common = {
    id,
    name: id,
    value,
    "data-testid": testid,
    class: "input",
    autoComplete: "off",
    spellcheck: false,
    "aria-required": required ? ("true" as const) : undefined,
    ...fieldAria(id, hint, problem),
  };
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} problem={problem}>
      {multiline ? (
        <textarea {...common} rows={3} onInput={(e) => onValue(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={props.inputMode}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FieldShell>
  );
}
