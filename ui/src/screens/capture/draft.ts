// The idea form's state: what is typed, which idea is being edited, and the new-idea draft
// set aside meanwhile (so looking at an old idea never throws away what was being typed).

import { useReducer } from "preact/hooks";
import type { Idea } from "../../bindings/Idea";
import type { IdeaInput } from "../../bindings/IdeaInput";
import { type IdeaField, emptyIdeaInput, valuesOf } from "../../ideaFields";

export type { IdeaField };

const EMPTY: IdeaInput = emptyIdeaInput();

type State = {
  values: IdeaInput;
  /** The idea being edited; null for a new idea. */
  editing: Idea | null;
  /** The new-idea draft, kept while an existing idea is edited. */
  stash: IdeaInput | null;
  /** Counts every time the form starts over, so the form can reset and refocus. */
  generation: number;
};

type Action =
  | { type: "set"; field: IdeaField; value: IdeaInput[IdeaField] }
  | { type: "edit"; idea: Idea }
  | { type: "leaveEdit" }
  | { type: "clear" };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "set":
      return { ...state, values: { ...state.values, [action.field]: action.value } };
    case "edit":
      return {
        values: valuesOf(action.idea),
        editing: action.idea,
        stash: state.editing ? state.stash : state.values,
        generation: state.generation + 1,
      };
    case "leaveEdit":
      return { values: state.stash ?? EMPTY, editing: null, stash: null, generation: state.generation + 1 };
    case "clear":
      return { values: EMPTY, editing: null, stash: null, generation: state.generation + 1 };
  }
}

export type Draft = State & {
  set: <F extends IdeaField>(field: F, value: IdeaInput[F]) => void;
  /** Loads an existing idea into the form. */
  edit: (idea: Idea) => void;
  /** Back to the new idea that was being typed before `edit`. */
  leaveEdit: () => void;
  /** A fresh, empty new idea. */
  clear: () => void;
};

export function useDraft(): Draft {
  const [state, dispatch] = useReducer(reducer, { values: EMPTY, editing: null, stash: null, generation: 0 });
  return {
    ...state,
    set: (field, value) => dispatch({ type: "set", field, value }),
    edit: (idea) => dispatch({ type: "edit", idea }),
    leaveEdit: () => dispatch({ type: "leaveEdit" }),
    clear: () => dispatch({ type: "clear" }),
  };
}
