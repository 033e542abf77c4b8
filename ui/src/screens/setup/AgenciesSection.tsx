import { useEffect, useRef, useState } from "preact/hooks";
import { addAgency, editAgency, importAgencies, setAgencyRetired } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Lab } from "../../bindings/Lab";
import type { NewAgency } from "../../bindings/NewAgency";
import { FieldShell, TextField, fieldAria } from "../../components/Field";
import { formatDateTime, t, tn } from "../../i18n";
import { SetupBanner, escapeCancels, useWrite } from "./controls";
import { ImportPanel } from "./ImportPanel";
import { AGENCY_LABELS, isAtField, problemAt } from "./problems";

type Props = { lab: Lab; agencies: Agency[]; reload: () => void };

const FIELDS = ["code", "shortName", "name", "group"] as const;
const EMPTY: NewAgency = { code: "", name: "", shortName: "", group: "" };

const matches = (a: Agency, q: string) =>
  [a.code, a.shortName, a.name, a.group].some((s) => s.toLowerCase().includes(q));

/** The lab's agencies (OPD): the list, adding, editing, retiring, and importing a roster. */
export function AgenciesSection({ lab, agencies, reload }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const retire = useWrite();
  const addButton = useRef<HTMLButtonElement>(null);
  const groups = [...new Set(agencies.map((a) => a.group).filter(Boolean))].sort();
  const q = query.trim().toLowerCase();
  const shown = q ? agencies.filter((a) => matches(a, q)) : agencies;
  const retiredCount = agencies.filter((a) => a.retiredAt).length;

  const focusEdit = (id: string) => setTimeout(() => document.getElementById(`agency-edit-${id}`)?.focus());

  const toggleRetired = async (agency: Agency) => {
    const retired = !agency.retiredAt;
    const ok = await retire.run(() => setAgencyRetired(agency.id, retired));
    if (ok) {
      setStatus(
        t(retired ? "setup.agencies.retiredDone" : "setup.agencies.restoredDone", { name: agency.shortName || agency.name }),
      );
      reload();
    }
  };

  return (
    <div class="setup-section">
      <section class="card" aria-labelledby="agencies-title">
        <div class="card__head setup-section__head">
          <div>
            <h2 id="agencies-title" class="card__title">
              {t("setup.agencies.title")}
            </h2>
            <p class="card__note">
              {tn("setup.agencies.count", agencies.length)}
              {retiredCount > 0 && ` · ${tn("setup.agencies.retiredCount", retiredCount)}`}
            </p>
            <p class="card__note">{t("setup.agencies.retireNote")}</p>
          </div>
          {!adding && (
            <button
              ref={addButton}
              type="button"
              class="button button--primary"
              data-testid="agency-add"
              onClick={() => {
                setAdding(true);
                setEditing(null);
              }}
            >
              {t("setup.agencies.add")}
            </button>
          )}
        </div>

        {adding && (
          <AgencyForm
            prefix="agency-new"
            title={t("setup.agencies.addTitle")}
            initial={EMPTY}
            groups={groups}
            submitLabel={t("setup.agencies.addSubmit")}
            onSubmit={async (input) => {
              const saved = await addAgency(lab.id, input);
              setStatus(t("setup.agencies.added", { name: saved.shortName || saved.name }));
              setAdding(false);
              reload();
              setTimeout(() => addButton.current?.focus());
            }}
            onCancel={() => {
              setAdding(false);
              setTimeout(() => addButton.current?.focus());
            }}
          />
        )}

        <p class="setup-status" role="status" aria-live="polite" data-testid="agencies-status">
          {status}
        </p>
        {retire.error && <SetupBanner error={retire.error} />}

        {agencies.length > 0 && (
          <div class="field setup-filter">
            <label class="field__label" for="agency-filter">
              {t("setup.agencies.filter")}
            </label>
            <input
              id="agency-filter"
              class="input"
              type="search"
              value={query}
              data-testid="agency-filter"
              autoComplete="off"
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </div>
        )}

        {agencies.length === 0 ? (
          <p class="setup-empty">{t("setup.agencies.empty")}</p>
        ) : shown.length === 0 ? (
          <p class="setup-empty">{t("setup.agencies.noMatch", { query })}</p>
        ) : (
          <div class="setup-table-wrap">
            <table class="setup-table" data-testid="agency-table">
              <caption class="visually-hidden">{t("setup.agencies.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("setup.agency.code")}</th>
                  <th scope="col">{t("setup.agency.shortName")}</th>
                  <th scope="col">{t("setup.agency.name")}</th>
                  <th scope="col">{t("setup.agency.group")}</th>
                  <th scope="col">{t("setup.agencies.state")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("setup.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) =>
                  editing === a.id ? (
                    <tr key={a.id} class="setup-table__form-row">
                      <td colSpan={6}>
                        <AgencyForm
                          prefix={`agency-${a.id}`}
                          title={t("setup.agencies.editTitle", { name: a.shortName || a.name })}
                          initial={{ code: a.code, name: a.name, shortName: a.shortName, group: a.group }}
                          groups={groups}
                          submitLabel={t("setup.save")}
                          onSubmit={async (input) => {
                            const saved = await editAgency(a.id, input);
                            setStatus(t("setup.agencies.saved", { name: saved.shortName || saved.name }));
                            setEditing(null);
                            reload();
                            focusEdit(a.id);
                          }}
                          onCancel={() => {
                            setEditing(null);
                            focusEdit(a.id);
                          }}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={a.id} class={a.retiredAt ? "is-retired" : undefined} data-testid="agency-row" data-code={a.code}>
                      <td class="setup-table__code">{a.code}</td>
                      <td>{a.shortName}</td>
                      <td>{a.name}</td>
                      <td>{a.group}</td>
                      <td>
                        {a.retiredAt ? (
                          <span class="setup-state setup-state--retired">
                            {t("setup.agencies.retiredSince", { time: formatDateTime(a.retiredAt, lab.timeZone) })}
                          </span>
                        ) : (
                          <span class="setup-state">{t("setup.active")}</span>
                        )}
                      </td>
                      <td class="setup-table__actions">
                        <button
                          type="button"
                          id={`agency-edit-${a.id}`}
                          class="button button--secondary button--small"
                          data-testid="agency-edit"
                          aria-label={t("setup.agencies.editAria", { name: a.shortName || a.name })}
                          onClick={() => {
                            setEditing(a.id);
                            setAdding(false);
                          }}
                        >
                          {t("setup.edit")}
                        </button>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          data-testid="agency-retire"
                          disabled={retire.busy}
                          aria-label={t(a.retiredAt ? "setup.agencies.restoreAria" : "setup.agencies.retireAria", {
                            name: a.shortName || a.name,
                          })}
                          onClick={() => void toggleRetired(a)}
                        >
                          {a.retiredAt ? t("setup.agencies.restore") : t("setup.agencies.retire")}
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ImportPanel
        kind="agencies"
        title={t("setup.agencies.importTitle")}
        intro={t("setup.agencies.importIntro")}
        columns={t("setup.agencies.importColumns")}
        labels={AGENCY_LABELS}
        updates
        run={(fileName, bytes, mode) => importAgencies(lab.id, fileName, bytes, mode)}
        onApplied={reload}
      />
    </div>
  );
}

type FormProps = {
  prefix: string;
  title: string;
  initial: NewAgency;
  groups: string[];
  submitLabel: string;
  /** Saves; a rejection is shown at its field or above the form. */
  onSubmit: (input: NewAgency) => Promise<void>;
  onCancel: () => void;
};

/** Code, short name, full name and group of one agency: for a new one or an edit. */
function AgencyForm({ prefix, title, initial, groups, submitLabel, onSubmit, onCancel }: FormProps) {
  const [values, setValues] = useState<NewAgency>(initial);
  const { busy, error, run } = useWrite();
  const first = useRef<HTMLFormElement>(null);
  const id = (field: string) => `${prefix}-${field}`;

  useEffect(() => {
    first.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);
  useEffect(() => {
    if (error?.field) document.getElementById(id(error.field))?.focus();
  }, [error]);

  const set = (field: keyof NewAgency) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const text = (field: keyof NewAgency, required = false, hint?: string) => (
    <TextField
      id={id(field)}
      label={t(AGENCY_LABELS[field])}
      testid={`${prefix}-${field}`}
      value={values[field]}
      onValue={set(field)}
      problem={problemAt(AGENCY_LABELS, error, field)}
      required={required}
      hint={hint}
    />
  );
  const groupProblem = problemAt(AGENCY_LABELS, error, "group");

  return (
    <form
      ref={first}
      class="setup-form"
      noValidate
      aria-label={title}
      data-testid={`${prefix}-form`}
      onKeyDown={escapeCancels(onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void run(() => onSubmit(values));
      }}
    >
      <h3 class="setup-form__title">{title}</h3>
      {error && !isAtField(error, FIELDS) && <SetupBanner error={error} />}
      <div class="setup-form__grid">
        {text("code", true, t("setup.agencies.codeHint"))}
        {text("shortName", false, t("setup.agencies.shortNameHint"))}
      </div>
      {text("name", true)}
      <FieldShell id={id("group")} label={t(AGENCY_LABELS.group)} hint={t("setup.agencies.groupHint")} problem={groupProblem}>
        <input
          id={id("group")}
          class="input"
          type="text"
          list={`${prefix}-groups`}
          value={values.group}
          data-testid={`${prefix}-group`}
          autoComplete="off"
          {...fieldAria(id("group"), t("setup.agencies.groupHint"), groupProblem)}
          onInput={(e) => set("group")(e.currentTarget.value)}
        />
        <datalist id={`${prefix}-groups`}>
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </FieldShell>
      <div class="form-actions">
        <button type="submit" class="button button--primary" data-testid={`${prefix}-save`} disabled={busy}>
          {busy ? t("setup.saving") : submitLabel}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
