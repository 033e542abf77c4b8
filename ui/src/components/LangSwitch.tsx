import { setLocale, t, useLocale, type Locale } from "../i18n";

const LOCALES: Locale[] = ["id", "en"];

/** One button that flips between Bahasa Indonesia and English, showing both. */
export function LangSwitch() {
  const current = useLocale();
  return (
    <button
      type="button"
      class="lang-switch"
      data-testid="lang-switch"
      title={t("lang.switch")}
      onClick={() => setLocale(current === "id" ? "en" : "id")}
    >
      {LOCALES.map((l) => (
        <span key={l} class={l === current ? "lang-switch__item is-active" : "lang-switch__item"}>
          {l.toUpperCase()}
        </span>
      ))}
      {/* The visible "ID EN" starts the accessible name; this says what pressing does. */}
      <span class="visually-hidden">{t("lang.switch")}</span>
    </button>
  );
}
