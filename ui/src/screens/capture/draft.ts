// The idea form's state and its draft in the database.
//
// Everything typed is saved as a draft (`save_draft`) a quarter of a second after the last
// keystroke, so a crash, a power cut or a closed window loses at most that quarter second.
// Saving the idea removes its draft in the same transaction. Draft writes go through one
// queue, so a late draft save can never bring back a draft whose idea was just saved.

import { useEffect, useReducer, useRef } from "preact/hooks";
import { ApiError, discardDraft, saveDraft } from "../../api";
import type { Draft as StoredDraft } from "../../bindings/Draft";
import type { Idea } from "../../bindings/Idea";
import type { IdeaInput } from "../../bindings/IdeaInput";
import { type IdeaField, changedFields, emptyIdeaInput, fromPatch, valuesOf } from "../../ideaFields";
import { newId } from "../../newId";

export type { IdeaField };

/** How long typing may pause before the draft is written. */
export const DRAFT_DEBOUNCE_MS = 250;

/** Where the draft stands: for the small "Draf tersimpan" note under the form. */
export type DraftStatus = "clean" | "pending" | "saved" | "failed";

type Form = {
  values: IdeaInput;
  /** What the form started from: the idea being edited, or an empty idea. */
  base: IdeaInput;
  /** The idea being edited; null for a new idea. */
  editing: Idea | null;
  /** The draft row this form is saved to. */
  draftId: string;
};

type State = Form & {
  /** The new idea set aside while an existing one is edited. */
  stash: Form | null;
  /** Counts every fresh start of the form, so it can reset and refocus. */
  generation: number;
  /** Counts changes to the set of stored drafts, so the drafts list can reload. */
  draftsVersion: number;
};

/** An empty new idea, with `defaults` (today's lab day, the session's 5D stage) filled in. */
const blank = (defaults: Partial<IdeaInput>): Form => {
  const values = { ...emptyIdeaInput(), ...defaults };
  return { values, base: values, editing: null, draftId: newId() };
};

const isDirty = (f: Form) => Object.keys(changedFields(f.base, f.values)).length > 0;

type Action =
  | { type: "set"; field: IdeaField; value: IdeaInput[IdeaField] }
  | { type: "load"; form: Form; stash: Form | null }
  | { type: "draftsChanged" };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "set":
      return { ...state, values: { ...state.values, [action.field]: action.value } };
    case "load":
      return {
        ...action.form,
        stash: action.stash,
        generation: state.generation + 1,
        draftsVersion: state.draftsVersion + 1,
      };
    case "draftsChanged":
      return { ...state, draftsVersion: state.draftsVersion + 1 };
  }
}

export type DraftForm = State & {
  status: DraftStatus;
  /** The last draft write that failed, for a warning under the form. */
  statusError: ApiError | null;
  dirty: boolean;
  set: <F extends IdeaField>(field: F, value: IdeaInput[F]) => void;
  /** Loads an existing idea; the new idea being typed is kept and comes back after. */
  edit: (idea: Idea) => void;
  /** Closes the edit (its changes stay as a draft) and goes back to the new idea. */
  leaveEdit: () => void;
  /** Puts the form aside as a draft and starts an empty new idea. */
  setAside: () => void;
  /** Continues a stored draft (of a new idea, or of an edit of `idea`). */
  resume: (draft: StoredDraft, idea: Idea | null) => void;
  /** Waits for every draft write, then runs `save` (which gets the draft id to remove). */
  commit: <T>(save: (draftId: string) => Promise<T>) => Promise<T>;
  /** After a successful commit: an empty new idea, or the stashed one after an edit. */
  done: () => void;
  /** Removes a stored draft for good. */
  discard: (draftId: string) => Promise<void>;
};

/**
 * `defaults` is read each time a new idea starts, so it can follow the clock (the lab day
 * and the agenda session of the moment).
 */
export function useDraftForm(labId: string, defaults: () => Partial<IdeaInput> = () => ({})): DraftForm {
  const latestDefaults = useRef(defaults);
  latestDefaults.current = defaults;
  const fresh = () => blank(latestDefaults.current());
  const [state, dispatch] = useReducer(reducer, undefined, () => ({
    ...fresh(),
    stash: null,
    generation: 0,
    draftsVersion: 0,
  }));
  const [status, setStatus] = useReducer((_: [DraftStatus, ApiError | null], next: [DraftStatus, ApiError | null]) => next, [
    "clean",
    null,
  ]);
  const latest = useRef(state);
  latest.current = state;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Draft ids known to have a row, so an emptied form removes its row. */
  const stored = useRef(new Set<string>());
  /** Draft ids whose idea was saved: never written again. */
  const committed = useRef(new Set<string>());

  const enqueue = <T>(op: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(op, op);
    queue.current = run.catch(() => undefined);
    return run;
  };

  const persist = (form: Form): Promise<void> =>
    enqueue(async () => {
      if (committed.current.has(form.draftId)) return;
      try {
        if (isDirty(form)) {
          await saveDraft(form.draftId, labId, form.editing?.id ?? null, form.values);
          if (!stored.current.has(form.draftId)) {
            stored.current.add(form.draftId);
            dispatch({ type: "draftsChanged" });
          }
        } else if (stored.current.has(form.draftId)) {
          await discardDraft(form.draftId);
          stored.current.delete(form.draftId);
          dispatch({ type: "draftsChanged" });
        }
        if (latest.current.draftId === form.draftId) setStatus([isDirty(form) ? "saved" : "clean", null]);
      } catch (reason) {
        setStatus(["failed", ApiError.from(reason)]);
      }
    });

  const cancelTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    const had = timer.current !== null;
    timer.current = null;
    return had;
  };

  /** Writes what is pending now; resolves when every draft write so far is done. */
  const flush = (): Promise<unknown> => (cancelTimer() ? persist(latest.current) : queue.current);

  const schedule = () => {
    cancelTimer();
    setStatus(["pending", null]);
    timer.current = setTimeout(() => {
      timer.current = null;
      void persist(latest.current);
    }, DRAFT_DEBOUNCE_MS);
  };

  // Closing the window or hiding it writes what is pending at once.
  useEffect(() => {
    const now = () => void flush();
    const onVisibility = () => document.visibilityState === "hidden" && now();
    window.addEventListener("pagehide", now);
    window.addEventListener("beforeunload", now);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      now();
      window.removeEventListener("pagehide", now);
      window.removeEventListener("beforeunload", now);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [labId]);

  const load = (form: Form, stash: Form | null) => {
    void flush();
    setStatus([isDirty(form) ? "saved" : "clean", null]);
    dispatch({ type: "load", form, stash });
  };

  // Defaults that arrive after the first render (the agenda loads) fill a still-untouched
  // new idea.
  const wanted = JSON.stringify(defaults());
  useEffect(() => {
    const current = latest.current;
    if (current.editing || isDirty(current) || stored.current.has(current.draftId)) return;
    if (JSON.stringify(current.base) === JSON.stringify(blank(defaults()).base)) return;
    dispatch({ type: "load", form: { ...blank(defaults()), draftId: current.draftId }, stash: current.stash });
  }, [wanted]);

  return {
    ...state,
    status: status[0],
    statusError: status[1],
    dirty: isDirty(state),
    set: (field, value) => {
      latest.current = { ...latest.current, values: { ...latest.current.values, [field]: value } };
      dispatch({ type: "set", field, value });
      schedule();
    },
    edit: (idea) => {
      const current = latest.current;
      const stash = current.editing ? current.stash : current;
      const values = valuesOf(idea);
      load({ values, base: values, editing: idea, draftId: newId() }, stash);
    },
    leaveEdit: () => load(latest.current.stash ?? fresh(), null),
    setAside: () => load(fresh(), null),
    resume: (draft, idea) => {
      stored.current.add(draft.id);
      const base = idea ? valuesOf(idea) : emptyIdeaInput();
      const values = fromPatch({ ...base, ...(draft.fields as Record<string, unknown>) });
      // What was being typed stays behind as a draft of its own (`load` writes it).
      load({ values, base, editing: idea, draftId: draft.id }, null);
    },
    commit: async (save) => {
      const form = latest.current;
      const hadPending = cancelTimer();
      await queue.current;
      try {
        const result = await enqueue(() => save(form.draftId));
        committed.current.add(form.draftId);
        stored.current.delete(form.draftId);
        return result;
      } catch (reason) {
        // Not saved: keep the draft in the database, as typed.
        if (hadPending || isDirty(form)) void persist(latest.current);
        throw reason;
      }
    },
    done: () => {
      cancelTimer();
      const current = latest.current;
      load(current.editing ? (current.stash ?? fresh()) : fresh(), null);
    },
    discard: async (draftId) => {
      await enqueue(() => discardDraft(draftId));
      stored.current.delete(draftId);
      dispatch({ type: "draftsChanged" });
    },
  };
}
