import { describe, expect, it } from "vitest";
import type { AreaGroup, Coverage } from "../../src/seed/deriveCoverage.js";
import { deriveSharedGround } from "../../src/seed/deriveSharedGround.js";

const KIND: Record<string, string> = { S1: "STP", S2: "STP", L1: "LDR" };
const kindOf = (code: string) => KIND[code] ?? "";
const KINDS = ["CCG", "LDR", "STP"];

function group(id: string, areas: number, coverage: Coverage[]): AreaGroup {
  return { id, areaCodes: Array.from({ length: areas }, (_, i) => `${id}-${i}`), coverage };
}

const at = (geographyCode: string, validFrom: string, validTo: string | null, evidence = "PUBLISHED") =>
  ({ geographyCode, validFrom, validTo, evidence }) as Coverage;

const holds = (on: string) => (r: { validFrom: string; validTo: string | null }) =>
  r.validFrom <= on && (r.validTo === null || on < r.validTo);

describe("deriveSharedGround", () => {
  // Two STPs; one LDR holds all of S1 and part of S2 until 2017-04-01, when its data ends.
  const groups = [
    group("a", 10, [at("S1", "2016-04-01", null), at("L1", "2016-04-01", "2017-04-01")]),
    group("b", 3, [at("S2", "2016-04-01", null), at("L1", "2016-04-01", "2017-04-01", "DERIVED")]),
    group("c", 5, [at("S2", "2016-04-01", null)]),
  ];
  const { pairs, byKind } = deriveSharedGround(groups, [], kindOf, KINDS);
  const pair = (left: string, right: string, on: string) =>
    pairs.find((r) => r.leftCode === left && r.rightCode === right && holds(on)(r));
  const ground = (code: string, kind: string, on: string) =>
    byKind.find((r) => r.code === code && r.kind === kind && holds(on)(r));

  it("counts the areas each pair shares, in both directions, while both placements hold", () => {
    expect(pair("S1", "L1", "2016-10-01")?.areas).toBe(10);
    expect(pair("L1", "S1", "2016-10-01")?.areas).toBe(10);
    expect(pair("S2", "L1", "2016-10-01")?.areas).toBe(3);
    expect(pair("S1", "L1", "2017-06-01")).toBeUndefined();
    expect(pair("S1", "S2", "2016-10-01")).toBeUndefined();
    expect(pairs.some((r) => r.leftCode === r.rightCode)).toBe(false);
  });

  it("counts shared areas as less certain when either placement is derived", () => {
    expect(pair("S2", "L1", "2016-10-01")?.lessCertain).toBe(3);
    expect(pair("S1", "L1", "2016-10-01")?.lessCertain).toBe(0);
  });

  it("divides each geography's ground by every kind: shared, largest first, and uncovered", () => {
    expect(ground("S2", "LDR", "2016-10-01")).toMatchObject({
      areas: 8,
      rightCodes: ["L1"],
      sharedAreas: [3],
      sharedLessCertain: [3],
      uncoveredAreas: 5,
      uncoveredLessCertain: 0,
    });
    expect(ground("S2", "CCG", "2016-10-01")).toMatchObject({ rightCodes: [], uncoveredAreas: 8 });
    // Against its own kind a geography shares its whole ground with itself.
    expect(ground("S2", "STP", "2016-10-01")).toMatchObject({ rightCodes: ["S2"], sharedAreas: [8] });
    expect(ground("L1", "STP", "2016-10-01")).toMatchObject({
      areas: 13,
      lessCertain: 3,
      rightCodes: ["S1", "S2"],
      sharedAreas: [10, 3],
      uncoveredAreas: 0,
    });
    // The LDR placement of group b is derived, so its 3 areas count as less certain where uncovered too.
    expect(ground("L1", "CCG", "2016-10-01")).toMatchObject({ uncoveredAreas: 13, uncoveredLessCertain: 3 });
    expect(ground("S2", "LDR", "2017-06-01")).toMatchObject({ rightCodes: [], uncoveredAreas: 8 });
    expect(ground("L1", "LDR", "2017-06-01")).toBeUndefined();
  });

  it("joins consecutive periods with the same counts and splits where the ground changes", () => {
    const spans = (code: string, kind: string) =>
      byKind.filter((r) => r.code === code && r.kind === kind).map((r) => [r.validFrom, r.validTo]);
    expect(spans("S1", "STP")).toEqual([["2016-04-01", null]]);
    expect(spans("S1", "LDR")).toEqual([
      ["2016-04-01", "2017-04-01"],
      ["2017-04-01", null],
    ]);
    const s1l1 = pairs.filter((r) => r.leftCode === "S1" && r.rightCode === "L1");
    expect(s1l1.map((r) => [r.validFrom, r.validTo, r.areas])).toEqual([["2016-04-01", "2017-04-01", 10]]);
  });

  it("counts a group once per geography even when two placements there overlap in time", () => {
    const doubled = deriveSharedGround(
      [group("d", 4, [at("S1", "2016-04-01", null, "DERIVED"), at("S1", "2016-04-01", null)])],
      [],
      kindOf,
      KINDS,
    );
    expect(doubled.byKind.find((r) => r.kind === "STP")).toMatchObject({ areas: 4, lessCertain: 0 });
  });

  it("gives a geography that existed but held no areas a ground of 0 against every kind", () => {
    const lives = [
      { code: "S1", validFrom: null, validTo: null },
      { code: "S2", validFrom: "2016-04-01", validTo: "2018-04-01" },
    ];
    const withLives = deriveSharedGround(groups, lives, kindOf, KINDS).byKind;
    const find = (code: string, kind: string, on: string) =>
      withLives.find((r) => r.code === code && r.kind === kind && holds(on)(r));
    // S1 existed before any area was placed, so it had a ground of 0 then.
    expect(find("S1", "LDR", "2010-01-01")).toMatchObject({ areas: 0, rightCodes: [], uncoveredAreas: 0 });
    expect(find("S1", "LDR", "2016-10-01")).toMatchObject({ areas: 10, rightCodes: ["L1"] });
    // S2's areas stay placed after it ended, so its ground goes on; nothing is added for dates it lacks.
    expect(find("S2", "STP", "2019-01-01")).toMatchObject({ areas: 8 });
    expect(find("L1", "STP", "2010-01-01")).toBeUndefined();
  });
});
