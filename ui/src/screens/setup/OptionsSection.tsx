import { useState } from "preact/hooks";
import { ApiError, retireOption, saveOption } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { EditableTable, RowForm } from "../../components/EditableTable";
import { TextField } from "../../components/Field";
import { type MessageKey, t, tn } from "../../i18n";
import { SelectField, SetupBanner, useWrite } from "./controls";
import { OPTION_LABELS, problemAt } from "./problems";

type Props = { lab: Lab; options: OptionItem[]; reload: () => void };

const FIELDS = ["code", "labelId", "labelEn"] as const;

/** The lists the core knows (`LISTS` in `domain.rs`), in the order of the idea form. */
const KNOWN_LISTS: Record<string, MessageKey> = {
  stage: "setup.list.stage",
  tahapan: "setup.list.tahapan",
  inisiator: "setup.list.inisiator",
  jenis: "setup.list.jenis",
  bentuk: "setup.list.bentuk",
  urusan: "setup.list.urusan",
  tematik: "setup.list.tematik",
  benefit: "setup.list.benefit",
};

export function listName(list: string): string {
  const key = KNOWN_LISTS[list];
  return key ? t(key) : list;
}

/** The distinct lists of `options`: the known ones in form order, then any other. */
export function listsOf(options: OptionItem[]): string[] {
  const present = [...new Set(options.map((o) => o.list))];
  const known = Object.keys(KNOWN_LISTS);
  return [...known.filter((l) => present.includes(l)), ...present.filter((l) => !known.includes(l)).sort()];
}

/** A code from a label: `Uji coba` → `uji_coba` (lowercase letters, digits and `_`). */
export function codeFrom(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

/** The option lists the idea form offers: add, rename, retire and bring back options. */
export function OptionsSection({ lab, options, reload }: Props) {
  const lists = listsOf(options);
  const [list, setList] = useState(lists[0] ?? "stage");
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const change = useWrite();
  const items = options.filter((o) => o.list === list);
  const retiredCount = items.filter((o) => o.retired).length;

  const retire = async (o: OptionItem) => {
    if (await change.run(() => retireOption(lab.id, o.list, o.code))) {
      setStatus(t("setup.options.retiredDone", { label: o.labelId }));
      reload();
    }
  };
  // Saving a retired code again offers it again (`save_option` un-retires).
  const restore = async (o: OptionItem) => {
    if (await change.run(() => saveOption(lab.id, o.list, o.code, o.labelId, o.labelEn))) {
      setStatus(t("setup.options.restoredDone", { label: o.labelId }));
      reload();
    }
  };

  return (
    <div class="setup-section">
      <section class="card" aria-labelledby="options-title">
        <div class="card__head">
          <h2 id="options-title" class="card__title">
            {t("setup.options.title")}
          </h2>
          <p class="card__note">{t("setup.options.intro")}</p>
        </div>

        <div class="setup-filter">
          <SelectField
            id="options-list"
            label={t("setup.options.list")}
            testid="options-list"
            value={list}
            onValue={(v) => {
              setList(v);
              setEditing(null);
              change.setError(null);
            }}
            problem={null}
          >
            {lists.map((l) => (
              <option key={l} value={l}>
                {listName(l)}
              </option>
            ))}
          </SelectField>
        </div>

        <p class="setup-status" role="status" aria-live="polite" data-testid="options-status">
          {status}
        </p>
        {change.error && <SetupBanner error={change.error} />}

        <h3 class="setup-day__title">
          {listName(list)}
          <span class="setup-day__count">
            {tn("setup.options.count", items.length - retiredCount)}
            {retiredCount > 0 && ` · ${tn("setup.options.retiredCount", retiredCount)}`}
          </span>
        </h3>
        <EditableTable
          rows={items}
          rowKey={(o) => o.code}
          testid="options-table"
          caption={listName(list)}
          empty={t("setup.options.empty")}
          columns={[
            { label: t("setup.option.code"), cell: (o) => o.code, class: "setup-table__code" },
            { label: t("setup.option.labelId"), cell: (o) => o.labelId },
            { label: t("setup.option.labelEn"), cell: (o) => o.labelEn },
            {
              label: t("setup.agencies.state"),
              cell: (o) =>
                o.retired ? (
                  <span class="setup-state setup-state--retired">{t("setup.options.retired")}</span>
                ) : (
                  <span class="setup-state">{t("setup.active")}</span>
                ),
            },
          ]}
          rowAttrs={(o) => ({ class: o.retired ? "is-retired" : undefined, "data-testid": "option-row", "data-code": o.code })}
          editing={editing}
          onEditing={setEditing}
          edit={{
            label: t("setup.options.rename"),
            aria: (o) => t("setup.options.editAria", { label: o.labelId }),
            testid: "option-edit",
            can: (o) => !o.retired,
            form: (o, close) => (
              <OptionForm
                prefix={`option-${o.code}`}
                title={t("setup.options.editTitle", { label: o.labelId })}
                initial={o}
                fixedCode
                taken={[]}
                submitLabel={t("setup.save")}
                onSubmit={async (code, labelId, labelEn) => {
                  await saveOption(lab.id, list, code, labelId, labelEn);
                  setStatus(t("setup.options.saved", { label: labelId }));
                  close();
                  reload();
                }}
                onCancel={close}
              />
            ),
          }}
          actions={(o) => (
            <button
              type="button"
              class="button button--secondary button--small"
              data-testid={o.retired ? "option-restore" : "option-retire"}
              disabled={change.busy}
              aria-label={t(o.retired ? "setup.options.restoreAria" : "setup.options.retireAria", { label: o.labelId })}
              onClick={() => void (o.retired ? restore(o) : retire(o))}
            >
              {o.retired ? t("setup.options.restore") : t("setup.options.retire")}
            </button>
          )}
        />

        <OptionForm
          key={list}
          prefix="option-new"
          title={t("setup.options.addTitle", { list: listName(list) })}
          initial={{ code: "", labelId: "", labelEn: "" }}
          fixedCode={false}
          taken={items.map((o) => o.code)}
          submitLabel={t("setup.options.addSubmit")}
          onSubmit={async (code, labelId, labelEn) => {
            await saveOption(lab.id, list, code, labelId, labelEn);
            setStatus(t("setup.options.added", { label: labelId }));
            reload();
          }}
        />
      </section>
    </div>
  );
}

type FormProps = {
  prefix: string;
  title: string;
  initial: { code: string; labelId: string; labelEn: string };
  /** Editing: the code stays (ideas store it). */
  fixedCode: boolean;
  /** Codes already in the list: a new option may not reuse one (saving would relabel it). */
  taken: string[];
  submitLabel: string;
  onSubmit: (code: string, labelId: string, labelEn: string) => Promise<void>;
  onCancel?: () => void;
};

/** The Indonesian and English labels and the code of one option: a new one or a rename. */
function OptionForm({ prefix, title, initial, fixedCode, taken, submitLabel, onSubmit, onCancel }: FormProps) {
  /** Whether the code was typed by hand (else it follows the Indonesian label). */
  const [codeTyped, setCodeTyped] = useState(fixedCode);
  return (
    <RowForm
      prefix={prefix}
      title={title}
      heading="h4"
      initial={{ code: initial.code, labelId: initial.labelId, labelEn: initial.labelEn }}
      fields={FIELDS}
      problem={(error, field) => problemAt(OPTION_LABELS, error, field)}
      focus={fixedCode ? "labelId" : undefined}
      again={fixedCode ? undefined : "labelId"}
      check={(values) => {
        const code = values.code.trim();
        return !fixedCode && taken.includes(code)
          ? new ApiError("duplicate", `a record with this code already exists: ${code}`, "code", { kind: "taken", value: code })
          : null;
      }}
      submitLabel={submitLabel}
      onSubmit={async (values) => {
        await onSubmit(values.code.trim(), values.labelId, values.labelEn);
        if (!fixedCode) setCodeTyped(false);
      }}
      onCancel={onCancel}
    >
      {(f) => (
        <>
          <div class="setup-form__grid">
            <TextField
              {...f.field("labelId")}
              label={t("setup.option.labelId")}
              onValue={(labelId) => f.update((v) => ({ ...v, labelId, code: codeTyped ? v.code : codeFrom(labelId) }))}
              required
            />
            <TextField {...f.field("labelEn")} label={t("setup.option.labelEn")} hint={t("setup.options.labelEnHint")} />
          </div>
          {fixedCode ? (
            <p class="field__hint">{t("setup.options.codeFixed", { code: f.values.code })}</p>
          ) : (
            <TextField
              {...f.field("code")}
              label={t("setup.option.code")}
              onValue={(code) => {
                setCodeTyped(code !== "");
                f.set("code")(code);
              }}
              hint={t("setup.options.codeHint")}
              required
            />
          )}
        </>
      )}
    </RowForm>
  );
}
