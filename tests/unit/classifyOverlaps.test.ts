import { describe, expect, it } from "vitest";
import {
  addDays,
  classifyRelation,
  classifyVerdict,
  latestCommonDate,
} from "../../src/analysis/classifyOverlaps.js";

describe("classifyRelation", () => {
  it("calls two geographies with the same areas EQUAL", () => {
    expect(classifyRelation(10, 10, 10)).toBe("EQUAL");
  });
  it("calls a left geography wholly inside a larger right one LEFT_WITHIN_RIGHT", () => {
    expect(classifyRelation(10, 10, 25)).toBe("LEFT_WITHIN_RIGHT");
  });
  it("calls a right geography wholly inside a larger left one RIGHT_WITHIN_LEFT", () => {
    expect(classifyRelation(7, 20, 7)).toBe("RIGHT_WITHIN_LEFT");
  });
  it("calls geographies that each have areas the other lacks PARTIAL", () => {
    expect(classifyRelation(5, 10, 12)).toBe("PARTIAL");
  });
  it("treats a single shared area exactly like any other count", () => {
    expect(classifyRelation(1, 1, 1)).toBe("EQUAL");
    expect(classifyRelation(1, 2, 1)).toBe("RIGHT_WITHIN_LEFT");
  });
});

describe("classifyVerdict", () => {
  it("finds COTERMINOUS when the only overlap is equal", () => {
    expect(classifyVerdict(["EQUAL"])).toBe("COTERMINOUS");
  });
  it("finds NESTED when the only overlap contains the left geography", () => {
    expect(classifyVerdict(["LEFT_WITHIN_RIGHT"])).toBe("NESTED");
  });
  it("finds UNION when every overlap is a whole right geography inside the left one", () => {
    expect(classifyVerdict(["RIGHT_WITHIN_LEFT", "RIGHT_WITHIN_LEFT", "RIGHT_WITHIN_LEFT"])).toBe("UNION");
  });
  it("finds STRADDLES when any of several overlaps is partial", () => {
    expect(classifyVerdict(["RIGHT_WITHIN_LEFT", "PARTIAL"])).toBe("STRADDLES");
    expect(classifyVerdict(["PARTIAL", "PARTIAL"])).toBe("STRADDLES");
  });
  it("finds STRADDLES when a single overlap covers only part of a larger right geography and part of the left", () => {
    expect(classifyVerdict(["PARTIAL"])).toBe("STRADDLES");
  });
  it("finds NONE when no right geography covers any of its ground", () => {
    expect(classifyVerdict([])).toBe("NONE");
  });
});

describe("latestCommonDate", () => {
  it("answers the last day both kinds are covered when one coverage ends", () => {
    expect(
      latestCommonDate(
        { validFrom: ["2016-04-01"], validTo: [null] },
        { validFrom: ["2016-04-01"], validTo: ["2017-04-01"] },
        "2020-04-01",
      ),
    ).toBe("2017-03-31");
  });
  it("answers the latest vintage date when both coverages are open-ended", () => {
    expect(
      latestCommonDate(
        { validFrom: ["2016-04-01"], validTo: [null] },
        { validFrom: ["2017-04-01"], validTo: [null] },
        "2020-04-01",
      ),
    ).toBe("2020-04-01");
  });
  it("answers null when the coverages never meet", () => {
    expect(
      latestCommonDate(
        { validFrom: ["2016-04-01"], validTo: ["2017-04-01"] },
        { validFrom: ["2017-04-01"], validTo: ["2018-04-01"] },
        "2020-04-01",
      ),
    ).toBeNull();
  });
  it("picks the latest of several overlaps", () => {
    expect(
      latestCommonDate(
        { validFrom: ["2016-04-01", "2019-04-01"], validTo: ["2017-04-01", "2019-10-01"] },
        { validFrom: ["2016-04-01"], validTo: [null] },
        "2020-04-01",
      ),
    ).toBe("2019-09-30");
  });
});

describe("addDays", () => {
  it("crosses month and leap-year boundaries", () => {
    expect(addDays("2016-03-01", -1)).toBe("2016-02-29");
    expect(addDays("2016-12-31", 1)).toBe("2017-01-01");
  });
});
