import { useEffect, useState } from "preact/hooks";
import { ApiError, logFolder, openLogFolder } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { t } from "../../i18n";

/**
 * "Log aplikasi": where the app's log is written, and "Buka folder log", which opens that
 * folder in the system's file manager (from the Rust side: the webview opens nothing).
 */
export function LogFolder() {
  const [path, setPath] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    // The path is only shown; should it not come, the button still opens the folder and
    // answers with it.
    logFolder().then(setPath, () => setPath(null));
  }, []);

  const open = () => {
    setOpening(true);
    setError(null);
    openLogFolder().then(
      (opened) => {
        setPath(opened);
        setOpening(false);
      },
      (reason: unknown) => {
        setError(ApiError.from(reason));
        setOpening(false);
      },
    );
  };

  return (
    <section class="logs" aria-labelledby="logs-title" data-testid="logs">
      <h2 id="logs-title" class="export__title">
        {t("logs.title")}
      </h2>
      <p class="card__note">{t("logs.intro")}</p>
      {path && (
        <p class="logs__path">
          {t("logs.where")} <code data-testid="logs-path">{path}</code>
        </p>
      )}
      <button
        type="button"
        class="button button--secondary"
        data-testid="logs-open"
        disabled={opening}
        onClick={open}
      >
        {t("logs.open")}
      </button>
      {error && <ErrorBanner error={error} text={t("logs.openFailed")} />}
    </section>
  );
}
