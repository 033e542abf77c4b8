// The fields of an idea as the UI knows them: the core's field table (generated into
// bindings/ideaFieldTable.ts), an empty form, and the helpers the form and drafts use.

import type { FieldKind } from "./bindings/FieldKind";
import type { Idea } from "./bindings/Idea";
import type { IdeaInput } from "./bindings/IdeaInput";
import type { IdeaPatch } from "./bindings/IdeaPatch";
import { IDEA_FIELD_TABLE, type IdeaFieldDef } from "./bindings/ideaFieldTable";

export type IdeaField = keyof IdeaInput;
export type { IdeaFieldDef };
export { IDEA_FIELD_TABLE };

/** The empty value of a field of each kind. */
function emptyValue(kind: FieldKind): unknown {
  switch (kind) {
    case "codes":
    case "tags":
      return [];
    case "day":
      return null;
    default:
      return "";
  }
}

/** A new, empty idea: every field present, so the form is always controlled. */
export function emptyIdeaInput(): IdeaInput {
  const values: Record<string, unknown> = {};
  for (const f of IDEA_FIELD_TABLE) values[f.key] = emptyValue(f.kind);
  return values as IdeaInput;
}

/** Every field, in the core's table order. */
export const IDEA_FIELDS: readonly IdeaField[] = IDEA_FIELD_TABLE.map((f) => f.key);

/** The typed fields of an idea (without ids and times). */
export function valuesOf(idea: Idea): IdeaInput {
  const values = emptyIdeaInput();
  for (const field of IDEA_FIELDS) (values as Record<string, unknown>)[field] = idea[field];
  return values;
}

/** `fields` of a saved draft laid over an empty form: unknown keys are dropped. */
export function fromPatch(patch: IdeaPatch | Record<string, unknown>): IdeaInput {
  const values = emptyIdeaInput() as Record<string, unknown>;
  for (const { key: field, kind } of IDEA_FIELD_TABLE) {
    const v = (patch as Record<string, unknown>)[field];
    if (v !== undefined && typeof v === typeof values[field]) values[field] = v;
    else if (kind === "day" && (typeof v === "number" || v === null)) values[field] = v;
    else if (Array.isArray(values[field]) && Array.isArray(v)) values[field] = v.filter((x) => typeof x === "string");
  }
  return values as IdeaInput;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `values` that differ from `base`, for `update_idea`. */
export function changedFields(base: IdeaInput | Idea, values: IdeaInput): IdeaPatch {
  const patch: Record<string, unknown> = {};
  for (const field of IDEA_FIELDS) {
    if (!same(values[field], base[field])) patch[field] = values[field];
  }
  return patch as IdeaPatch;
}

/** Whether anything was typed in a new idea. */
export function isBlank(values: IdeaInput): boolean {
  return Object.keys(changedFields(emptyIdeaInput(), values)).length === 0;
}
