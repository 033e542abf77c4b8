import { useEffect } from "preact/hooks";
import { listLabs } from "../../api";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useLoad } from "../../hooks/useLoad";
import { LabList } from "./LabList";
import { Welcome } from "./Welcome";

type Props = {
  /** Called with a lab that `open_lab` has just opened. */
  onOpen: (lab: Lab) => void;
  /** Opens the archive of every lab. */
  onArchive: () => void;
  onReady: (screen: "welcome" | "labs") => void;
};

/** Choosing a lab: the welcome screen on an empty laptop, the list of labs otherwise. */
export function Start({ onOpen, onArchive, onReady }: Props) {
  const { data: labs, error, reload } = useLoad(listLabs, "labs");
  const screen = labs === null ? null : labs.length ? "labs" : "welcome";

  useEffect(() => {
    if (screen) onReady(screen);
  }, [screen]);

  if (!labs) return error ? <ErrorBanner error={error} onRetry={reload} /> : <Loading />;
  return labs.length ? <LabList labs={labs} onOpen={onOpen} onArchive={onArchive} /> : <Welcome onOpen={onOpen} />;
}
