import { useEffect, useState } from "preact/hooks";
import { ApiError, retireOption, saveOption } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { OptionItem } from "../../bindings/OptionItem";
import { TextField } from "../../components/Field";
import { type MessageKey, t, tn } from "../../i18n";
import { SelectField, SetupBanner, useWrite } from "./controls";
import { OPTION_LABELS, isAtField, problemAt } from "./problems";

type Props = { lab: Lab; options: OptionItem[]; reload: () => void };

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
  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus());

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
        {items.length === 0 ? (
          <p class="setup-empty">{t("setup.options.empty")}</p>
        ) : (
          <div class="setup-table-wrap">
            <table class="setup-table" data-testid="options-table">
              <caption class="visually-hidden">{listName(list)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("setup.option.code")}</th>
                  <th scope="col">{t("setup.option.labelId")}</th>
                  <th scope="col">{t("setup.option.labelEn")}</th>
                  <th scope="col">{t("setup.agencies.state")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("setup.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) =>
                  editing === o.code ? (
                    <tr key={o.code} class="setup-table__form-row">
                      <td colSpan={5}>
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
                            setEditing(null);
                            reload();
                            focusLater(`option-edit-${o.code}`);
                          }}
                          onCancel={() => {
                            setEditing(null);
                            focusLater(`option-edit-${o.code}`);
                          }}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={o.code} class={o.retired ? "is-retired" : undefined} data-testid="option-row" data-code={o.code}>
                      <td class="setup-table__code">{o.code}</td>
                      <td>{o.labelId}</td>
                      <td>{o.labelEn}</td>
                      <td>
                        {o.retired ? (
                          <span class="setup-state setup-state--retired">{t("setup.options.retired")}</span>
                        ) : (
                          <span class="setup-state">{t("setup.active")}</span>
                        )}
                      </td>
                      <td class="setup-table__actions">
                        {o.retired ? (
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            data-testid="option-restore"
                            disabled={change.busy}
                            aria-label={t("setup.options.restoreAria", { label: o.labelId })}
                            onClick={() => void restore(o)}
                          >
                            {t("setup.options.restore")}
                          </button>
                        ) : (
                          <>
                            <button
                              type="button"
                              id={`option-edit-${o.code}`}
                              class="button button--secondary button--small"
                              data-testid="option-edit"
                              aria-label={t("setup.options.editAria", { label: o.labelId })}
                              onClick={() => setEditing(o.code)}
                            >
                              {t("setup.options.rename")}
                            </button>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              data-testid="option-retire"
                              disabled={change.busy}
                              aria-label={t("setup.options.retireAria", { label: o.labelId })}
                              onClick={() => void retire(o)}
                            >
                              {t("setup.options.retire")}
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}

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

function OptionForm({ prefix, title, initial, fixedCode, taken, submitLabel, onSubmit, onCancel }: FormProps) {
  const [values, setValues] = useState(initial);
  /** Whether the code was typed by hand (else it follows the Indonesian label). */
  const [codeTyped, setCodeTyped] = useState(fixedCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = (field: string) => `${prefix}-${field}`;

  useEffect(() => {
    if (fixedCode) document.getElementById(id("labelId"))?.focus();
  }, []);
  useEffect(() => {
    if (error?.field) document.getElementById(id(error.field))?.focus();
  }, [error]);

  const submit = async () => {
    const code = values.code.trim();
    if (!fixedCode && taken.includes(code)) {
      setError(new ApiError("duplicate", `a record with this code already exists: ${code}`, "code"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(code, values.labelId, values.labelEn);
      if (!fixedCode) {
        setValues({ code: "", labelId: "", labelEn: "" });
        setCodeTyped(false);
        document.getElementById(id("labelId"))?.focus();
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
      <h4 class="setup-form__title">{title}</h4>
      {error && !isAtField(error, ["code", "labelId", "labelEn"]) && <SetupBanner error={error} />}
      <div class="setup-form__grid">
        <TextField
          id={id("labelId")}
          label={t("setup.option.labelId")}
          testid={`${prefix}-labelId`}
          value={values.labelId}
          onValue={(labelId) => setValues((v) => ({ ...v, labelId, code: codeTyped ? v.code : codeFrom(labelId) }))}
          problem={problemAt(OPTION_LABELS, error, "labelId")}
          required
        />
        <TextField
          id={id("labelEn")}
          label={t("setup.option.labelEn")}
          testid={`${prefix}-labelEn`}
          value={values.labelEn}
          onValue={(labelEn) => setValues((v) => ({ ...v, labelEn }))}
          problem={problemAt(OPTION_LABELS, error, "labelEn")}
          hint={t("setup.options.labelEnHint")}
        />
      </div>
      {fixedCode ? (
        <p class="field__hint">{t("setup.options.codeFixed", { code: values.code })}</p>
      ) : (
        <TextField
          id={id("code")}
          label={t("setup.option.code")}
          testid={`${prefix}-code`}
          value={values.code}
          onValue={(code) => {
            setCodeTyped(code !== "");
            setValues((v) => ({ ...v, code }));
          }}
          problem={problemAt(OPTION_LABELS, error, "code")}
          hint={t("setup.options.codeHint")}
          required
        />
      )}
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
