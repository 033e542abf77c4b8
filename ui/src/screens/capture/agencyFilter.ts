// Finding an agency by what a facilitator types: its code, its short name, or any word of
// its full name, case- and accent-insensitive. Every typed word has to match.

import type { Agency } from "../../bindings/Agency";

function normalize(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}

function words(s: string): string[] {
  return normalize(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** How well `agency` matches: 0 exact code or short name, 1 prefix of one, 2 other, null none. */
function rank(agency: Agency, query: string): number | null {
  const terms = words(query);
  if (terms.length === 0) return 2;
  const code = normalize(agency.code);
  const short = normalize(agency.shortName);
  const q = normalize(query.trim());
  const all = [...words(agency.code), ...words(agency.shortName), ...words(agency.name)];
  const termMatches = (term: string) =>
    code.includes(term) || short.includes(term) || all.some((w) => w.startsWith(term));
  if (!terms.every(termMatches)) return null;
  if (code === q || short === q) return 0;
  if (code.startsWith(q) || short.startsWith(q)) return 1;
  return 2;
}

/** The agencies that match `query`, best first, in roster order within equal matches. */
export function filterAgencies(agencies: readonly Agency[], query: string): Agency[] {
  return agencies
    .map((agency, index) => ({ agency, index, rank: rank(agency, query) }))
    .filter((m): m is { agency: Agency; index: number; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.agency);
}

/** How a chosen agency reads in the picker: "Dinkes — Dinas Kesehatan". */
export function agencyLabel(agency: Agency): string {
  return `${agency.shortName} — ${agency.name}`;
}
