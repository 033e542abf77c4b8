import { describe, expect, it } from "vitest";
import { AGENCIES } from "../../test/fixtures";
import { agencyLabel, filterAgencies } from "./agencyFilter";

const codes = (query: string) => filterAgencies(AGENCIES, query).map((a) => a.code);

describe("filterAgencies", () => {
  it("finds by code, short name or a word of the full name, ignoring case", () => {
    expect(codes("dinkes")).toEqual(["DINKES"]);
    expect(codes("BAPPEDALITBANG")).toEqual(["BAPPEDA"]);
    expect(codes("penelitian")).toEqual(["BAPPEDA"]);
    expect(codes("sakit")).toEqual(["RSUD"]);
  });

  it("needs every typed word to match", () => {
    expect(codes("dinas sos")).toEqual(["DINSOS"]);
    expect(codes("dinas politik")).toEqual([]);
  });

  it("puts exact and prefix matches of code or short name first, roster order otherwise", () => {
    // "kes" starts KESBANGPOL and is inside DINKES; "Kesehatan" also starts with it.
    expect(codes("kes")).toEqual(["KESBANGPOL", "DINKES"]);
    expect(codes("rsud")).toEqual(["RSUD"]);
    expect(codes("badan")).toEqual(["BAPPEDA", "KESBANGPOL"]);
  });

  it("lists everyone for an empty query", () => {
    expect(codes("  ")).toHaveLength(AGENCIES.length);
  });

  it("writes a chosen agency as short name and full name", () => {
    expect(agencyLabel(AGENCIES[2])).toBe("Dinkes — Dinas Kesehatan");
  });
});
