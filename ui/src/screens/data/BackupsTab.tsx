import { useEffect, useState } from "preact/hooks";
import { ApiError, listBackups, restoreBackup } from "../../api";
import type { BackupInfo } from "../../bindings/BackupInfo";
import type { Lab } from "../../bindings/Lab";
import { Confirm } from "../../components/Confirm";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, getLocale, t } from "../../i18n";
import { formatBytes } from "./ExportPanel";

/** A backup's time to the second (several can be taken in one minute). */
function backupTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(getLocale() === "en" ? "en-GB" : "id-ID", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(iso));
}

/** How many backups the core keeps (`DEFAULT_BACKUPS_KEPT`). */
const KEPT = 20;

/** "Cadangan": the rolling backups, newest first; restore after a confirmation. */
export function BackupsTab({ lab }: { lab: Lab }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [asking, setAsking] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ at: string; before: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const when = (b: BackupInfo) => backupTime(b.takenAt, lab.timeZone);

  const load = () => listBackups().then(setBackups, (reason: unknown) => setError(ApiError.from(reason)));
  useEffect(() => {
    void load();
  }, []);

  const restore = (b: BackupInfo) => {
    setAsking(null);
    setBusy(true);
    setError(null);
    restoreBackup(b.name).then(
      (before) => {
        setDone({ at: when(b), before: when(before) });
        setBusy(false);
        void load();
      },
      (reason: unknown) => {
        setError(ApiError.from(reason));
        setBusy(false);
      },
    );
  };

  return (
    <div class="backups" data-testid="backups-panel">
      <h2 class="export__title">{t("backups.title")}</h2>
      <p class="card__note">{t("backups.intro", { n: formatNumber(KEPT) })}</p>
      {error && <ErrorBanner error={error} />}
      {busy && <p role="status">{t("backups.restoring")}</p>}
      {done && (
        <div class="banner export__done" role="status" data-testid="backups-done">
          <p class="banner__text">{t("backups.restored", done)}</p>
        </div>
      )}
      {asking && (
        <Confirm
          question={t("backups.confirm", { at: when(asking) })}
          yes={t("backups.confirmYes")}
          danger
          onYes={() => restore(asking)}
          onNo={() => setAsking(null)}
        />
      )}
      {backups !== null && backups.length === 0 && (
        <p class="empty" data-testid="backups-none">
          {t("backups.none")}
        </p>
      )}
      {backups !== null && backups.length > 0 && (
        <table class="backups__table" data-testid="backups-table">
          <thead>
            <tr>
              <th scope="col">{t("backups.taken")}</th>
              <th scope="col">{t("backups.size")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("backups.restore")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name} data-testid="backup">
                <td>{when(b)}</td>
                <td>{formatBytes(b.size)}</td>
                <td>
                  <button
                    type="button"
                    class="button button--secondary"
                    data-testid="backup-restore"
                    disabled={busy}
                    onClick={() => setAsking(b)}
                  >
                    {t("backups.restore")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
