import { describe, expect, it } from "vitest";
import { parseDate, parseTags, showDate } from "./Choice";

describe("dates typed day first", () => {
  it("reads the ways dates are written in Indonesia, and ISO", () => {
    expect(parseDate("28/11/2026")).toBe("2026-11-28");
    expect(parseDate("2/3/2027")).toBe("2027-03-02");
    expect(parseDate("28-11-2026")).toBe("2026-11-28");
    expect(parseDate("28.11.2026")).toBe("2026-11-28");
    expect(parseDate(" 2026-11-28 ")).toBe("2026-11-28");
    expect(parseDate("")).toBe("");
  });

  it("keeps what is not a real date as typed, for the store to refuse at the field", () => {
    expect(parseDate("31/02/2026")).toBe("31/02/2026");
    expect(parseDate("besok")).toBe("besok");
    expect(parseDate("11/28/2026")).toBe("11/28/2026");
  });

  it("shows stored dates day first", () => {
    expect(showDate("2026-11-28")).toBe("28/11/2026");
    expect(showDate("")).toBe("");
  });
});

describe("tags", () => {
  it("splits on commas, trims, and drops repeats whatever their case", () => {
    expect(parseTags("stunting, Posyandu ,posyandu,, gizi  buruk;")).toEqual(["stunting", "Posyandu", "gizi buruk"]);
  });
});
