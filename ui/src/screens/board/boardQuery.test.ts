import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, isFiltered, snippetParts, toQuery } from "./boardQuery";

describe("board query", () => {
  it("turns the view into the core's query, one value per filter", () => {
    const view = { ...DEFAULT_VIEW, groupBy: "status" as const, labDay: 2, bentuk: "pelayanan_publik", tag: " stunting ", text: "posyandu" };
    expect(toQuery(view, "captured", 100, 50)).toEqual({
      groupBy: "status",
      labDay: 2,
      agencyIds: [],
      bentuk: ["pelayanan_publik"],
      jenis: [],
      status: [],
      tags: ["stunting"],
      text: "posyandu",
      sort: "newest",
      group: "captured",
      offset: 100,
      limit: 50,
      perColumn: 0,
    });
    // The board's first screen: the first 60 cards of every column in one query.
    expect(toQuery(view, null, 0, 0, 60)).toMatchObject({ group: null, perColumn: 60 });
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered(view)).toBe(true);
  });

  it("splits a snippet into plain text and highlighted matches", () => {
    expect(snippetParts("Layanan \uE000posyandu\uE001 digital \uE000posyandu\uE001")).toEqual([
      { text: "Layanan ", hit: false },
      { text: "posyandu", hit: true },
      { text: " digital ", hit: false },
      { text: "posyandu", hit: true },
    ]);
  });
});
