// A table of records edited in place, and the form that adds or edits one record: the
// set-up screen's agencies, agenda, people and option lists are each one of these.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api";
import { type FieldProblem, fieldProblem } from "../errors";
import { t } from "../i18n";
import { ErrorBanner } from "./ErrorBanner";

export type Column<R> = {
  /** The column's heading. */
  label: string;
  cell: (row: R) => ComponentChildren;
  /** A class for the column's cells, e.g. `setup-table__code`. */
  class?: string;
};

type Edit<R> = {
  /** The button's text, e.g. "Ubah". */
  label: string;
  /** What the button does, for screen readers, e.g. "Ubah Dinkes". */
  aria: (row: R) => string;
  /** The button's test id; its id is `${testid}-${key}`, and the focus comes back to it. */
  testid: string;
  /** Whether a row can be edited (default: every row). */
  can?: (row: R) => boolean;
  /** The form shown in the row's place; `close` ends the edit (saved or cancelled). */
  form: (row: R, close: () => void) => ComponentChildren;
};

type TableProps<R> = {
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly Column<R>[];
  /** The table's name for screen readers (a visually hidden caption). */
  caption: ComponentChildren;
  /** Said instead of the table when there is no row. */
  empty: ComponentChildren;
  testid?: string;
  /** Attributes of a shown row: its class, test id, `data-code`... */
  rowAttrs?: (row: R) => Record<string, string | undefined>;
  /** An "edit" button first in each row, which swaps the row for a form. */
  edit?: Edit<R>;
  /** The key of the row being edited, when the screen keeps it (else the table does). */
  editing?: string | null;
  onEditing?: (key: string | null) => void;
  /** The row's other buttons, after "edit". */
  actions?: (row: R) => ComponentChildren;
};

/**
 * Records in a table, one per row, with a last column of buttons. Editing a row swaps it
 * for a form spanning the row; when the form closes the focus returns to the row's edit
 * button, so the keyboard never gets lost.
 */
export function EditableTable<R>(props: TableProps<R>) {
  const { rows, rowKey, columns, caption, empty, testid, rowAttrs, edit, actions } = props;
  const [own, setOwn] = useState<string | null>(null);
  const editing = props.editing !== undefined ? props.editing : own;
  const setEditing = (key: string | null) => {
    setOwn(key);
    props.onEditing?.(key);
  };

  if (rows.length === 0) return <p class="setup-empty">{empty}</p>;
  return (
    <div class="setup-table-wrap">
      <table class="setup-table" data-testid={testid}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{t("setup.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const buttonId = edit ? `${edit.testid}-${key}` : "";
            if (edit && editing === key) {
              const close = () => {
                setEditing(null);
                setTimeout(() => document.getElementById(buttonId)?.focus());
              };
              return (
                <tr key={key} class="setup-table__form-row">
                  <td colSpan={columns.length + 1}>{edit.form(row, close)}</td>
                </tr>
              );
            }
            return (
              <tr key={key} {...rowAttrs?.(row)}>
                {columns.map((c, i) => (
                  <td key={i} class={c.class}>
                    {c.cell(row)}
                  </td>
                ))}
                <td class="setup-table__actions">
                  {edit && (edit.can?.(row) ?? true) && (
                    <button
                      type="button"
                      id={buttonId}
                      class="button button--secondary button--small"
                      data-testid={edit.testid}
                      aria-label={edit.aria(row)}
                      onClick={() => setEditing(key)}
                    >
                      {edit.label}
                    </button>
                  )}
                  {actions?.(row)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What a field of a `RowForm` needs: spread onto `TextField` or a select field. */
export type FieldBinding = {
  id: string;
  testid: string;
  value: string;
  onValue: (value: string) => void;
  problem: FieldProblem | null;
};

export type RowFormApi<V> = {
  values: V;
  /** Id, test id (`${prefix}-${name}`), value, setter and error of one field. */
  field: (name: keyof V & string) => FieldBinding;
  set: (name: keyof V & string) => (value: string) => void;
  /** Changes several values at once (a code that follows a label). */
  update: (change: (values: V) => V) => void;
  id: (name: string) => string;
  problem: (name: string) => FieldProblem | null;
};

type FormProps<V> = {
  /** Ids and test ids: `${prefix}-${field}`, `${prefix}-form`, `${prefix}-save`. */
  prefix: string;
  title: string;
  heading?: "h3" | "h4";
  initial: V;
  /** The fields the form shows: an error about any other goes in a banner above them. */
  fields: readonly string[];
  /** The words at a field for an error (default `fieldProblem`). */
  problem?: (error: ApiError | null, field: string) => FieldProblem | null;
  /** The field that takes the focus when the form opens. */
  focus?: string;
  submitLabel: string;
  /** Saves; a rejection is shown at the field it names, or above the form. */
  onSubmit: (values: V) => Promise<void>;
  /** Shows "Batal"; Esc does the same. Without it the form stays open. */
  onCancel?: () => void;
  /** Checks before saving; a refusal is shown like the backend's. */
  check?: (values: V) => ApiError | null;
  /** After a save the form empties for the next record and focuses this field. */
  again?: string;
  children: (form: RowFormApi<V>) => ComponentChildren;
};

/**
 * The form of one record, for a new one or in place of a row. Enter saves (it is a real
 * form), Esc cancels; what the backend refuses is shown at its field, which takes the focus,
 * and what was typed stays.
 */
export function RowForm<V extends Record<keyof V, string>>(props: FormProps<V>) {
  const { prefix, title, heading: Heading = "h3", initial, fields, focus, submitLabel, onSubmit, onCancel, check, again } = props;
  const [values, setValues] = useState<V>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = (name: string) => `${prefix}-${name}`;
  const problem = (name: string) => (props.problem ?? fieldProblem)(error, name);

  useEffect(() => {
    if (focus) document.getElementById(id(focus))?.focus();
  }, []);
  useEffect(() => {
    if (error?.field) document.getElementById(id(error.field))?.focus();
  }, [error]);

  const set = (name: keyof V & string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const form: RowFormApi<V> = {
    values,
    field: (name) => ({ id: id(name), testid: id(name), value: values[name], onValue: set(name), problem: problem(name) }),
    set,
    update: setValues,
    id,
    problem,
  };

  const submit = async () => {
    const refused = check?.(values) ?? null;
    if (refused) {
      setError(refused);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      if (again) {
        setValues(initial);
        document.getElementById(id(again))?.focus();
      }
    } catch (reason) {
      setError(ApiError.from(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="setup-form"
      noValidate
      aria-label={title}
      data-testid={`${prefix}-form`}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Heading class="setup-form__title">{title}</Heading>
      {error && !(error.field && fields.includes(error.field)) && <ErrorBanner error={error} />}
      {props.children(form)}
      <div class="form-actions">
        <button type="submit" class="button button--primary" data-testid={`${prefix}-save`} disabled={busy}>
          {busy ? t("setup.saving") : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
