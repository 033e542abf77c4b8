import { useRef, useState } from "preact/hooks";
import { addAgency, editAgency, importAgencies, setAgencyRetired } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Lab } from "../../bindings/Lab";
import type { NewAgency } from "../../bindings/NewAgency";
import { EditableTable, RowForm } from "../../components/EditableTable";
import { FieldShell, TextField, fieldAria } from "../../components/Field";
import { formatDateTime, t, tn } from "../../i18n";
import { SetupBanner, useWrite } from "./controls";
import { ImportPanel } from "./ImportPanel";
import { AGENCY_LABELS, problemAt } from "./problems";

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

        <EditableTable
          rows={shown}
          rowKey={(a) => a.id}
          testid="agency-table"
          caption={t("setup.agencies.title")}
          empty={agencies.length === 0 ? t("setup.agencies.empty") : t("setup.agencies.noMatch", { query })}
          columns={[
            { label: t("setup.agency.code"), cell: (a) => a.code, class: "setup-table__code" },
            { label: t("setup.agency.shortName"), cell: (a) => a.shortName },
            { label: t("setup.agency.name"), cell: (a) => a.name },
            { label: t("setup.agency.group"), cell: (a) => a.group },
            {
              label: t("setup.agencies.state"),
              cell: (a) =>
                a.retiredAt ? (
                  <span class="setup-state setup-state--retired">
                    {t("setup.agencies.retiredSince", { time: formatDateTime(a.retiredAt, lab.timeZone) })}
                  </span>
                ) : (
                  <span class="setup-state">{t("setup.active")}</span>
                ),
            },
          ]}
          rowAttrs={(a) => ({ class: a.retiredAt ? "is-retired" : undefined, "data-testid": "agency-row", "data-code": a.code })}
          editing={editing}
          onEditing={(id) => {
            setEditing(id);
            if (id) setAdding(false);
          }}
          edit={{
            label: t("setup.edit"),
            aria: (a) => t("setup.agencies.editAria", { name: a.shortName || a.name }),
            testid: "agency-edit",
            form: (a, close) => (
              <AgencyForm
                prefix={`agency-${a.id}`}
                title={t("setup.agencies.editTitle", { name: a.shortName || a.name })}
                initial={{ code: a.code, name: a.name, shortName: a.shortName, group: a.group }}
                groups={groups}
                submitLabel={t("setup.save")}
                onSubmit={async (input) => {
                  const saved = await editAgency(a.id, input);
                  setStatus(t("setup.agencies.saved", { name: saved.shortName || saved.name }));
                  close();
                  reload();
                }}
                onCancel={close}
              />
            ),
          }}
          actions={(a) => (
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
          )}
        />
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
  return (
    <RowForm
      prefix={prefix}
      title={title}
      initial={initial}
      fields={FIELDS}
      problem={(error, field) => problemAt(AGENCY_LABELS, error, field)}
      focus="code"
      submitLabel={submitLabel}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {(f) => (
        <>
          <div class="setup-form__grid">
            <TextField {...f.field("code")} label={t(AGENCY_LABELS.code)} required hint={t("setup.agencies.codeHint")} />
            <TextField {...f.field("shortName")} label={t(AGENCY_LABELS.shortName)} hint={t("setup.agencies.shortNameHint")} />
          </div>
          <TextField {...f.field("name")} label={t(AGENCY_LABELS.name)} required />
          <FieldShell id={f.id("group")} label={t(AGENCY_LABELS.group)} hint={t("setup.agencies.groupHint")} problem={f.problem("group")}>
            <input
              id={f.id("group")}
              class="input"
              type="text"
              list={`${prefix}-groups`}
              value={f.values.group}
              data-testid={`${prefix}-group`}
              autoComplete="off"
              {...fieldAria(f.id("group"), t("setup.agencies.groupHint"), f.problem("group"))}
              onInput={(e) => f.set("group")(e.currentTarget.value)}
            />
            <datalist id={`${prefix}-groups`}>
              {groups.map((g) => (
                <option key={g} value={g} />
              ))}
            </datalist>
          </FieldShell>
        </>
      )}
    </RowForm>
  );
}
