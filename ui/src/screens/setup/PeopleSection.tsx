import { useRef, useState } from "preact/hooks";
import { addPerson, removePerson } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Lab } from "../../bindings/Lab";
import type { Person } from "../../bindings/Person";
import type { PersonRole } from "../../bindings/PersonRole";
import { EditableTable, RowForm } from "../../components/EditableTable";
import { TextField } from "../../components/Field";
import { type MessageKey, t, tn } from "../../i18n";
import { ConfirmButton, SelectField, SetupBanner, useWrite } from "./controls";
import { PERSON_LABELS, problemAt } from "./problems";

type Props = { lab: Lab; people: Person[]; agencies: Agency[]; reload: () => void };

/** The roles in the order the list shows them. */
export const ROLES: readonly PersonRole[] = ["kepala_opd", "staff", "facilitator", "coach", "reviewer"];

export const ROLE_LABELS: Record<PersonRole, MessageKey> = {
  kepala_opd: "setup.role.kepala_opd",
  staff: "setup.role.staff",
  facilitator: "setup.role.facilitator",
  coach: "setup.role.coach",
  reviewer: "setup.role.reviewer",
};

/** Participants belong to an agency; facilitators, coaches and reviewers do not. */
const hasAgency = (role: PersonRole) => role === "kepala_opd" || role === "staff";

const FIELDS = ["name", "position", "role", "agencyId"] as const;

/** The lab's people: agency heads and staff, facilitators, coaches and reviewers. */
export function PeopleSection({ lab, people, agencies, reload }: Props) {
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState("");
  const remove = useWrite();
  const addButton = useRef<HTMLButtonElement>(null);
  const agencyName = (id: string | null) => {
    const a = agencies.find((x) => x.id === id);
    return a ? a.shortName || a.name : "";
  };
  const sorted = [...people].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name, "id"),
  );
  const focusAdd = () => setTimeout(() => addButton.current?.focus());

  return (
    <div class="setup-section">
      <section class="card" aria-labelledby="people-title">
        <div class="card__head setup-section__head">
          <div>
            <h2 id="people-title" class="card__title">
              {t("setup.people.title")}
            </h2>
            <p class="card__note">{t("setup.people.intro")}</p>
          </div>
          {!adding && (
            <button ref={addButton} type="button" class="button button--primary" data-testid="person-add" onClick={() => setAdding(true)}>
              {t("setup.people.add")}
            </button>
          )}
        </div>

        {adding && (
          <PersonForm
            agencies={agencies}
            onSubmit={async (input) => {
              const saved = await addPerson(lab.id, input);
              setStatus(t("setup.people.added", { name: saved.name }));
              setAdding(false);
              reload();
              focusAdd();
            }}
            onCancel={() => {
              setAdding(false);
              focusAdd();
            }}
          />
        )}

        <p class="setup-status" role="status" aria-live="polite" data-testid="people-status">
          {status}
        </p>
        {remove.error && <SetupBanner error={remove.error} />}

        <EditableTable
          rows={sorted}
          rowKey={(p) => p.id}
          testid="people-table"
          caption={`${t("setup.people.title")} (${tn("setup.people.count", people.length)})`}
          empty={t("setup.people.empty")}
          columns={[
            { label: t("setup.person.name"), cell: (p) => p.name },
            { label: t("setup.person.position"), cell: (p) => p.position },
            { label: t("setup.person.role"), cell: (p) => t(ROLE_LABELS[p.role]) },
            { label: t("setup.person.agency"), cell: (p) => agencyName(p.agencyId) },
          ]}
          rowAttrs={() => ({ "data-testid": "person-row" })}
          actions={(p) => (
            <ConfirmButton
              label={t("setup.people.remove")}
              ariaLabel={t("setup.people.removeAria", { name: p.name })}
              question={t("setup.people.removeQuestion", { name: p.name })}
              confirmLabel={t("setup.people.removeYes")}
              testid="person-remove"
              onConfirm={async () => {
                const ok = await remove.run(() => removePerson(lab.id, p.id));
                if (ok) {
                  setStatus(t("setup.people.removed", { name: p.name }));
                  reload();
                  focusAdd();
                }
              }}
            />
          )}
        />
      </section>
    </div>
  );
}

type Values = { name: string; position: string; role: PersonRole; agencyId: string };

type FormProps = {
  agencies: Agency[];
  onSubmit: (input: { name: string; position: string; role: PersonRole; agencyId: string | null }) => Promise<void>;
  onCancel: () => void;
};

function PersonForm({ agencies, onSubmit, onCancel }: FormProps) {
  const active = agencies.filter((a) => !a.retiredAt);
  const initial: Values = { name: "", position: "", role: "kepala_opd", agencyId: "" };
  return (
    <RowForm
      prefix="person-new"
      title={t("setup.people.addTitle")}
      initial={initial}
      fields={FIELDS}
      problem={(error, field) => problemAt(PERSON_LABELS, error, field)}
      focus="name"
      submitLabel={t("setup.people.addSubmit")}
      onSubmit={(values) => {
        const withAgency = hasAgency(values.role);
        return onSubmit({ ...values, agencyId: withAgency && values.agencyId ? values.agencyId : null });
      }}
      onCancel={onCancel}
    >
      {(f) => {
        const withAgency = hasAgency(f.values.role);
        return (
          <>
            <div class="setup-form__grid">
              <TextField {...f.field("name")} label={t("setup.person.name")} required />
              <TextField {...f.field("position")} label={t("setup.person.position")} hint={t("setup.people.positionHint")} />
            </div>
            <div class="setup-form__grid">
              <SelectField {...f.field("role")} label={t("setup.person.role")} required>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(ROLE_LABELS[r])}
                  </option>
                ))}
              </SelectField>
              <SelectField
                {...f.field("agencyId")}
                testid="person-new-agency"
                value={withAgency ? f.values.agencyId : ""}
                label={t("setup.person.agency")}
                hint={withAgency ? t("setup.people.agencyHint") : t("setup.people.noAgencyHint")}
                required={withAgency}
                disabled={!withAgency}
              >
                <option value="">{withAgency ? t("setup.people.chooseAgency") : t("setup.people.noAgency")}</option>
                {active.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.shortName && a.shortName !== a.name ? `${a.shortName} — ${a.name}` : a.name}
                  </option>
                ))}
              </SelectField>
            </div>
          </>
        );
      }}
    </RowForm>
  );
}
