import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { selectColumns, tabulate, toCsv } from "../../src/downloads/tabulate.js";

describe("tabulate", () => {
  const data = {
    coterminosity: {
      asOf: "2017-03-31",
      geographies: [
        {
          geography: { code: "A", name: "Alpha" },
          verdict: "UNION",
          overlaps: [
            { right: { code: "X" }, sharedAreas: 3 },
            { right: { code: "Y" }, sharedAreas: 2 },
          ],
        },
        { geography: { code: "B", name: "Beta" }, verdict: "NONE", overlaps: [] },
      ],
    },
  };

  it("gives one row per item of the deepest list, with its ancestors' scalars", () => {
    expect(tabulate(data, ["coterminosity", "geographies", "overlaps"])).toEqual([
      {
        as_of: "2017-03-31",
        geography_code: "A",
        geography_name: "Alpha",
        verdict: "UNION",
        overlaps_right_code: "X",
        overlaps_shared_areas: 3,
      },
      {
        as_of: "2017-03-31",
        geography_code: "A",
        geography_name: "Alpha",
        verdict: "UNION",
        overlaps_right_code: "Y",
        overlaps_shared_areas: 2,
      },
      { as_of: "2017-03-31", geography_code: "B", geography_name: "Beta", verdict: "NONE" },
    ]);
  });

  it("keeps a row with empty cells for a parent whose list is empty, in the chosen columns", () => {
    const table = selectColumns(tabulate(data, ["coterminosity", "geographies", "overlaps"]), [
      { name: "left_code", from: "geography_code" },
      { name: "right_code", from: "overlaps_right_code" },
    ]);
    expect(table).toEqual({
      header: ["left_code", "right_code"],
      rows: [
        { left_code: "A", right_code: "X" },
        { left_code: "A", right_code: "Y" },
        { left_code: "B", right_code: null },
      ],
    });
  });
});

describe("toCsv", () => {
  it("writes RFC 4180 with a byte-order mark, CRLF and quoted specials, which a CSV parser reads back", () => {
    const csv = toCsv(
      ["name", "quote", "share"],
      [{ name: "Frimley, Surrey", quote: 'said “yes” "twice"\nthen', share: 0.5 }],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    const parsed = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(parsed).toEqual([{ name: "Frimley, Surrey", quote: 'said “yes” "twice"\nthen', share: "0.5" }]);
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    const csv = toCsv(
      ["name"],
      [
        { name: '=HYPERLINK("http://x")' },
        { name: "+1" },
        { name: "-2" },
        { name: "@SUM(A1)" },
        { name: "safe" },
      ],
    );
    const parsed = parse<{ name: string }>(csv, { bom: true, columns: true });
    expect(parsed.map((r) => r.name)).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "safe",
    ]);
  });

  it("leaves numbers alone, negative ones included", () => {
    expect(toCsv(["n"], [{ n: -1 }])).toBe("\uFEFFn\r\n-1\r\n");
  });
});
