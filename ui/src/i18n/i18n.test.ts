import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../bindings/ErrorCode";
import { catalogues, errorText, formatDateTime, formatNumber, getLocale, setLocale, t, tn } from ".";

// Written out so that a code added in Rust (and so in the binding) must be added here too:
// `satisfies` fails the type check when this list misses one.
const CODES = {
  newer_schema: true,
  not_found: true,
  invalid_input: true,
  duplicate: true,
  storage_full: true,
  storage_unavailable: true,
  storage_busy: true,
  not_a_database: true,
  storage: true,
  file_not_found: true,
  bad_file: true,
  io: true,
  internal: true,
  drive_full: true,
  drive_read_only: true,
  drive_removed: true,
} satisfies Record<ErrorCode, true>;

describe("catalogues", () => {
  const [id, en] = [catalogues.id, catalogues.en];

  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it.each(Object.entries(catalogues))("%s has no empty text", (_, messages) => {
    const empty = Object.entries(messages).filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(catalogues))("%s uses the same parameters as Indonesian", (_, messages) => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(id)) {
      expect([key, params(messages[key as keyof typeof id])]).toEqual([key, params(text)]);
    }
  });

  it.each(Object.keys(CODES))("explain error code %s in both languages", (code) => {
    for (const messages of [id, en]) {
      const text = messages[`error.${code as ErrorCode}`];
      expect(text.length).toBeGreaterThan(30);
    }
    expect(id[`error.${code as ErrorCode}`]).not.toBe(en[`error.${code as ErrorCode}`]);
  });
});

describe("t", () => {
  it("fills parameters and follows the language", () => {
    expect(t("capture.saved", { title: "Ambulans" })).toBe("Ide tersimpan: Ambulans");
    setLocale("en");
    expect(getLocale()).toBe("en");
    expect(t("capture.saved", { title: "Ambulans" })).toBe("Idea saved: Ambulans");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("labinov.locale")).toBe("en");
  });

  it("picks the plural form in English", () => {
    setLocale("en");
    expect(tn("board.groupCount", 1)).toBe("1 idea");
    expect(tn("board.groupCount", 3)).toBe("3 ideas");
  });

  it("formats numbers in the language chosen, before and after a switch (formatters are kept per language)", () => {
    expect(formatNumber(5000)).toBe("5.000");
    expect(tn("board.groupCount", 1234)).toBe("1.234 ide");
    setLocale("en");
    expect(formatNumber(5000)).toBe("5,000");
    expect(tn("board.groupCount", 1234)).toBe("1,234 ideas");
    setLocale("id");
    expect(formatNumber(5000)).toBe("5.000");
  });

  it("gives the plain-language text for an error code", () => {
    expect(errorText("storage_full")).toContain("Penyimpanan laptop penuh");
  });

  it("shows times in the lab's time zone", () => {
    // 05:40 UTC is 12:40 in Jakarta and 13:40 in Makassar.
    expect(formatDateTime("2026-11-28T05:40:47.117Z", "Asia/Jakarta")).toMatch(/12[.:]40/);
    expect(formatDateTime("2026-11-28T05:40:47.117Z", "Asia/Makassar")).toMatch(/13[.:]40/);
  });
});
