import { useEffect } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { t } from "../../i18n";

type Props = { lab: Lab; onReady: () => void };

/** "Persiapan": the lab's agencies, agenda, people and option lists. */
export function Setup({ lab, onReady }: Props) {
  useEffect(onReady, []);
  return (
    <section class="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("setup.title")}</h1>
      <p>{lab.name}</p>
    </section>
  );
}
