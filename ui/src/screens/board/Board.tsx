import { useEffect } from "preact/hooks";
import { getBoard } from "../../api";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { useLoad } from "../../hooks/useLoad";
import { t } from "../../i18n";
import { AgencyGroup } from "./AgencyGroup";
import { Progress } from "./Progress";

type Props = {
  lab: Lab;
  onReady: () => void;
};

/** "Papan ide": progress toward the target, then the ideas grouped by agency. For the projector. */
export function Board({ lab, onReady }: Props) {
  const { data: board, error, reload } = useLoad(() => getBoard(lab.id), lab.id);
  useChanged(lab.id, reload);
  const loaded = board !== null;

  useEffect(() => {
    if (loaded) onReady();
  }, [loaded]);

  if (!board) return error ? <ErrorBanner error={error} onRetry={reload} /> : <Loading />;

  const groups = board.groups.filter((g) => g.ideas.length > 0);
  return (
    <section class="board" data-testid="board" aria-label={t("board.title")}>
      {error && <ErrorBanner error={error} onRetry={reload} />}
      <Progress board={board} />
      {groups.length ? (
        <ul class="board__groups">
          {groups.map((group) => (
            <li key={group.agency.id} class="board__cell">
              <AgencyGroup group={group} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="board__empty">{t("board.empty")}</p>
      )}
    </section>
  );
}
