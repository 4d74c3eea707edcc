import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/graph/database.js";
import {
  groundFromRows,
  measureKindPair,
  profileKindPair,
  type KindPairRow,
} from "../../src/graph/overlap.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { readOperation, startTestServer, type TestServer } from "../helpers/testServer.js";

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  server = await startTestServer(db);
});

afterAll(async () => {
  await server.stop();
  await db.close();
});

async function run<T>(operation: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await server.execute(readOperation(operation), variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

interface Report {
  coterminosity: {
    asOf: string;
    summary: { verdict: string; count: number }[];
    caveats: string[];
    geographies: {
      geography: { code: string; name: string };
      verdict: string;
      uncoveredAreas?: number;
      overlaps: {
        right: { code: string };
        relation: string;
        sharedAreas: number;
        leftShare: number;
        rightShare: number;
      }[];
    }[];
  };
}

const verdictOf = (report: Report, code: string) =>
  report.coterminosity.geographies.find((g) => g.geography.code === code);

describe("coterminosity of STPs and LDRs", () => {
  it("answers by default for 2016/17, the last day the LDR data covers", async () => {
    const report = await run<Report>("stpLdrCoterminosity");
    expect(report.coterminosity.asOf).toBe("2017-03-31");
    const total = report.coterminosity.summary.reduce((sum, s) => sum + s.count, 0);
    expect(total).toBe(44);
    expect(report.coterminosity.geographies).toHaveLength(44);
  });

  it("finds Devon and Cornwall each nested in the Peninsula LDR", async () => {
    const report = await run<Report>("stpLdrCoterminosity");
    for (const stp of ["E54000036", "E54000037"]) {
      const verdict = verdictOf(report, stp);
      expect(verdict?.verdict).toBe("NESTED");
      expect(verdict?.overlaps.map((o) => [o.right.code, o.relation, o.leftShare])).toEqual([
        ["LDR-PENINSULA", "LEFT_WITHIN_RIGHT", 1],
      ]);
    }
  });

  it("reports Peninsula as the one LDR across two STPs, as NHS England published", async () => {
    const report = await run<Report>("ldrsAcrossStps");
    const acrossSeveral = report.coterminosity.geographies.filter((g) => g.overlaps.length > 1);
    expect(acrossSeveral.map((g) => g.geography.code)).toEqual(["LDR-PENINSULA"]);
    const peninsula = acrossSeveral[0];
    expect(peninsula?.verdict).toBe("UNION");
    expect(peninsula?.overlaps.map((o) => [o.right.code, o.relation, o.rightShare])).toEqual([
      ["E54000037", "RIGHT_WITHIN_LEFT", 1],
      ["E54000036", "RIGHT_WITHIN_LEFT", 1],
    ]);
  });

  it("counts the areas no LDR is sourced for as uncovered, and says so", async () => {
    const report = await run<Report>("stpLdrCoterminosity");
    const westYorkshire = verdictOf(report, "E54000005");
    expect(westYorkshire?.uncoveredAreas).toBeGreaterThan(0);
    expect(report.coterminosity.caveats.some((c) => /lie in no LDR/.test(c))).toBe(true);
  });

  it("cannot place NHS Cumbria CCG's areas in an STP before the February 2017 border, and says so", async () => {
    const before = await run<Report>("stpLdrCoterminosity", { asOf: "2016-10-01" });
    expect(before.coterminosity.caveats.some((c) => c.includes("E54000047"))).toBe(true);
    expect(verdictOf(before, "E54000047")?.verdict).toBe("NONE");
    const areaCounts = await server.execute(`{
      wnec: geography(code: "E54000047", asOf: "2017-03-01") { areaCount }
      cumbria: geography(code: "E38000041", asOf: "2017-03-01") { areaCount }
    }`);
    expect(areaCounts.data).toEqual({ wnec: { areaCount: 207 }, cumbria: { areaCount: 324 } });
  });
});

describe("councils against STPs", () => {
  it("lists the 17 councils that straddle STP boundaries, checked by hand against the ONS April 2017 lookup", async () => {
    const report = await run<Report>("councilsAcrossStps");
    const straddling = report.coterminosity.geographies.filter((g) => g.verdict === "STRADDLES");
    expect(straddling).toHaveLength(17);
    const shares = (code: string) =>
      Object.fromEntries(verdictOf(report, code)?.overlaps.map((o) => [o.right.code, o.sharedAreas]) ?? []);
    // Counted from ons_lsoa11_ccg17_stp17_lad17_lookup_apr2017.csv, LAD17CD × STP17CD.
    expect(shares("E06000047")).toEqual({ E54000045: 179, E54000046: 145 }); // County Durham
    expect(shares("E07000004")).toEqual({ E54000044: 111, E54000024: 4 }); // Aylesbury Vale
    expect(shares("E07000029")).toEqual({ E54000047: 43, E54000048: 6 }); // Copeland
    expect(shares("E08000025")).toEqual({ E54000017: 547, E54000016: 92 }); // Birmingham
  });

  it("reads only the geographies' naming when that is all a report asks for, with the same answer", async () => {
    const report = (geography: string) => `{
      coterminosity(left: LOCAL_AUTHORITY, right: STP, asOf: "2017-06-01") {
        summary { verdict count }
        geographies { geography { ${geography} } verdict overlaps { left { ${geography} } right { ${geography} } sharedAreas } }
      }
    }`;
    const naming = await server.execute(report("__typename code name kind"));
    const whole = await server.execute(report("__typename code name kind validFrom"));
    expect(naming.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    expect(naming.statements.at(-1)).not.toContain("l.odsCode");
    expect(whole.statements.at(-1)).toContain("l.odsCode");
    type Geography = Record<string, unknown>;
    type Rows = {
      coterminosity: {
        summary: unknown;
        geographies: {
          geography: Geography;
          verdict: string;
          overlaps: { left: Geography; right: Geography }[];
        }[];
      };
    };
    const withoutDates = (data: unknown) =>
      JSON.parse(
        JSON.stringify(data, (key, value: unknown) => (key === "validFrom" ? undefined : value)),
      ) as Rows;
    expect(naming.data).toEqual(withoutDates(whole.data));
    const rows = (whole.data as Rows).coterminosity.geographies;
    expect(rows.length).toBeGreaterThan(300);
    // Councils of 2017 have a first day in the data; a naming-only model would answer null.
    expect(rows.every((g) => typeof g.geography["validFrom"] === "string")).toBe(true);
  });

  it("never scans areas: the statement reads the ground derived at load", async () => {
    const plan = await profileKindPair(db, "LOCAL_AUTHORITY", "STP", "2017-06-01");
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.filter((op) => op.operator.startsWith("AllNodesScan"))).toEqual([]);
    expect(plan.filter((op) => /:Area\b/.test(op.details))).toEqual([]);
  });
});

describe("every pair of kinds", () => {
  const kinds = ["STP", "LDR", "CCG", "LOCAL_AUTHORITY", "REGION"];
  it("answers for each pair, with a summary that counts every left-hand geography once", async () => {
    for (const left of kinds) {
      for (const right of kinds) {
        if (left === right) continue;
        const result = await server.execute(
          `query P($l: GeographyKind!, $r: GeographyKind!) { coterminosity(left: $l, right: $r) { summary { count } geographies { verdict } } }`,
          { l: left, r: right },
        );
        expect(result.errors, `${left} × ${right}`).toBeUndefined();
        const report = (
          result.data as { coterminosity: { summary: { count: number }[]; geographies: unknown[] } }
        ).coterminosity;
        expect(report.summary.reduce((sum, s) => sum + s.count, 0)).toBe(report.geographies.length);
      }
    }
  });
});

describe("the other questions", () => {
  it("finds NHS Cumbria CCG in two STPs at once, both memberships partial", async () => {
    const result = await run<{
      organisationsInSeveralFootprints: {
        organisation: { code: string };
        memberships: { group: { code: string }; partial: boolean }[];
      }[];
    }>("organisationsInSeveralFootprints");
    expect(result.organisationsInSeveralFootprints).toEqual([
      {
        organisation: expect.objectContaining({ code: "E38000041" }) as unknown,
        memberships: [
          expect.objectContaining({
            group: expect.objectContaining({ code: "E54000047" }) as unknown,
            partial: true,
          }) as unknown,
          expect.objectContaining({
            group: expect.objectContaining({ code: "E54000048" }) as unknown,
            partial: true,
          }) as unknown,
        ],
      },
    ]);
  });

  it("shows North Durham moving STP, and its areas with it, between 2016-10-01 and 2017-06-01", async () => {
    const result = await run<{
      changesBetween: {
        memberships: {
          change: string;
          organisation: { code: string };
          before: { code: string }[];
          after: { code: string }[];
        }[];
        areaMoves: { from: { code: string } | null; to: { code: string } | null; areas: number }[];
      };
    }>("changesBetween");
    const northDurham = result.changesBetween.memberships.find((m) => m.organisation.code === "E38000116");
    expect(northDurham).toEqual({
      change: "MOVED",
      organisation: expect.objectContaining({ code: "E38000116" }) as unknown,
      before: [expect.objectContaining({ code: "E54000045" }) as unknown],
      after: [expect.objectContaining({ code: "E54000046" }) as unknown],
    });
    const manchester = result.changesBetween.memberships.find((m) => m.organisation.code === "E38000217");
    expect(manchester?.change).toBe("ADDED");
    const areaCount = await server.execute(
      `{ geography(code: "E38000116", asOf: "2016-10-01") { areaCount } }`,
    );
    const moved = result.changesBetween.areaMoves.find(
      (m) => m.from?.code === "E54000045" && m.to?.code === "E54000046",
    );
    expect(moved?.areas).toBe((areaCount.data as { geography: { areaCount: number } }).geography.areaCount);
  });

  it("lists leaders whose day job the sources place outside their footprint or nowhere", async () => {
    const result = await run<{
      leadersOutsideFootprint: {
        placement: string;
        leadership: { person: { name: string }; footprint: { code: string } };
      }[];
    }>("leadersOutsideFootprint");
    const rows = result.leadersOutsideFootprint;
    expect(rows.every((r) => r.placement === "OUTSIDE" || r.placement === "UNKNOWN")).toBe(true);
    // A mental health trust: no source places non-acute trusts in an STP.
    expect(rows).toContainEqual(
      expect.objectContaining({
        placement: "UNKNOWN",
        leadership: expect.objectContaining({ person: { name: "Rob Webster" } }) as unknown,
      }),
    );
    // A council leader whose council lies in the footprint is not listed.
    expect(rows.some((r) => r.leadership.person.name === "Sir Howard Bernstein")).toBe(false);
  });

  it("lists people with more than one role", async () => {
    const result = await run<{ peopleWithSeveralRoles: { id: string }[] }>("peopleWithSeveralRoles");
    expect(result.peopleWithSeveralRoles.map((p) => p.id)).toContain("richard-samuel");
  });

  it("finds how a leader is connected to a region", async () => {
    const result = await run<{
      path: {
        length: number;
        steps: {
          relationship: string;
          from: { __typename: string };
          to: { __typename: string; code?: string };
        }[];
      };
    }>("howConnected");
    expect(result.path.length).toBe(2);
    expect(result.path.steps.map((s) => [s.from.__typename, s.relationship, s.to.__typename])).toEqual([
      ["Person", "WORKS_AT", "Ccg"],
      ["Ccg", "MEMBER_OF", "Region"],
    ]);
  });

  it("finds a path's ends by ODS code and by a footprint's former code, as a lookup does", async () => {
    interface Ends {
      byOds: { length: number; steps: { from: { code: string }; to: { code: string } }[] } | null;
      byCode: { length: number } | null;
      sameFootprint: { length: number; steps: unknown[] } | null;
      unknown: { length: number } | null;
    }
    const result = await server.execute(`{
      byOds: path(from: "00D", to: "E40000001") { length steps { from { ... on Ccg { code } } to { ... on Region { code } } } }
      byCode: path(from: "E38000047", to: "E40000001") { length }
      sameFootprint: path(from: "E54000003", to: "E54000045") { length steps { relationship } }
      unknown: path(from: "E38999999", to: "E40000001") { length }
    }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as unknown as Ends;
    // 00D is the ODS code of NHS Durham Dales, Easington and Sedgefield CCG (E38000047).
    expect(data.byOds?.length).toBe(data.byCode?.length);
    expect(data.byOds?.steps[0]?.from.code).toBe("E38000047");
    // E54000003 was recoded to E54000045 in December 2016: two codes of one footprint.
    expect(data.sameFootprint).toEqual({ length: 0, steps: [] });
    expect(data.unknown).toBeNull();
  });

  it("refuses a path longer than the bound it can search", async () => {
    const result = await server.execute(readOperation("howConnected"), { maxLength: 7 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "maxLength" });
  });
});

// The reference: the same ground counted at request time over the area groups and their dated
// WITHIN relationships, which the SHARES relationships are derived from at load.
const GROUND_OVER_AREA_GROUPS = `
CALL () {
  MATCH (l:Geography {kind: $left})<-[i:WITHIN]-(g:AreaGroup)
  WHERE i.validFrom <= date($asOf) AND (i.validTo IS NULL OR date($asOf) < i.validTo)
  OPTIONAL MATCH (g)-[j:WITHIN]->(r:Geography {kind: $right})
  WHERE j.validFrom <= date($asOf) AND (j.validTo IS NULL OR date($asOf) < j.validTo)
  WITH l, r, sum(g.size) AS areas,
       sum(CASE WHEN i.evidence IN ['PUBLISHED', 'TRANSCRIBED'] AND (j IS NULL OR j.evidence IN ['PUBLISHED', 'TRANSCRIBED']) THEN 0 ELSE g.size END) AS lessCertain
  WITH l, collect({right: r.code, areas: areas, lessCertain: lessCertain}) AS pairs
  RETURN 'left' AS row, [l.code, l.name, l.kind, null, null, null, null, null, null, null, l:Footprint] AS geography, pairs, 0 AS areas
  UNION ALL
  MATCH (r:Geography {kind: $right})<-[j:WITHIN]-(g:AreaGroup)
  WHERE j.validFrom <= date($asOf) AND (j.validTo IS NULL OR date($asOf) < j.validTo)
  WITH r, sum(g.size) AS areas
  RETURN 'right' AS row, [r.code, r.name, r.kind, null, null, null, null, null, null, null, r:Footprint] AS geography, [] AS pairs, areas
  UNION ALL
  MATCH (l:Geography {kind: $left})
  WHERE (l.validFrom IS NULL OR l.validFrom <= date($asOf)) AND (l.validTo IS NULL OR date($asOf) < l.validTo)
    AND NOT EXISTS { MATCH (l)<-[i:WITHIN]-(:AreaGroup) WHERE i.validFrom <= date($asOf) AND (i.validTo IS NULL OR date($asOf) < i.validTo) }
  RETURN 'left' AS row, [l.code, l.name, l.kind, null, null, null, null, null, null, null, l:Footprint] AS geography, [] AS pairs, 0 AS areas
}
RETURN row, geography, pairs, areas`;

describe("the shared ground derived at load", () => {
  const kinds = ["STP", "LDR", "CCG", "LOCAL_AUTHORITY", "REGION"] as const;
  const dates = [
    "2014-01-01",
    "2016-10-01",
    "2017-03-31",
    "2017-06-01",
    "2018-06-01",
    "2020-06-01",
    "2021-06-30",
  ];
  const codesOf = (ground: Awaited<ReturnType<typeof measureKindPair>>) => ({
    lefts: ground.lefts.map((l) => [l.geography.code, l.areaCount, l.uncoveredAreas, l.lessCertainAreas]),
    pairs: ground.pairs
      .map((p) => [p.left.code, p.right.code, p.sharedAreas, p.lessCertainAreas])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    rights: [...ground.rightAreaCounts].sort(([a], [b]) => a.localeCompare(b)),
  });

  it("gives every pair of kinds, on dates across every vintage, the counts the area groups give", async () => {
    let compared = 0;
    for (const asOf of dates) {
      for (const left of kinds) {
        for (const right of kinds) {
          const reference = await db.read<KindPairRow & Record<string, unknown>>(GROUND_OVER_AREA_GROUPS, {
            left,
            right,
            asOf,
          });
          const expected = groundFromRows(
            reference.records.map((r) => ({
              row: r.get("row"),
              geography: r.get("geography"),
              pairs: r.get("pairs"),
              areas: r.get("areas"),
            })),
            asOf,
          );
          const measured = await measureKindPair(db, left, right, asOf);
          expect(codesOf(measured), `${left} × ${right} on ${asOf}`).toEqual(codesOf(expected));
          compared += measured.pairs.length;
        }
      }
    }
    // Not vacuous: thousands of pairs were compared.
    expect(compared).toBeGreaterThan(5_000);
  });
});
