// Fields whose answers come from a lab's option lists, plus tags and dates.

import { useEffect, useState } from "preact/hooks";
import type { OptionItem } from "../bindings/OptionItem";
import type { FieldProblem } from "../errors";
import { getLocale, t } from "../i18n";
import { FieldShell, fieldAria } from "./Field";

/** An option's label in the current language. */
export function optionLabel(option: OptionItem): string {
  return getLocale() === "en" && option.labelEn ? option.labelEn : option.labelId;
}

/** The options of one list that can be offered: live ones, plus a retired one still in use. */
export function offered(options: readonly OptionItem[], list: string, inUse: readonly string[] = []): OptionItem[] {
  return options
    .filter((o) => o.list === list && (!o.retired || inUse.includes(o.code)))
    .sort((a, b) => a.position - b.position);
}

const shownLabel = (o: OptionItem) => (o.retired ? t("field.retiredOption", { label: optionLabel(o) }) : optionLabel(o));

type SelectProps = {
  id: string;
  label: string;
  testid: string;
  options: readonly OptionItem[];
  value: string;
  onValue: (code: string) => void;
  problem: FieldProblem | null;
  hint?: string;
};

/** One choice from a list; "" means not chosen. */
export function SelectField({ id, label, testid, options, value, onValue, problem, hint }: SelectProps) {
  const known = options.some((o) => o.code === value);
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem}>
      <select
        id={id}
        class="input select"
        data-testid={testid}
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...fieldAria(id, hint, problem)}
      >
        <option value="">{t("field.none")}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {shownLabel(o)}
          </option>
        ))}
        {value && !known && <option value={value}>{value}</option>}
      </select>
    </FieldShell>
  );
}

type CheckProps = {
  id: string;
  label: string;
  testid: string;
  options: readonly OptionItem[];
  value: readonly string[];
  onValue: (codes: string[]) => void;
  problem: FieldProblem | null;
  /** Scrolls when the list is long (the urusan list has dozens). */
  tall?: boolean;
};

/** Several choices from a list, as checkboxes in a fieldset. */
export function CheckGroup({ id, label, testid, options, value, onValue, problem, tall }: CheckProps) {
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...value, code] : value.filter((c) => c !== code);
    // Keep the list's order, whatever order they were ticked in.
    onValue(options.map((o) => o.code).filter((c) => next.includes(c)));
  };
  return (
    <fieldset
      class={problem ? "field checks is-invalid" : "field checks"}
      data-testid={testid}
      {...fieldAria(id, undefined, problem)}
    >
      <legend class="field__label">{label}</legend>
      <div class={tall ? "checks__list checks__list--tall" : "checks__list"}>
        {options.map((o) => (
          <label key={o.code} class="check">
            <input
              type="checkbox"
              id={`${id}-${o.code}`}
              checked={value.includes(o.code)}
              onChange={(e) => toggle(o.code, e.currentTarget.checked)}
            />
            <span>{shownLabel(o)}</span>
          </label>
        ))}
      </div>
      {problem && (
        <div class="field__error" id={`${id}-error`} role="alert" data-testid="field-error">
          <p>{problem.text}</p>
        </div>
      )}
    </fieldset>
  );
}

/** Tags typed as one comma-separated line. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

type TagsProps = {
  id: string;
  testid: string;
  value: readonly string[];
  onValue: (tags: string[]) => void;
  problem: FieldProblem | null;
  /** Changes when the form starts over, so the typed line is rebuilt from `value`. */
  resetKey: number;
};

/** Tags as a comma-separated line; the text stays as typed while the tags follow it. */
export function TagsField({ id, testid, value, onValue, problem, resetKey }: TagsProps) {
  const [text, setText] = useState(value.join(", "));
  useEffect(() => setText(value.join(", ")), [resetKey]);
  const hint = t("field.tagsHint");
  return (
    <FieldShell id={id} label={t("field.tags")} hint={hint} problem={problem}>
      <input
        id={id}
        class="input"
        type="text"
        data-testid={testid}
        autoComplete="off"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onValue(parseTags(e.currentTarget.value));
        }}
        {...fieldAria(id, hint, problem)}
      />
      {value.length > 0 && (
        <ul class="tags" aria-hidden="true">
          {value.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </FieldShell>
  );
}

type DateProps = {
  id: string;
  label: string;
  testid: string;
  value: string;
  onValue: (value: string) => void;
  problem: FieldProblem | null;
  /** Changes when the form starts over, so the typed text is rebuilt from `value`. */
  resetKey: number;
};

/** `2026-11-28` as people write it here: `28/11/2026`. Anything else stays as it is. */
export function showDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/**
 * A typed date as `YYYY-MM-DD`: day first (`28/11/2026`, `28-11-2026`, `28.11.2026`, `2/3/2027`)
 * or already ISO. Returns the text unchanged when it is not a real date, so the store's
 * check names the field and nothing typed is lost.
 */
export function parseDate(text: string): string {
  const s = text.trim();
  if (s === "") return "";
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return text;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return text;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A calendar date typed day first, the way it is written in Indonesia, whatever language
 * the system's date picker would use.
 */
export function DateField({ id, label, testid, value, onValue, problem, resetKey }: DateProps) {
  const [text, setText] = useState(showDate(value));
  useEffect(() => setText(showDate(value)), [resetKey]);
  const hint = t("field.dateHint");
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem}>
      <input
        id={id}
        class="input"
        type="text"
        inputMode="numeric"
        placeholder="DD/MM/YYYY"
        autoComplete="off"
        data-testid={testid}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onValue(parseDate(e.currentTarget.value));
        }}
        onBlur={() => setText(showDate(parseDate(text)))}
        {...fieldAria(id, hint, problem)}
      />
    </FieldShell>
  );
}
