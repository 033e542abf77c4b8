import { useEffect, useRef, useState } from "preact/hooks";
import { addPerson, removePerson } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Lab } from "../../bindings/Lab";
import type { Person } from "../../bindings/Person";
import type { PersonRole } from "../../bindings/PersonRole";
import { TextField } from "../../components/Field";
import { type MessageKey, t, tn } from "../../i18n";
import { ConfirmButton, SelectField, SetupBanner, escapeCancels, useWrite } from "./controls";
import { PERSON_LABELS, isAtField, problemAt } from "./problems";

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

        {people.length === 0 ? (
          <p class="setup-empty">{t("setup.people.empty")}</p>
        ) : (
          <div class="setup-table-wrap">
            <table class="setup-table" data-testid="people-table">
              <caption class="visually-hidden">
                {t("setup.people.title")} ({tn("setup.people.count", people.length)})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("setup.person.name")}</th>
                  <th scope="col">{t("setup.person.position")}</th>
                  <th scope="col">{t("setup.person.role")}</th>
                  <th scope="col">{t("setup.person.agency")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("setup.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((p) => (
                  <tr key={p.id} data-testid="person-row">
                    <td>{p.name}</td>
                    <td>{p.position}</td>
                    <td>{t(ROLE_LABELS[p.role])}</td>
                    <td>{agencyName(p.agencyId)}</td>
                    <td class="setup-table__actions">
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
  const [values, setValues] = useState<Values>({ name: "", position: "", role: "kepala_opd", agencyId: "" });
  const { busy, error, run } = useWrite();
  const active = agencies.filter((a) => !a.retiredAt);
  const id = (field: string) => `person-new-${field}`;
  const withAgency = hasAgency(values.role);

  useEffect(() => {
    document.getElementById(id("name"))?.focus();
  }, []);
  useEffect(() => {
    if (error?.field) document.getElementById(id(error.field))?.focus();
  }, [error]);

  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  return (
    <form
      class="setup-form"
      noValidate
      aria-label={t("setup.people.addTitle")}
      data-testid="person-new-form"
      onKeyDown={escapeCancels(onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void run(() => onSubmit({
            name: values.name,
            position: values.position,
            role: values.role,
            agencyId: withAgency && values.agencyId ? values.agencyId : null,
          }));
      }}
    >
      <h3 class="setup-form__title">{t("setup.people.addTitle")}</h3>
      {error && !isAtField(error, FIELDS) && <SetupBanner error={error} />}
      <div class="setup-form__grid">
        <TextField
          id={id("name")}
          label={t("setup.person.name")}
          testid="person-new-name"
          value={values.name}
          onValue={set("name")}
          problem={problemAt(PERSON_LABELS, error, "name")}
          required
        />
        <TextField
          id={id("position")}
          label={t("setup.person.position")}
          testid="person-new-position"
          value={values.position}
          onValue={set("position")}
          problem={problemAt(PERSON_LABELS, error, "position")}
          hint={t("setup.people.positionHint")}
        />
      </div>
      <div class="setup-form__grid">
        <SelectField
          id={id("role")}
          label={t("setup.person.role")}
          testid="person-new-role"
          value={values.role}
          onValue={(v) => set("role")(v)}
          problem={problemAt(PERSON_LABELS, error, "role")}
          required
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABELS[r])}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id("agencyId")}
          label={t("setup.person.agency")}
          testid="person-new-agency"
          value={withAgency ? values.agencyId : ""}
          onValue={set("agencyId")}
          problem={problemAt(PERSON_LABELS, error, "agencyId")}
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
      <div class="form-actions">
        <button type="submit" class="button button--primary" data-testid="person-new-save" disabled={busy}>
          {busy ? t("setup.saving") : t("setup.people.addSubmit")}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
