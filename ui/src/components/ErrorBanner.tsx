import type { ApiError } from "../api";
import { fieldErrorText } from "../errors";
import { errorText, t } from "../i18n";

type Props = {
  error: ApiError;
  /** Shows a "try again" button that calls this. */
  onRetry?: () => void;
  /** The form shows no marks at its fields: say which field and why in the banner. */
  unmarked?: boolean;
  /** What happened in the caller's words (a reason it understood), instead of the code's text. */
  text?: string;
};

/** An error that is not about one form field: what happened, what to do, and the detail. */
export function ErrorBanner({ error, onRetry, unmarked, text: given }: Props) {
  const text = given ?? (unmarked && error.field ? fieldErrorText(error, error.field) : errorText(error.code));
  return (
    <div class="banner banner--error" role="alert" data-testid="error-banner">
      <p class="banner__text">{text}</p>
      {error.message && <p class="detail">{t("common.detail", { message: error.message })}</p>}
      {onRetry && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
