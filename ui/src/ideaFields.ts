// The fields of an idea as the UI knows them: an empty form, and the keys in form order.

import type { Idea } from "./bindings/Idea";
import type { IdeaInput } from "./bindings/IdeaInput";
import type { IdeaPatch } from "./bindings/IdeaPatch";

export type IdeaField = keyof IdeaInput;

/** A new, empty idea: every field present, so the form is always controlled. */
export function emptyIdeaInput(): IdeaInput {
  return {
    agencyId: "",
    title: "",
    proposerName: "",
    proposerPosition: "",
    problem: "",
    description: "",
    stage: "",
    labDay: null,
    tahapan: "",
    inisiator: "",
    jenis: "",
    bentuk: "",
    urusan: "",
    urusanLain: [],
    tematik: "",
    trialDate: "",
    rolloutDate: "",
    rancangBangun: "",
    tujuan: "",
    manfaat: "",
    hasil: "",
    anggaran: "",
    beneficiaries: "",
    benefitTypes: [],
    tags: [],
    status: "",
  };
}

/** Every field, in the order of the form. */
export const IDEA_FIELDS: readonly IdeaField[] = Object.keys(emptyIdeaInput()) as IdeaField[];

/** The typed fields of an idea (without ids and times). */
export function valuesOf(idea: Idea): IdeaInput {
  const values = emptyIdeaInput();
  for (const field of IDEA_FIELDS) (values as Record<string, unknown>)[field] = idea[field];
  return values;
}

/** `fields` of a saved draft laid over an empty form: unknown keys are dropped. */
export function fromPatch(patch: IdeaPatch | Record<string, unknown>): IdeaInput {
  const values = emptyIdeaInput() as Record<string, unknown>;
  for (const field of IDEA_FIELDS) {
    const v = (patch as Record<string, unknown>)[field];
    if (v !== undefined && typeof v === typeof values[field]) values[field] = v;
    else if (field === "labDay" && (typeof v === "number" || v === null)) values[field] = v;
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
