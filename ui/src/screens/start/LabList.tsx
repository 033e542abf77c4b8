import { useState } from "preact/hooks";
import { ApiError, openLab } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { LabSummary } from "../../bindings/LabSummary";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatDate, formatNumber, t, tn } from "../../i18n";
import { NewLabForm } from "./NewLabForm";

type Props = {
  labs: readonly LabSummary[];
  onOpen: (lab: Lab) => void;
  onArchive: () => void;
};

/** The labs on this laptop, newest first, and a way to create another. */
export function LabList({ labs, onOpen, onArchive }: Props) {
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const open = async (labId: string) => {
    setError(null);
    try {
      onOpen(await openLab(labId));
    } catch (reason) {
      setError(ApiError.from(reason));
    }
  };

  return (
    <div class="start">
      <header class="start__intro start__intro--row">
        <div>
          <h1 class="start__title">{t("labs.title")}</h1>
          <p class="lead">{t("labs.intro")}</p>
        </div>
        <div class="start__actions">
          <button type="button" class="button button--secondary" data-testid="open-archive" onClick={onArchive}>
            {t("labs.archive")}
          </button>
          {!creating && (
            <button type="button" class="button button--secondary" onClick={() => setCreating(true)}>
              {t("labs.new")}
            </button>
          )}
        </div>
      </header>
      {creating && <NewLabForm onOpen={onOpen} onCancel={() => setCreating(false)} />}
      {error && <ErrorBanner error={error} />}
      <ul class="lab-list">
        {labs.map(({ lab, ideaCount, agencyCount }) => (
          <li key={lab.id}>
            <button type="button" class="lab-card" onClick={() => open(lab.id)}>
              <span class="lab-card__name">{lab.name}</span>
              <span class="lab-card__meta">
                {tn("labs.schedule", lab.days, { date: formatDate(lab.startDate) })}
              </span>
              {(lab.venue || lab.city) && (
                <span class="lab-card__meta">
                  {lab.venue && lab.city ? t("labs.place", { venue: lab.venue, city: lab.city }) : lab.venue || lab.city}
                </span>
              )}
              <span class="lab-card__counts">
                <span>{tn("labs.ideas", ideaCount, { target: formatNumber(lab.ideaTarget) })}</span>
                <span>{tn("labs.agencies", agencyCount)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
