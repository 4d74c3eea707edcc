import { describe, expect, it } from "vitest";
import { deriveAreaCoverage, groupAreas, mergeCoverage } from "../../src/seed/deriveCoverage.js";
import type { SeedAreaMembership, SeedMembership } from "../../src/seed/seedTypes.js";

function fact(
  areaCode: string,
  geographyCode: string,
  validFrom: string,
  validTo: string | null,
): SeedAreaMembership {
  return { areaCode, geographyCode, validFrom, validTo, evidence: "PUBLISHED", source: "s:2" };
}

function member(
  memberCode: string,
  groupCode: string,
  validFrom: string,
  validTo: string | null,
  partial = false,
): SeedMembership {
  return {
    memberCode,
    groupCode,
    validFrom,
    validTo,
    partial,
    evidence: "PUBLISHED",
    evidenceDetail: null,
    source: "s:2",
    note: null,
  };
}

describe("mergeCoverage", () => {
  it("joins touching intervals of one geography and keeps gaps apart", () => {
    expect(
      mergeCoverage([
        { geographyCode: "C1", validFrom: "2017-04-01", validTo: "2018-04-01", evidence: "PUBLISHED" },
        { geographyCode: "C1", validFrom: "2016-04-01", validTo: "2017-04-01", evidence: "PUBLISHED" },
        { geographyCode: "C1", validFrom: "2019-04-01", validTo: null, evidence: "PUBLISHED" },
      ]),
    ).toEqual([
      { geographyCode: "C1", validFrom: "2016-04-01", validTo: "2018-04-01", evidence: "PUBLISHED" },
      { geographyCode: "C1", validFrom: "2019-04-01", validTo: null, evidence: "PUBLISHED" },
    ]);
  });
});

describe("deriveAreaCoverage", () => {
  const isGeography = (code: string) => code !== "TRUST";

  it("places an area in its CCG's footprint over the overlap of the two intervals", () => {
    const coverage = deriveAreaCoverage(
      ["A1"],
      [fact("A1", "C1", "2016-04-01", "2017-04-01")],
      [member("C1", "S1", "2016-04-01", "2016-12-01"), member("C1", "S2", "2016-12-01", null)],
      isGeography,
    );
    expect(coverage.get("A1")).toEqual([
      { geographyCode: "C1", validFrom: "2016-04-01", validTo: "2017-04-01", evidence: "PUBLISHED" },
      { geographyCode: "S1", validFrom: "2016-04-01", validTo: "2016-12-01", evidence: "PUBLISHED" },
      { geographyCode: "S2", validFrom: "2016-12-01", validTo: "2017-04-01", evidence: "PUBLISHED" },
    ]);
  });

  it("never places areas through a partial membership; only explicit area rows place them", () => {
    const coverage = deriveAreaCoverage(
      ["A1", "A2"],
      [
        fact("A1", "CUMBRIA", "2016-04-01", "2017-04-01"),
        fact("A2", "CUMBRIA", "2016-04-01", "2017-04-01"),
        { ...fact("A2", "S2", "2017-02-01", "2017-04-01"), evidence: "DERIVED" },
      ],
      [
        member("CUMBRIA", "S1", "2016-04-01", "2017-04-01", true),
        member("CUMBRIA", "S2", "2016-04-01", "2017-04-01", true),
      ],
      isGeography,
    );
    expect(coverage.get("A1")).toEqual([
      { geographyCode: "CUMBRIA", validFrom: "2016-04-01", validTo: "2017-04-01", evidence: "PUBLISHED" },
    ]);
    expect(coverage.get("A2")).toEqual([
      { geographyCode: "CUMBRIA", validFrom: "2016-04-01", validTo: "2017-04-01", evidence: "PUBLISHED" },
      { geographyCode: "S2", validFrom: "2017-02-01", validTo: "2017-04-01", evidence: "DERIVED" },
    ]);
  });

  it("carries the weaker evidence of the two facts a placement rests on", () => {
    const coverage = deriveAreaCoverage(
      ["A1"],
      [fact("A1", "C1", "2016-04-01", null)],
      [{ ...member("C1", "L1", "2016-04-01", "2017-04-01"), evidence: "RECONSTRUCTED" }],
      isGeography,
    );
    expect(coverage.get("A1")?.[1]).toEqual({
      geographyCode: "L1",
      validFrom: "2016-04-01",
      validTo: "2017-04-01",
      evidence: "RECONSTRUCTED",
    });
  });

  it("ignores memberships in organisations that cover no ground", () => {
    const coverage = deriveAreaCoverage(
      ["A1"],
      [fact("A1", "C1", "2016-04-01", null)],
      [member("C1", "TRUST", "2016-04-01", null)],
      isGeography,
    );
    expect(coverage.get("A1")).toHaveLength(1);
  });
});

describe("groupAreas", () => {
  it("puts areas with identical coverage in one group with a stable id", () => {
    const coverage = deriveAreaCoverage(
      ["A1", "A2", "A3"],
      [
        fact("A1", "C1", "2016-04-01", null),
        fact("A2", "C1", "2016-04-01", null),
        fact("A3", "C2", "2016-04-01", null),
      ],
      [],
      () => true,
    );
    const groups = groupAreas(coverage);
    expect(groups.map((g) => g.areaCodes.sort())).toEqual(expect.arrayContaining([["A1", "A2"], ["A3"]]));
    expect(groupAreas(coverage).map((g) => g.id)).toEqual(groups.map((g) => g.id));
  });
});
