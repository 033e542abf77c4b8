import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, iidConfig, saveIidConfig, shippedIidConfigs } from "../../api";
import type { IidConfig } from "../../bindings/IidConfig";
import type { Lab } from "../../bindings/Lab";
import type { Reason } from "../../bindings/Reason";
import { reasonText } from "../../errors";
import { catalogues, errorText, formatNumber, t, type MessageKey } from "../../i18n";

/** The form: a configuration with its numbers kept as typed until saved. */
type Form = { config: IidConfig; year: string; weights: string[]; mins: string[] };

/** Why a save was refused: at a place of the configuration (its path, as the core names it). */
type Problem = { field: string; reason: Reason | null; error: ApiError | null };

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export function formOf(c: IidConfig): Form {
  return {
    config: clone(c),
    year: String(c.year),
    weights: c.indicators.map((i) => String(i.weight)),
    mins: c.bands.map((b) => String(b.min)),
  };
}

/**
 * A whole number as typed; a negative one becomes 0, which the core refuses with the range
 * it keeps (said once, there). `null` when it is no whole number at all.
 */
function whole(s: string): number | null {
  const v = s.trim();
  return /^-?\d{1,9}$/.test(v) ? Math.max(0, Number(v)) : null;
}

/** The configuration the form describes, or the first value that is not a number. */
export function configOf(form: Form): IidConfig | Problem {
  const c = clone(form.config);
  const year = whole(form.year);
  if (year === null) return { field: "year", reason: { kind: "notAWholeNumber", value: form.year }, error: null };
  c.year = year;
  for (const [i, text] of form.weights.entries()) {
    const w = whole(text);
    if (w === null) return { field: `indicators.${i}.weight`, reason: { kind: "notAWholeNumber", value: text }, error: null };
    c.indicators[i].weight = w;
  }
  for (const [i, text] of form.mins.entries()) {
    const n = Number(text.trim().replace(",", "."));
    if (text.trim() === "" || !Number.isFinite(n)) return { field: `bands.${i}.min`, reason: { kind: "iidBandRange" }, error: null };
    c.bands[i].min = n;
  }
  return c;
}

const INDICATOR_FIELDS: Record<string, MessageKey> = {
  code: "fu.cfg.field.code",
  labelId: "fu.cfg.field.labelId",
  labelEn: "fu.cfg.field.labelEn",
  weight: "fu.cfg.field.weight",
  parameters: "fu.cfg.field.parameters",
};
const BAND_FIELDS: Record<string, MessageKey> = {
  code: "fu.cfg.field.bandCode",
  labelId: "fu.cfg.field.bandLabel",
  labelEn: "fu.cfg.field.bandLabel",
  min: "fu.cfg.field.bandMin",
};
const TOP_FIELDS: Record<string, MessageKey> = {
  year: "fu.cfg.field.year",
  maxParameter: "fu.cfg.field.maxParameter",
  indicators: "fu.cfg.field.indicators",
  bands: "fu.cfg.field.bands",
};

/** The words for a place of the configuration (`indicators.3.weight` → "Bobot indikator 19"). */
export function placeLabel(path: string, c: IidConfig): string {
  const [head, index, field, sub] = path.split(".");
  const i = Number(index);
  if (head === "indicators" && field) {
    const number = c.indicators[i]?.number ?? i + 1;
    if (field === "parameters" && sub !== undefined) return t("fu.cfg.field.parameter", { value: Number(sub) + 1, number });
    const key = INDICATOR_FIELDS[field];
    if (key) return t(key, { number });
  }
  if (head === "bands" && field && BAND_FIELDS[field]) return t(BAND_FIELDS[field], { n: i + 1 });
  return TOP_FIELDS[path] ? t(TOP_FIELDS[path]) : path;
}

/** The Indonesian and English wording of a new parameter `value`, from the catalogues. */
const newParameter = (value: number) => ({
  labelId: catalogues.id["fu.cfg.newParam"].replace("{value}", String(value)),
  labelEn: catalogues.en["fu.cfg.newParam"].replace("{value}", String(value)),
});

type Props = { lab: Lab };

/**
 * "Pengaturan IID": the lab's IID configuration as data to edit. Pick the lab's own or a
 * shipped year's values; the indicators with their weights in a table (↑ ↓ move between
 * weights), the selected indicator's names, evidence hint, "to check" mark and parameters
 * beside it; the bands; save (Ctrl+Enter) through `save_iid_config`, whose refusal is shown
 * at the cell it names.
 */
export function IidConfigEditor({ lab }: Props) {
  const [saved, setSaved] = useState<IidConfig | null>(null);
  const [shipped, setShipped] = useState<IidConfig[]>([]);
  const [form, setForm] = useState<Form | null>(null);
  const [source, setSource] = useState("own");
  const [selected, setSelected] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const load = () =>
    Promise.all([iidConfig(lab.id), shippedIidConfigs()]).then(
      ([own, list]) => {
        setSaved(own);
        setShipped(list);
        setForm(formOf(own));
        setSource("own");
        setLoadError(null);
      },
      (reason: unknown) => setLoadError(ApiError.from(reason)),
    );
  useEffect(() => void load(), [lab.id]);

  // A refusal: show its indicator, then put the cursor in the cell it names.
  useEffect(() => {
    if (!problem) return;
    const m = /^indicators\.(\d+)\./.exec(problem.field);
    if (m) setSelected(Number(m[1]));
    requestAnimationFrame(() => {
      const el = root.current?.querySelector<HTMLElement>(`[data-field="${problem.field}"], [data-field^="${problem.field}."]`);
      el?.focus();
      el?.scrollIntoView?.({ block: "center" });
    });
  }, [problem]);

  if (loadError) {
    return (
      <div class="banner banner--error" role="alert" data-testid="cfg-load-error">
        <p class="banner__text">{errorText(loadError.code)}</p>
        <button type="button" class="button button--secondary" onClick={() => void load()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (!form || !saved) return null;

  const c = form.config;
  const edit = (f: (x: Form) => void) => {
    setStatus(null);
    setForm((prev) => {
      if (!prev) return prev;
      const next = clone(prev);
      f(next);
      return next;
    });
  };
  // What a text field or a tick box writes into the form.
  const typed = (set: (f: Form, v: string) => void) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    edit((f) => set(f, v));
  };
  const ticked = (set: (f: Form, on: boolean) => void) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    edit((f) => set(f, on));
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(saved));
  const same = (a: IidConfig, b: IidConfig) => JSON.stringify(a) === JSON.stringify(b);
  const resetTo = shipped.find((s) => String(s.year) === form.year.trim()) ?? shipped[shipped.length - 1];

  const pick = (value: string) => {
    setSource(value);
    setProblem(null);
    if (value === "own") {
      setForm(formOf(saved));
      setStatus(null);
    } else {
      const s = shipped[Number(value)];
      setForm(formOf(s));
      setStatus(t("fu.cfg.loaded", { year: s.year }));
    }
  };
  const reset = () => {
    if (resetTo) pick(String(shipped.indexOf(resetTo)));
  };

  const save = () => {
    const next = configOf(form);
    if ("field" in next) {
      setProblem(next);
      return;
    }
    setBusy(true);
    setProblem(null);
    saveIidConfig(lab.id, next)
      .then(
        (done) => {
          setSaved(done);
          setForm(formOf(done));
          setSource("own");
          setStatus(t("fu.cfg.saved"));
        },
        (reason: unknown) => {
          const error = ApiError.from(reason);
          setProblem({ field: error.field ?? "", reason: error.reason, error });
        },
      )
      .finally(() => setBusy(false));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };

  const invalid = (path: string) => problem?.field === path;
  const cell = (path: string) => ({ "data-field": path, "aria-invalid": invalid(path) ? ("true" as const) : undefined });
  const focusWeight = (i: number) => {
    if (i < 0 || i >= c.indicators.length) return;
    setSelected(i);
    root.current?.querySelector<HTMLInputElement>(`[data-field="indicators.${i}.weight"]`)?.focus();
  };

  const sum = form.weights.reduce((acc, w) => acc + (whole(w) ?? 0), 0);
  const ind = c.indicators[Math.min(selected, c.indicators.length - 1)];
  const sel = c.indicators.indexOf(ind);
  const problemText = problem
    ? problem.reason
      ? reasonText(problem.reason, placeLabel(problem.field, c))
      : errorText(problem.error?.code ?? "internal")
    : null;

  return (
    <div class="fu-cfg" ref={root} onKeyDown={onKeyDown} data-testid="iid-config-editor">
      <div class="card fu-card fu-cfg__head">
        <h2 class="visually-hidden">{t("fu.cfg.title")}</h2>
        <div class="fu-cfg__top">
          <label class="fu-cfg__pick">
            <span class="field__label">{t("fu.cfg.pick")}</span>
            <select class="input" value={source} data-testid="cfg-source" onChange={(e) => pick(e.currentTarget.value)}>
              <option value="own">
                {shipped.some((s) => same(s, saved)) ? t("fu.cfg.ownShipped", { year: saved.year }) : t("fu.cfg.own", { year: saved.year })}
              </option>
              {shipped.map((s, i) => (
                <option key={s.year} value={String(i)}>
                  {t("fu.cfg.shipped", { year: s.year })}
                </option>
              ))}
            </select>
          </label>
          <label class="fu-cfg__year">
            <span class="field__label">{t("fu.cfg.year")}</span>
            <input
              class="input"
              inputMode="numeric"
              value={form.year}
              data-testid="cfg-year"
              {...cell("year")}
              onInput={typed((f, v) => {
                f.year = v;
              })}
            />
          </label>
          <label class="fu-check fu-cfg__evidence">
            <input
              type="checkbox"
              checked={c.evidenceRequired}
              data-testid="cfg-evidence-required"
              onChange={ticked((f, on) => {
                f.config.evidenceRequired = on;
              })}
            />
            {t("fu.cfg.evidenceRequired")}
          </label>
          <p class="fu-cfg__summary" data-testid="cfg-summary">
            {t("fu.cfg.summary", {
              count: c.indicators.length,
              sum: formatNumber(sum),
              max: c.maxParameter,
              points: formatNumber(sum * c.maxParameter),
            })}
          </p>
        </div>
        <details class="fu-muted fu-cfg__source">
          <summary>
            <span class="fu-badge fu-badge--uncertain">{t("fu.iid.uncertain")}</span> {t("fu.cfg.uncertainNote")}
          </summary>
          <p>{t("fu.cfg.intro")}</p>
          {(c.scaleUncertain || c.agencyScoreUncertain) && <p>{t("fu.cfg.scaleNote")}</p>}
          <p>
            {t("fu.cfg.source")}: {c.source}
          </p>
        </details>
      </div>

      <div class="fu-cfg__grid">
        <section class="card fu-card fu-cfg__list" aria-labelledby="cfg-ind-title">
          <h3 id="cfg-ind-title" class="fu-subtitle">
            {t("fu.cfg.indicators")}
          </h3>
          <p class="fu-muted">{t("fu.cfg.tableHint")}</p>
          <div class="fu-cfg__scroll">
            <table class="fu-table" data-testid="cfg-indicators">
              <thead>
                <tr>
                  <th scope="col">{t("fu.cfg.number")}</th>
                  <th scope="col">{t("fu.cfg.name")}</th>
                  <th scope="col">{t("fu.cfg.weight")}</th>
                </tr>
              </thead>
              <tbody>
                {c.indicators.map((x, i) => (
                  <tr key={i} class={i === sel ? "is-selected" : undefined} data-testid="cfg-row">
                    <td class="fu-nowrap">{x.number}.</td>
                    <th scope="row" id={`cfg-ind-${i}`}>
                      <button
                        type="button"
                        class="fu-link"
                        data-testid="cfg-open"
                        aria-current={i === sel ? "true" : undefined}
                        onClick={() => setSelected(i)}
                      >
                        {x.labelId || placeLabel(`indicators.${i}.labelId`, c)}
                      </button>
                      {x.uncertain && <span class="fu-badge fu-badge--uncertain">{t("fu.iid.uncertain")}</span>}
                    </th>
                    <td>
                      <input
                        class="input fu-cfg__weight"
                        inputMode="numeric"
                        aria-label={placeLabel(`indicators.${i}.weight`, c)}
                        value={form.weights[i]}
                        data-testid="cfg-weight"
                        {...cell(`indicators.${i}.weight`)}
                        onFocus={() => setSelected(i)}
                        onKeyDown={(e) => {
                          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                            e.preventDefault();
                            focusWeight(i + (e.key === "ArrowDown" ? 1 : -1));
                          }
                        }}
                        onInput={typed((f, v) => {
                          f.weights[i] = v;
                        })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        {ind && (
          <section class="card fu-card fu-cfg__detail" aria-labelledby="cfg-detail-title" data-testid="cfg-detail">
            <h3 id="cfg-detail-title" class="fu-subtitle">
              {t("fu.cfg.selected", { number: ind.number })}
            </h3>
            <div class="field-row">
              <label class="field">
                <span class="field__label">{t("fu.cfg.nameId")}</span>
                <input
                  class="input"
                  value={ind.labelId}
                  data-testid="cfg-name-id"
                  {...cell(`indicators.${sel}.labelId`)}
                  onInput={typed((f, v) => {
                    f.config.indicators[sel].labelId = v;
                  })}
                />
              </label>
              <label class="field">
                <span class="field__label">{t("fu.cfg.nameEn")}</span>
                <input
                  class="input"
                  value={ind.labelEn}
                  data-testid="cfg-name-en"
                  {...cell(`indicators.${sel}.labelEn`)}
                  onInput={typed((f, v) => {
                    f.config.indicators[sel].labelEn = v;
                  })}
                />
              </label>
            </div>
            <label class="field">
              <span class="field__label">{t("fu.cfg.hint")}</span>
              <input
                class="input"
                value={ind.evidenceHintId}
                data-testid="cfg-hint"
                onInput={typed((f, v) => {
                  f.config.indicators[sel].evidenceHintId = v;
                })}
              />
            </label>
            <label class="fu-check">
              <input
                type="checkbox"
                checked={ind.uncertain}
                data-testid="cfg-uncertain"
                onChange={ticked((f, on) => {
                  f.config.indicators[sel].uncertain = on;
                })}
              />
              {t("fu.cfg.uncertain")}
            </label>
            <h4 class="fu-subtitle">{t("fu.cfg.parameters")}</h4>
            <p class="fu-muted">{t("fu.cfg.paramsNote", { max: c.maxParameter })}</p>
            <table class="fu-table fu-cfg__params" data-testid="cfg-params" {...cell(`indicators.${sel}.parameters`)} tabIndex={-1}>
              <thead>
                <tr>
                  <th scope="col">{t("fu.cfg.value")}</th>
                  <th scope="col">{t("fu.cfg.nameId")}</th>
                  <th scope="col">{t("fu.cfg.nameEn")}</th>
                </tr>
              </thead>
              <tbody>
                {ind.parameters.map((p, j) => (
                  <tr key={j} data-testid="cfg-param">
                    <td class="fu-cfg__value">{j + 1}</td>
                    <td>
                      <input
                        class="input"
                        aria-label={t("fu.cfg.paramId", { value: j + 1 })}
                        value={p.labelId}
                        data-testid="cfg-param-id"
                        {...cell(`indicators.${sel}.parameters.${j}.labelId`)}
                        onInput={typed((f, v) => {
                          f.config.indicators[sel].parameters[j].labelId = v;
                        })}
                      />
                    </td>
                    <td>
                      <input
                        class="input"
                        aria-label={t("fu.cfg.paramEn", { value: j + 1 })}
                        value={p.labelEn}
                        data-testid="cfg-param-en"
                        {...cell(`indicators.${sel}.parameters.${j}.labelEn`)}
                        onInput={typed((f, v) => {
                          f.config.indicators[sel].parameters[j].labelEn = v;
                        })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="form-actions">
              <button
                type="button"
                class="button button--secondary"
                data-testid="cfg-add-param"
                onClick={() =>
                  edit((f) => {
                    f.config.maxParameter += 1;
                    for (const x of f.config.indicators) x.parameters.push(newParameter(f.config.maxParameter));
                  })
                }
              >
                {t("fu.cfg.addParam")}
              </button>
              <button
                type="button"
                class="button button--secondary"
                data-testid="cfg-remove-param"
                disabled={c.maxParameter <= 1}
                onClick={() =>
                  edit((f) => {
                    f.config.maxParameter -= 1;
                    for (const x of f.config.indicators) x.parameters.pop();
                  })
                }
              >
                {t("fu.cfg.removeParam", { value: c.maxParameter })}
              </button>
            </div>
          </section>
        )}
      </div>

      <section class="card fu-card" aria-labelledby="cfg-bands-title">
        <h3 id="cfg-bands-title" class="fu-subtitle">
          {t("fu.cfg.bands")}
        </h3>
        <table class="fu-table fu-cfg__bands" data-testid="cfg-bands">
          <thead>
            <tr>
              <th scope="col">{t("fu.cfg.nameId")}</th>
              <th scope="col">{t("fu.cfg.nameEn")}</th>
              <th scope="col">{t("fu.cfg.bandMin")}</th>
              <th scope="col">{t("fu.cfg.bandUncertain")}</th>
            </tr>
          </thead>
          <tbody>
            {c.bands.map((b, i) => (
              <tr key={b.code} data-testid="cfg-band">
                <td>
                  <input
                    class="input"
                    aria-label={`${placeLabel(`bands.${i}.labelId`, c)} · ${t("fu.cfg.nameId")}`}
                    value={b.labelId}
                    {...cell(`bands.${i}.labelId`)}
                    onInput={typed((f, v) => {
                      f.config.bands[i].labelId = v;
                    })}
                  />
                </td>
                <td>
                  <input
                    class="input"
                    aria-label={`${placeLabel(`bands.${i}.labelId`, c)} · ${t("fu.cfg.nameEn")}`}
                    value={b.labelEn}
                    {...cell(`bands.${i}.labelEn`)}
                    onInput={typed((f, v) => {
                      f.config.bands[i].labelEn = v;
                    })}
                  />
                </td>
                <td>
                  <input
                    class="input fu-cfg__min"
                    inputMode="decimal"
                    aria-label={placeLabel(`bands.${i}.min`, c)}
                    value={form.mins[i]}
                    data-testid="cfg-band-min"
                    {...cell(`bands.${i}.min`)}
                    onInput={typed((f, v) => {
                      f.mins[i] = v;
                    })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${placeLabel(`bands.${i}.labelId`, c)} · ${t("fu.cfg.bandUncertain")}`}
                    checked={b.uncertain}
                    onChange={ticked((f, on) => {
                      f.config.bands[i].uncertain = on;
                    })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div class="form-actions fu-cfg__actions">
        <button type="button" class="button button--primary" data-testid="cfg-save" disabled={busy} onClick={save}>
          {t("fu.cfg.save")}
        </button>
        <button type="button" class="button button--secondary" data-testid="cfg-discard" disabled={!dirty} onClick={() => pick("own")}>
          {t("fu.cfg.discard")}
        </button>
        {resetTo && (
          <button type="button" class="button button--secondary" data-testid="cfg-reset" onClick={reset}>
            {t("fu.cfg.reset", { year: resetTo.year })}
          </button>
        )}
        {problemText ? (
          <p class="fu-cfg__error" role="alert" data-testid="cfg-error" title={problem?.error?.message || undefined}>
            {problemText}
            {problem && !problemText.includes(placeLabel(problem.field, c)) && (
              <span class="fu-cfg__where"> {t("fu.cfg.at", { place: placeLabel(problem.field, c) })}</span>
            )}
          </p>
        ) : (
          <span class="fu-muted" role="status" data-testid="cfg-status">
            {status ?? (dirty ? t("fu.cfg.dirty") : "")}
          </span>
        )}
      </div>
    </div>
  );
}
