import type { ApiError } from "../api";
import { errorText, t } from "../i18n";

type Props = {
  error: ApiError;
  /** Shows a "try again" button that calls this. */
  onRetry?: () => void;
};

/** An error that is not about one form field: what happened, what to do, and the detail. */
export function ErrorBanner({ error, onRetry }: Props) {
  return (
    <div class="banner banner--error" role="alert" data-testid="error-banner">
      <p class="banner__text">{errorText(error.code)}</p>
      {error.message && <p class="detail">{t("common.detail", { message: error.message })}</p>}
      {onRetry && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
