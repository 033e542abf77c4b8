import { afterEach, describe, expect, it } from "vitest";
import type { Chart } from "../bindings/Chart";
import { setLocale } from "../i18n";
import { barText, chartTitle, drawn } from "./describe";

afterEach(() => setLocale("id"));

const days: Chart = {
  id: "perDay",
  bars: [
    { label: { kind: "day", day: 1, date: "2026-11-24" }, value: 5 },
    { label: { kind: "day", day: 2, date: "2026-11-25" }, value: 0 },
    { label: { kind: "noDay" }, value: 2 },
  ],
  max: 5,
};

describe("the core's chart descriptions in this window's words", () => {
  it("names every kind of bar in Indonesian and in English", () => {
    const bentuk = { kind: "option", code: "digital", labelId: "Inovasi digital", labelEn: "Digital innovation" } as const;
    expect(barText({ kind: "day", day: 2, date: "2026-11-25" }, 3)).toBe("Hari 2");
    expect(barText({ kind: "noDay" }, 3)).toBe("Tanpa hari");
    expect(barText(bentuk, 3)).toBe("Inovasi digital");
    expect(barText({ kind: "name", text: "Dinkes" }, 3)).toBe("Dinkes");
    expect(barText({ kind: "covered" }, 3)).toBe("3 sudah");
    expect(barText({ kind: "missing" }, 1)).toBe("1 belum");
    setLocale("en");
    expect(barText({ kind: "day", day: 2, date: "2026-11-25" }, 3)).toBe("Day 2");
    expect(barText({ kind: "noDay" }, 3)).toBe("No day");
    expect(barText(bentuk, 3)).toBe("Digital innovation");
    // An option without labels is named by its code.
    expect(barText({ kind: "option", code: "lain", labelId: "", labelEn: "" }, 1)).toBe("lain");
  });

  it("keeps the core's order and scale, and cuts to the bars that fit", () => {
    const d = drawn(days);
    expect(d.title).toBe("Ide per hari");
    expect(d.data).toEqual([
      { label: "Hari 1", value: 5 },
      { label: "Hari 2", value: 0 },
      { label: "Tanpa hari", value: 2 },
    ]);
    expect(d.max).toBe(5);
    expect(drawn(days, 2).data).toHaveLength(2);
  });

  it("titles the coverage chart with its figures", () => {
    const coverage: Chart = {
      id: "coverage",
      bars: [
        { label: { kind: "covered" }, value: 35 },
        { label: { kind: "missing" }, value: 2 },
      ],
      max: 37,
    };
    expect(chartTitle(coverage)).toBe("35 dari 37 OPD sudah punya ide");
  });
});
