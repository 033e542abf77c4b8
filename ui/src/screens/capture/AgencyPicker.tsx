import type { Ref } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Agency } from "../../bindings/Agency";
import { FieldShell, fieldAria } from "../../components/Field";
import type { FieldProblem } from "../../errors";
import { t } from "../../i18n";
import { agencyLabel, filterAgencies } from "./agencyFilter";

type Props = {
  id: string;
  agencies: readonly Agency[];
  /** The chosen agency's id, or "" for none. */
  value: string;
  onChange: (agencyId: string) => void;
  problem: FieldProblem | null;
  inputRef: Ref<HTMLInputElement>;
  /** Changing it drops whatever was typed but not picked (a fresh form), without a remount. */
  resetKey?: number;
};

/**
 * A combobox for the proposing agency: typing filters the roster, ↑/↓ move through the
 * matches, Enter (or a click) picks one, Esc closes the list. Leaving the field with exactly
 * one match picks it; otherwise the field goes back to the chosen agency.
 */
export function AgencyPicker({ id, agencies, value, onChange, problem, inputRef, resetKey }: Props) {
  /** What the person typed; null while the field shows the chosen agency. */
  // What was typed and whether the list is open belong to one start of the form: a new
  // `resetKey` drops them in the same render, so keys typed right after Ctrl+N are kept.
  const [typed, setTyped] = useState<{ text: string | null; open: boolean; key: number | undefined }>({
    text: null,
    open: false,
    key: resetKey,
  });
  const current = typed.key === resetKey ? typed : { text: null, open: false, key: resetKey };
  const query = current.text;
  const open = current.open;
  const setQuery = (text: string | null) => setTyped((t) => ({ ...(t.key === resetKey ? t : { open: false }), text, key: resetKey }));
  const setOpen = (o: boolean) => setTyped((t) => ({ ...(t.key === resetKey ? t : { text: null }), open: o, key: resetKey }));
  const [active, setActive] = useState(0);

  const selected = agencies.find((a) => a.id === value) ?? null;
  const options = useMemo(() => filterAgencies(agencies, query ?? ""), [agencies, query]);
  const activeOption = open ? options[active] : undefined;
  const listId = `${id}-list`;
  const optionId = (agency: Agency) => `${id}-option-${agency.id}`;
  const hint = t("picker.hint");


  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption))?.scrollIntoView?.({ block: "nearest" });
  }, [activeOption]);

  const openList = () => {
    setOpen(true);
    setActive(selected && query === null ? Math.max(0, options.indexOf(selected)) : 0);
  };
  const close = () => {
    setQuery(null);
    setOpen(false);
  };
  const pick = (agency: Agency) => {
    onChange(agency.id);
    close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (open) setActive((i) => Math.min(i + 1, options.length - 1));
        else openList();
        break;
      case "ArrowUp":
        e.preventDefault();
        if (open) setActive((i) => Math.max(i - 1, 0));
        break;
      case "Enter":
        if (activeOption) {
          e.preventDefault();
          pick(activeOption);
        }
        break;
      case "Escape":
        if (open || query !== null) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        break;
    }
  };

  const onBlur = () => {
    const matches = query?.trim() ? filterAgencies(agencies, query) : [];
    if (matches.length === 1) pick(matches[0]);
    else close();
  };

  return (
    <FieldShell id={id} label={t("field.agencyId")} hint={hint} required problem={problem}>
      <div class="picker">
        <input
          id={id}
          ref={inputRef}
          class="input"
          type="text"
          role="combobox"
          data-testid="agency-picker"
          autoComplete="off"
          spellcheck={false}
          placeholder={t("picker.placeholder")}
          aria-required="true"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
          {...fieldAria(id, hint, problem)}
          value={query ?? (selected ? agencyLabel(selected) : "")}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => open || openList()}
          onBlur={onBlur}
        />
        {open && options.length > 0 && (
          <ul id={listId} class="picker__list" role="listbox" aria-label={t("picker.listLabel")}>
            {options.map((agency, i) => (
              <li
                key={agency.id}
                id={optionId(agency)}
                role="option"
                class={i === active ? "picker__option is-active" : "picker__option"}
                aria-selected={i === active}
                data-testid="agency-option"
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => setActive(i)}
                onClick={() => pick(agency)}
              >
                <span class="picker__short">{agency.shortName}</span>{" "}
                <span class="picker__name">— {agency.name}</span>{" "}
                <span class="picker__code">{agency.code}</span>
              </li>
            ))}
          </ul>
        )}
        {open && options.length === 0 && (
          <p class="picker__empty" role="status">
            {t("picker.noMatch", { query: query ?? "" })}
          </p>
        )}
      </div>
    </FieldShell>
  );
}
