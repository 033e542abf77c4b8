import { useEffect } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { t } from "../../i18n";

type Props = { lab: Lab; onReady: () => void };

/** "Sampah": deleted ideas, to restore or remove for good. */
export function Trash({ lab, onReady }: Props) {
  useEffect(onReady, []);
  return (
    <section class="trash" aria-labelledby="trash-title">
      <h1 id="trash-title">{t("nav.trash")}</h1>
      <p>{lab.name}</p>
    </section>
  );
}
