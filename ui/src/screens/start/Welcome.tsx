import { useState } from "preact/hooks";
import { ApiError, createDemoLab, openLab } from "../../api";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { t } from "../../i18n";
import { NewLabForm } from "./NewLabForm";

/** First start: what Labinov is, the demo lab, and the form for a real lab. */
export function Welcome({ onOpen }: { onOpen: (lab: Lab) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const openDemo = async () => {
    setBusy(true);
    setError(null);
    try {
      const demo = await createDemoLab();
      onOpen(await openLab(demo.id));
    } catch (reason) {
      setError(ApiError.from(reason));
      setBusy(false);
    }
  };

  return (
    <div class="start">
      <header class="start__intro">
        <h1 class="start__title">{t("welcome.title")}</h1>
        <p class="lead">{t("welcome.intro")}</p>
      </header>
      <div class="start__grid">
        <section class="card card--accent demo" aria-labelledby="demo-title">
          <h2 id="demo-title" class="card__title">
            {t("welcome.demoTitle")}
          </h2>
          <p>{t("welcome.demoText")}</p>
          {error && <ErrorBanner error={error} />}
          <button
            type="button"
            class="button button--primary button--huge"
            data-testid="open-demo"
            disabled={busy}
            onClick={openDemo}
          >
            {busy ? t("welcome.openingDemo") : t("welcome.openDemo")}
          </button>
        </section>
        <NewLabForm onOpen={onOpen} />
      </div>
    </div>
  );
}
