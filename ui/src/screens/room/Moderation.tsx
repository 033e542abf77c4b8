import { useEffect, useState } from "preact/hooks";
import {
  ApiError,
  acceptProposal,
  listProposals,
  listQuestions,
  mergeProposal,
  moderateQuestion,
  rejectProposal,
} from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { Proposal } from "../../bindings/Proposal";
import type { ProposalEdit } from "../../bindings/ProposalEdit";
import type { RoomQuestion } from "../../bindings/RoomQuestion";
import { fieldLabel } from "../../errors";
import { t } from "../../i18n";
import { ROOM_POLL_MS } from "../../roomShared";
import { RoomError } from "./RoomError";

type Props = { lab: Lab; open: boolean };

const editOf = (p: Proposal): ProposalEdit => ({
  agencyId: p.agencyId,
  title: p.title,
  problem: p.problem,
  description: p.description,
  proposerName: p.proposerName,
});

/**
 * The moderation queue: what phones sent. Proposals wait until the facilitator accepts
 * one (it becomes an idea), edits then accepts it, merges it into a similar idea, or
 * rejects it; questions reach the projector only once shown. By keyboard: a focused
 * proposal takes Enter (accept), U (edit), G (merge into the first similar idea) and
 * Delete (reject); a focused question takes A (show) and H (hide).
 */
export function Moderation({ lab, open }: Props) {
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [questions, setQuestions] = useState<RoomQuestion[]>([]);
  const [editing, setEditing] = useState<{ id: string; edit: ProposalEdit } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState("");

  const load = () => {
    listProposals(lab.id).then(setProposals, setError);
    listQuestions(lab.id).then(setQuestions, setError);
  };
  useEffect(load, [lab.id]);
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(load, ROOM_POLL_MS);
    return () => clearInterval(timer);
  }, [lab.id, open]);

  const act = (f: () => Promise<string>) => {
    setError(null);
    f().then(
      (message) => {
        setDone(message);
        setEditing(null);
        load();
      },
      (e: unknown) => setError(ApiError.from(e)),
    );
  };
  const accept = (p: Proposal, edit: ProposalEdit | null = null) =>
    act(() => acceptProposal(p.id, edit).then((idea) => t("room.accepted", { title: idea.title })));
  const merge = (p: Proposal) => {
    const into = p.similar[0];
    if (into) act(() => mergeProposal(p.id, into.ideaId).then((idea) => t("room.merged", { title: idea.title })));
  };
  const reject = (p: Proposal) => act(() => rejectProposal(p.id).then(() => t("room.rejected", { title: p.title })));
  const decide = (q: RoomQuestion, decision: "approved" | "hidden") =>
    act(() => moderateQuestion(q.id, decision).then(() => ""));

  const pending = proposals.filter((p) => p.state === "pending");

  // Keys act on the focused item and stop there: the Presentasi screen's own keys
  // (Space, N, ...) are not this queue's.
  const proposalKeys = (p: Proposal) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const key = e.key.toLowerCase();
    if (key === "enter") accept(p);
    else if (key === "u") setEditing({ id: p.id, edit: editOf(p) });
    else if (key === "g") merge(p);
    else if (key === "delete") reject(p);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const questionKeys = (q: RoomQuestion) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const key = e.key.toLowerCase();
    if (key === "a") decide(q, "approved");
    else if (key === "h") decide(q, "hidden");
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <section class="card room-queue" aria-labelledby="room-queue-title" data-testid="room-queue">
      <h2 id="room-queue-title" class="card__title">
        {t("room.queue")}
      </h2>
      <p class="card__note">{t("room.queueIntro")}</p>
      {error && <RoomError error={error} />}
      <p class="room-queue__done" role="status">
        {done}
      </p>
      <h3>{t("room.proposals")}</h3>
      {pending.length === 0 && <p class="card__note">{t("room.noProposals")}</p>}
      <ul class="room-queue__list">
        {pending.map((p) => (
          <li key={p.id} class="room-queue__item" tabIndex={0} onKeyDown={proposalKeys(p)} data-testid="proposal">
            <p class="room-queue__title">{p.title}</p>
            <p class="room-queue__from">
              {p.proposerName
                ? t("room.fromNamed", { name: p.proposerName, agency: p.agencyShortName || p.agencyName })
                : t("room.from", { agency: p.agencyShortName || p.agencyName })}
            </p>
            {p.problem && <p class="room-queue__text">{p.problem}</p>}
            {p.description && <p class="room-queue__text">{p.description}</p>}
            {p.photo && <p class="card__note">{t("room.photo")}: {p.photo.fileName}</p>}
            {p.similar.map((s) => (
              <p key={s.ideaId} class="room-queue__similar" data-testid="proposal-similar">
                {t("room.similar", { title: s.title, agency: s.agencyShortName || s.agencyName })}
              </p>
            ))}
            {editing?.id === p.id ? (
              <EditForm
                edit={editing.edit}
                onChange={(edit) => setEditing({ id: p.id, edit })}
                onSave={() => accept(p, editing.edit)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div class="room-queue__actions">
                <button type="button" class="button button--primary" onClick={() => accept(p)}>
                  {t("room.accept")} <kbd class="kbd">Enter</kbd>
                </button>
                <button type="button" class="button button--secondary" onClick={() => setEditing({ id: p.id, edit: editOf(p) })}>
                  {t("room.edit")} <kbd class="kbd">U</kbd>
                </button>
                {p.similar[0] && (
                  <button type="button" class="button button--secondary" onClick={() => merge(p)}>
                    {t("room.mergeInto", { title: p.similar[0].title })} <kbd class="kbd">G</kbd>
                  </button>
                )}
                <button type="button" class="button button--quiet" onClick={() => reject(p)}>
                  {t("room.reject")} <kbd class="kbd">Delete</kbd>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <h3>{t("room.questions")}</h3>
      {questions.length === 0 && <p class="card__note">{t("room.noQuestions")}</p>}
      <ul class="room-queue__list">
        {questions.map((q) => (
          <li key={q.id} class={`room-queue__item is-${q.state}`} tabIndex={0} onKeyDown={questionKeys(q)} data-testid="question">
            <p class="room-queue__title">{q.text}</p>
            <p class="room-queue__from">
              {t(`room.state.${q.state}`)} · {t("room.plusOnes", { count: q.plusOnes })}
              {q.ideaTitle ? ` · ${t("room.about", { title: q.ideaTitle })}` : ""}
            </p>
            <div class="room-queue__actions">
              {q.state !== "approved" && (
                <button type="button" class="button button--primary" onClick={() => decide(q, "approved")}>
                  {t("room.approve")} <kbd class="kbd">A</kbd>
                </button>
              )}
              {q.state !== "hidden" && (
                <button type="button" class="button button--secondary" onClick={() => decide(q, "hidden")}>
                  {t("room.hide")} <kbd class="kbd">H</kbd>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

type EditProps = {
  edit: ProposalEdit;
  onChange: (edit: ProposalEdit) => void;
  onSave: () => void;
  onCancel: () => void;
};

/** The proposal's text as the facilitator corrects it before accepting. */
function EditForm({ edit, onChange, onSave, onCancel }: EditProps) {
  const field = (key: "title" | "problem" | "description" | "proposerName", multiline: boolean) => {
    const onInput = (e: Event) => onChange({ ...edit, [key]: (e.target as HTMLInputElement).value });
    return (
      <label class="field">
        <span class="field__label">{fieldLabel(key)}</span>
        {multiline ? (
          <textarea class="input" rows={3} value={edit[key]} onInput={onInput} />
        ) : (
          <input class="input" value={edit[key]} onInput={onInput} />
        )}
      </label>
    );
  };
  return (
    <div
      class="room-queue__edit"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape") onCancel();
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) onSave();
      }}
    >
      {field("title", false)}
      {field("proposerName", false)}
      {field("problem", true)}
      {field("description", true)}
      <div class="room-queue__actions">
        <button type="button" class="button button--primary" onClick={onSave}>
          {t("room.saveAccept")} <kbd class="kbd">Ctrl+Enter</kbd>
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t("common.cancel")} <kbd class="kbd">Esc</kbd>
        </button>
      </div>
    </div>
  );
}
