import { pure } from "../../components/pure";
import { useEffect, useState } from "preact/hooks";
import { listDrafts } from "../../api";
import type { Agency } from "../../bindings/Agency";
import type { Draft } from "../../bindings/Draft";
import { Confirm } from "../../components/Confirm";
import { formatDateTime, t, useLocale } from "../../i18n";

type Props = {
  labId: string;
  timeZone: string;
  agencies: readonly Agency[];
  /** The draft in the form right now: not offered again. */
  currentId: string;
  /** Changes whenever drafts were stored or removed. */
  version: number;
  onResume: (draft: Draft) => void;
  onDiscard: (draftId: string) => void;
};

/**
 * Drafts waiting in the database: what a crash, a closed window or Esc left behind. On the
 * next start this is the first thing the capture screen offers. Memoised: typing in the
 * form does not redraw it.
 */
export const Drafts = pure(function Drafts({
  labId,
  timeZone,
  agencies,
  currentId,
  version,
  onResume,
  onDiscard,
}: Props) {
  useLocale();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [asking, setAsking] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    listDrafts(labId).then(
      (d) => current && setDrafts(d),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [labId, version]);

  const waiting = drafts.filter((d) => d.id !== currentId);
  if (waiting.length === 0) return null;
  const agencyName = (id: unknown) => agencies.find((a) => a.id === id)?.shortName;

  return (
    <section class="card drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <div class="card__head">
        <h2 id="drafts-title" class="card__title">
          {t("draft.listTitle")} <span class="badge">{waiting.length}</span>
        </h2>
        <p class="card__note">{t("draft.listHint")}</p>
      </div>
      <ul class="drafts__list">
        {waiting.map((d) => {
          const fields = d.fields as Record<string, unknown>;
          const title = typeof fields.title === "string" && fields.title.trim() ? fields.title : t("draft.untitled");
          return (
            <li key={d.id} class="drafts__item" data-testid="draft-item">
              <span class="drafts__title">{title}</span>
              <span class="drafts__meta">
                {[
                  d.ideaId && t("draft.editOf", { title: d.ideaTitle }),
                  agencyName(fields.agencyId),
                  t("draft.updatedAt", { time: formatDateTime(d.updatedAt, timeZone) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              <span class="drafts__actions">
                <button
                  type="button"
                  class="button button--small button--primary"
                  data-testid="draft-resume"
                  onClick={() => onResume(d)}
                >
                  {t("draft.resume")}
                </button>
                <button type="button" class="button button--small button--secondary" onClick={() => setAsking(d.id)}>
                  {t("draft.discard")}
                </button>
              </span>
              {asking === d.id && (
                <Confirm
                  danger
                  question={t("draft.discardConfirm")}
                  yes={t("draft.discard")}
                  onYes={() => {
                    setAsking(null);
                    onDiscard(d.id);
                  }}
                  onNo={() => setAsking(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
