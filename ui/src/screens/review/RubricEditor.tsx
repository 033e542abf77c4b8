import { useEffect, useState } from "preact/hooks";
import { ApiError, saveRubric } from "../../api";
import type { Criterion } from "../../bindings/Criterion";
import { Confirm } from "../../components/Confirm";
import { ErrorBanner } from "../../components/ErrorBanner";
import { t } from "../../i18n";

type Row = { code: string; labelId: string; labelEn: string; weight: string; scaleMax: string };

const toRow = (c: Criterion): Row => ({ code: c.code, labelId: c.labelId, labelEn: c.labelEn, weight: String(c.weight), scaleMax: String(c.scaleMax) });

/** A code for a new criterion from its name: lower case, dashes, unique in the rubric. */
export function newCode(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32) || "kriteria";
  let code = base;
  for (let n = 2; taken.includes(code); n++) code = `${base}-${n}`;
  return code;
}

/**
 * The lab's rubric: criteria with a weight and a scale, added, renamed, reweighted and
 * removed. Before the first review it simply saves; once reviews exist the core refuses
 * without a confirmation (error field "confirm"), so the editor asks first. Scores already
 * given keep the scale they were given on, and the ranking is recomputed with the new
 * weights.
 */
export function RubricEditor({ labId, criteria, onSaved }: { labId: string; criteria: readonly Criterion[]; onSaved: (c: Criterion[]) => void }) {
  const [rows, setRows] = useState<Row[]>(() => criteria.map(toRow));
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState("");
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setRows(criteria.map(toRow));
  }, [criteria]);

  const change = (i: number, patch: Partial<Row>) => {
    setDirty(true);
    setNote("");
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  };

  const save = (confirmed: boolean) => {
    const taken: string[] = [];
    const list: Criterion[] = rows.map((r, i) => {
      const code = r.code || newCode(r.labelId, [...taken, ...rows.map((x) => x.code)]);
      taken.push(code);
      return { code, labelId: r.labelId, labelEn: r.labelEn, weight: Number(r.weight.replace(",", ".")), scaleMax: Number(r.scaleMax), position: i };
    });
    saveRubric(labId, list, confirmed).then(
      (saved) => {
        setAsking(false);
        setError(null);
        setDirty(false);
        setRows(saved.map(toRow));
        setNote(t("rubric.saved"));
        onSaved(saved);
      },
      (reason: unknown) => {
        const e = ApiError.from(reason);
        if (e.field === "confirm") {
          setAsking(true);
          setError(null);
        } else {
          setAsking(false);
          setError(e);
        }
      },
    );
  };

  const total = rows.reduce((s, r) => s + (Number(r.weight.replace(",", ".")) || 0), 0);
  return (
    <div class="rubric" data-testid="rubric-editor">
      <p class="card__note">{t("rubric.intro")}</p>
      {error && <ErrorBanner error={error} unmarked />}
      <table class="rubric__table">
        <thead>
          <tr>
            <th scope="col">{t("rubric.labelId")}</th>
            <th scope="col">{t("rubric.labelEn")}</th>
            <th scope="col">{t("rubric.weight")}</th>
            <th scope="col">{t("rubric.scale")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("rubric.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="rubric-row">
              <td>
                <input class="input" aria-label={t("rubric.labelId")} value={r.labelId} onInput={(e) => change(i, { labelId: e.currentTarget.value })} />
              </td>
              <td>
                <input class="input" aria-label={t("rubric.labelEn")} value={r.labelEn} onInput={(e) => change(i, { labelEn: e.currentTarget.value })} />
              </td>
              <td>
                <input
                  class="input rubric__num"
                  inputMode="decimal"
                  aria-label={t("rubric.weightOf", { name: r.labelId })}
                  value={r.weight}
                  onInput={(e) => change(i, { weight: e.currentTarget.value })}
                />
                <span class="rubric__share">{total > 0 ? `${Math.round(((Number(r.weight.replace(",", ".")) || 0) / total) * 100)}%` : ""}</span>
              </td>
              <td>
                <select class="input select" aria-label={t("rubric.scaleOf", { name: r.labelId })} value={r.scaleMax} onChange={(e) => change(i, { scaleMax: e.currentTarget.value })}>
                  {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                    <option key={n} value={String(n)}>
                      1–{n}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  class="button button--secondary"
                  aria-label={t("rubric.removeOf", { name: r.labelId })}
                  disabled={rows.length <= 1}
                  onClick={() => {
                    setDirty(true);
                    setRows((rs) => rs.filter((_, k) => k !== i));
                  }}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="form-actions">
        <button
          type="button"
          class="button button--secondary"
          data-testid="rubric-add"
          onClick={() => {
            setDirty(true);
            setRows((rs) => [...rs, { code: "", labelId: "", labelEn: "", weight: "1", scaleMax: "5" }]);
          }}
        >
          {t("rubric.add")}
        </button>
        <button type="button" class="button button--primary" data-testid="rubric-save" disabled={!dirty} onClick={() => save(false)}>
          {t("rubric.save")}
        </button>
        <p class="save-status" role="status" data-testid="rubric-status">
          {note}
        </p>
      </div>
      {asking && <Confirm question={t("rubric.confirm")} yes={t("rubric.confirmYes")} onYes={() => save(true)} onNo={() => setAsking(false)} />}
    </div>
  );
}
