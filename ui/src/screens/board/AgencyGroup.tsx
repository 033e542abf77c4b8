import type { BoardGroup } from "../../bindings/BoardGroup";
import { tn } from "../../i18n";

/** One agency on the board: its names, how many ideas, and a card per idea. */
export function AgencyGroup({ group }: { group: BoardGroup }) {
  const { agency, ideas } = group;
  const headingId = `group-${agency.id}`;
  return (
    <section class="group" data-testid="board-group" data-agency-code={agency.code} aria-labelledby={headingId}>
      <header class="group__head">
        <h2 id={headingId} class="group__short">
          {agency.shortName}
        </h2>
        <span class="badge">{tn("board.groupCount", ideas.length)}</span>
        <p class="group__name">{agency.name}</p>
      </header>
      <ul class="group__ideas">
        {ideas.map((idea) => (
          <li key={idea.id} class="idea-card" data-testid="board-idea">
            <p class="idea-card__title">{idea.title}</p>
            {(idea.proposerName || idea.proposerPosition) && (
              <p class="idea-card__proposer">
                {[idea.proposerName, idea.proposerPosition].filter(Boolean).join(", ")}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
