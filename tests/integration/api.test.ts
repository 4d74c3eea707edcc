import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database, type PlanOperator } from "../../src/graph/database.js";
import { profileFindEntity } from "../../src/graph/lookup.js";
import { createLoaders } from "../../src/loaders/createLoaders.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

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

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await server.execute(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const COUNT = `query Count($kind: GeographyKind!, $on: Date!) {
  geographies(filter: { kind: $kind, existedOn: $on }) { totalCount }
}`;

describe("counts on the real seed match the sources", () => {
  it.each([
    ["CCG", "2016-06-01", 209],
    ["CCG", "2017-06-01", 207],
    ["CCG", "2018-06-01", 195],
    ["CCG", "2019-06-01", 191],
    ["CCG", "2020-06-01", 135],
    ["STP", "2016-06-01", 44],
    ["STP", "2020-06-01", 42],
    ["REGION", "2017-06-01", 4],
  ])("counts %s geographies existing on %s as %i", async (kind, on, expected) => {
    const result = await data<{ geographies: { totalCount: number } }>(COUNT, { kind, on });
    expect(result.geographies.totalCount).toBe(expected);
  });

  it("holds the 32,844 LSOA areas", async () => {
    const result = await data<{ dataset: { areaCount: number } }>("{ dataset { areaCount } }");
    expect(result.dataset.areaCount).toBe(32_844);
  });
});

describe("geography(code:, asOf:)", () => {
  const GEOGRAPHY = `query G($code: ID!, $asOf: Date) {
    geography(code: $code, asOf: $asOf) { code name kind areaCount }
  }`;

  it("answers for an STP, a CCG, a local authority and a region", async () => {
    const stp = await data<{ geography: unknown }>(GEOGRAPHY, { code: "E54000046", asOf: "2017-03-01" });
    expect(stp.geography).toMatchObject({ code: "E54000046", kind: "STP" });
    const ccg = await data<{ geography: { kind: string; areaCount: number } }>(GEOGRAPHY, {
      code: "E38000116",
      asOf: "2016-10-01",
    });
    expect(ccg.geography).toMatchObject({ code: "E38000116", name: "NHS North Durham CCG", kind: "CCG" });
    expect(ccg.geography.areaCount).toBeGreaterThan(0);
    const council = await data<{ geography: unknown }>(GEOGRAPHY, { code: "E08000003", asOf: "2017-06-01" });
    expect(council.geography).toMatchObject({
      code: "E08000003",
      name: "Manchester",
      kind: "LOCAL_AUTHORITY",
    });
    const region = await data<{ geography: { areaCount: number } }>(GEOGRAPHY, {
      code: "E40000003",
      asOf: "2017-06-01",
    });
    expect(region.geography).toMatchObject({ code: "E40000003", kind: "REGION" });
    expect(region.geography.areaCount).toBe(4_835);
  });

  it("answers for an LDR, found by name", async () => {
    const found = await data<{ geographies: { edges: { node: { code: string; kind: string } }[] } }>(
      `{ geographies(filter: { kind: LDR, nameContains: "peninsula" }) { edges { node { code kind } } } }`,
    );
    expect(found.geographies.edges).toHaveLength(1);
    const code = found.geographies.edges[0]?.node.code ?? "";
    const ldr = await data<{ geography: { kind: string; areaCount: number } }>(GEOGRAPHY, {
      code,
      asOf: "2017-03-01",
    });
    expect(ldr.geography.kind).toBe("LDR");
    expect(ldr.geography.areaCount).toBeGreaterThan(0);
  });

  it("accepts a CCG's ODS code and a footprint's former code", async () => {
    const ods = await data<{ geography: { code: string } }>(GEOGRAPHY, { code: "00J" });
    expect(ods.geography.code).toBe("E38000116");
    const former = await data<{ geography: { code: string } }>(GEOGRAPHY, { code: "E54000003" });
    expect(former.geography.code).toBe("E54000045");
  });

  it("scans footprints for a former code only when no official code matches", async () => {
    const footprintScans = (plan: PlanOperator[]) =>
      plan.filter((op) => op.operator.startsWith("NodeByLabelScan") && op.details.includes(":Footprint"));
    const official = await profileFindEntity(db, "E54000045", "2020-04-01");
    expect(official.length).toBeGreaterThan(0);
    expect(footprintScans(official).every((op) => op.dbHits === 0)).toBe(true);
    const former = await profileFindEntity(db, "E54000003", "2020-04-01");
    expect(footprintScans(former).some((op) => op.dbHits > 0)).toBe(true);
  });

  it("returns null for an unknown code", async () => {
    expect(await data(GEOGRAPHY, { code: "E54000099" })).toEqual({ geography: null });
  });
});

describe("as of a date", () => {
  const STP_OF_CCG = `query S($asOf: Date!) {
    organisation(code: "E38000116") { ... on Ccg { footprints(asOf: $asOf, kind: STP) { group { ... on Footprint { code } } } } }
  }`;

  it("puts NHS North Durham CCG in a different STP on 2016-10-01 and on 2017-03-01", async () => {
    const before = await data<{ organisation: { footprints: { group: { code: string } }[] } }>(STP_OF_CCG, {
      asOf: "2016-10-01",
    });
    const after = await data<{ organisation: { footprints: { group: { code: string } }[] } }>(STP_OF_CCG, {
      asOf: "2017-03-01",
    });
    expect(before.organisation.footprints.map((m) => m.group.code)).toEqual(["E54000045"]);
    expect(after.organisation.footprints.map((m) => m.group.code)).toEqual(["E54000046"]);
  });

  it("marks NHS Cumbria CCG's membership of two STPs as partial", async () => {
    const result = await data<{
      organisation: { footprints: { partial: boolean; group: { code: string } }[] };
    }>(
      `{ organisation(code: "E38000041") { footprints(asOf: "2016-10-01", kind: STP) { partial group { ... on Footprint { code } } } } }`,
    );
    expect(result.organisation.footprints).toEqual([
      { partial: true, group: { code: "E54000047" } },
      { partial: true, group: { code: "E54000048" } },
    ]);
  });
});

describe("navigation", () => {
  it("goes from a footprint to its members, areas, leaders and regions", async () => {
    const result = await data<{
      geography: {
        members: { totalCount: number; edges: { node: { member: { code: string } } }[] };
        areas: { totalCount: number; edges: unknown[] };
        leaders: { person: { name: string }; dayJobOrganisation: { code: string } | null }[];
        regions: { code: string }[];
      };
    }>(`{
      geography(code: "E54000037", asOf: "2017-03-01") {
        ... on Footprint {
          members(kind: CCG) { totalCount edges { node { member { code } } } }
          areas(first: 5) { totalCount edges { node { code } } }
          leaders { person { name } dayJobOrganisation { code } }
          regions { code }
        }
      }
    }`);
    const devon = result.geography;
    expect(devon.members.edges.map((e) => e.node.member.code)).toEqual(["E38000129", "E38000152"]);
    expect(devon.members.totalCount).toBe(2);
    expect(devon.areas.edges).toHaveLength(5);
    expect(devon.leaders.map((l) => l.person.name)).toEqual(["Angela Pedder"]);
    expect(devon.regions).toEqual([]);
  });

  it("goes from an organisation to its footprints, areas, leaders and region", async () => {
    const result = await data<{
      organisation: {
        footprints: { group: { code: string } }[];
        areaCount: number;
        leaders: { person: { id: string } }[];
        region: { code: string };
      };
    }>(`{
      organisation(code: "E38000015") {
        ... on Ccg {
          footprints(asOf: "2017-06-01") { group { ... on Footprint { code } ... on Region { code } ... on LocalOffice { code } } }
          areaCount(asOf: "2017-06-01")
          leaders { person { id } }
          region(asOf: "2017-06-01") { code }
        }
      }
    }`);
    expect(result.organisation.footprints.map((m) => m.group.code)).toEqual(
      expect.arrayContaining(["E54000048", "E40000001"]),
    );
    expect(result.organisation.region.code).toBe("E40000001");
    expect(result.organisation.leaders.map((l) => l.person.id)).toEqual(["amanda-doyle"]);
    expect(result.organisation.areaCount).toBeGreaterThan(0);
  });

  it("goes from a leader to their roles and organisations", async () => {
    const result = await data<{
      person: { roles: { footprint: { code: string } }[]; organisations: { code: string }[] };
    }>(`{ person(id: "amanda-doyle") { roles { footprint { code } } organisations { code } } }`);
    expect(result.person.roles.map((r) => r.footprint.code)).toEqual(["E54000048"]);
    expect(result.person.organisations.map((o) => o.code)).toEqual(["E38000015"]);
  });

  it("goes from an area to every geography that contains it", async () => {
    const result = await data<{ area: { geographies: { kind: string; code: string }[] } }>(
      `{ area(code: "E01010638") { geographies(asOf: "2017-03-01") { kind code } } }`,
    );
    const kinds = result.area.geographies.map((g) => g.kind);
    expect(kinds).toEqual(expect.arrayContaining(["CCG", "LOCAL_AUTHORITY", "STP"]));
    expect(result.area.geographies.find((g) => g.kind === "STP")?.code).toBe("E54000005");
  });

  it("finds a CCG by name whatever its case, punctuation and affixes", async () => {
    const result = await data<{ search: { code?: string }[] }>(
      `{ search(text: "bradford-city") { ... on Ccg { code } } }`,
    );
    expect(result.search[0]).toEqual({ code: "E38000018" });
  });
});

describe("lists", () => {
  it("pages through every April 2016 CCG without gaps or repeats", async () => {
    const codes: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: {
        geographies: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { code: string } }[];
        };
      } = await data(
        `query P($after: String) { geographies(filter: { kind: CCG, existedOn: "2016-06-01" }, first: 100, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`,
        { after },
      );
      pages += 1;
      expect(page.geographies.totalCount).toBe(209);
      codes.push(...page.geographies.edges.map((e) => e.node.code));
      if (!page.geographies.pageInfo.hasNextPage) break;
      after = page.geographies.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(codes).toHaveLength(209);
    expect(new Set(codes).size).toBe(209);
    expect([...codes].sort()).toEqual(codes);
  });

  it("filters organisations by kind, footprint and region, and sorts by name", async () => {
    const result = await data<{ organisations: { edges: { node: { name: string } }[] } }>(`{
      organisations(filter: { kind: CCG, footprint: "E54000037", existedOn: "2017-03-01" }, orderBy: NAME) { edges { node { name } } }
    }`);
    expect(result.organisations.edges.map((e) => e.node.name)).toEqual([
      "NHS Northern, Eastern and Western Devon CCG",
      "NHS South Devon and Torbay CCG",
    ]);
    const london = await data<{ organisations: { totalCount: number } }>(`{
      organisations(filter: { kind: CCG, region: "E40000003", existedOn: "2017-06-01" }) { totalCount }
    }`);
    expect(london.organisations.totalCount).toBe(32);
  });
});

describe("the N+1 guard", () => {
  const STPS = `query Stps($first: Int!) {
    geographies(filter: { kind: STP, existedOn: "2017-03-01" }, first: $first) {
      edges { node { code name ... on Footprint {
        members(asOf: "2017-03-01") { totalCount edges { node { member { code name } } } }
        leaders { person { name } dayJobOrganisation { code name } }
        regions(asOf: "2017-06-01") { code name }
      } } }
    }
  }`;

  it("lists the 44 STPs with members, leaders and region in a fixed number of statements", async () => {
    const all = await server.execute(STPS, { first: 44 });
    expect(all.errors).toBeUndefined();
    const few = await server.execute(STPS, { first: 3 });
    expect((all.data as { geographies: { edges: unknown[] } }).geographies.edges).toHaveLength(44);
    expect(all.statements.length).toBe(few.statements.length);
    expect(all.statements.length).toBeLessThanOrEqual(6);
    const regions = (
      all.data as { geographies: { edges: { node: { regions: unknown[] } }[] } }
    ).geographies.edges.map((e) => e.node.regions.length);
    expect(regions.every((count) => count >= 1)).toBe(true);
  });
});

describe("reads made along with the lookup", () => {
  it("reads a geography and its area count in one statement, with the answer of the separate read", async () => {
    // North Durham STP ended in 2017: without a date, areaCount is for its last day.
    for (const [code, asOf] of [
      ["E54000037", "2017-03-01"],
      ["E54000045", null],
      ["00J", "2016-10-01"],
    ] as const) {
      const together = await server.execute(
        `query G($code: ID!, $asOf: Date) { geography(code: $code, asOf: $asOf) { code areaCount } }`,
        { code, asOf },
      );
      const apart = await server.execute(
        `query G($code: ID!, $asOf: Date) { geography(code: $code, asOf: $asOf) { code areaCount(asOf: null) } }`,
        { code, asOf },
      );
      expect(together.errors).toBeUndefined();
      expect(together.data).toEqual(apart.data);
      expect((together.data as { geography: { areaCount: number } }).geography.areaCount).toBeGreaterThan(0);
      expect(together.statements).toHaveLength(1);
      expect(apart.statements).toHaveLength(2);
    }
  });

  it("gives each edge a cursor that continues the list after that edge", async () => {
    type Members = {
      totalCount: number;
      pageInfo: { endCursor: string | null };
      edges: { cursor: string; node: { member: { code: string } } }[];
    };
    const page = async (code: string, after: string | null) => {
      const result = await server.execute(
        `query M($code: ID!, $after: String) { geography(code: $code, asOf: "2017-03-01") { ... on Footprint {
          members(first: 2, after: $after) { totalCount pageInfo { endCursor } edges { cursor node { member { code } } } }
        } } }`,
        { code, after },
      );
      expect(result.errors).toBeUndefined();
      return (result.data as { geography: { members: Members } }).geography.members;
    };
    const stps = await server.execute(
      `{ geographies(filter: { kind: STP, existedOn: "2017-03-01" }, first: 50) { edges { node { code ... on Footprint { members { totalCount } } } } } }`,
    );
    type Stps = { geographies: { edges: { node: { code: string; members: { totalCount: number } } }[] } };
    const large = (stps.data as Stps).geographies.edges.find((e) => e.node.members.totalCount >= 3);
    expect(large).toBeDefined();
    const code = large?.node.code ?? "";
    const first = await page(code, null);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.endCursor).toBe(first.edges[1]?.cursor);
    const afterFirstEdge = await page(code, first.edges[0]?.cursor ?? null);
    expect(afterFirstEdge.edges[0]?.node.member.code).toBe(first.edges[1]?.node.member.code);
    const afterPage = await page(code, first.pageInfo.endCursor);
    expect((afterPage.edges[0]?.node.member.code ?? "") > (first.edges[1]?.node.member.code ?? "")).toBe(
      true,
    );
  });

  it("reads a list's footprints, their members and regions in one statement, with the answers of the separate reads", async () => {
    const list = (members: string) => `{
      geographies(filter: { kind: STP, existedOn: "2017-03-01" }, first: 10) {
        totalCount
        edges { node { code ... on Footprint {
          ${members}
          regions(asOf: "2017-06-01") { code name }
        } } }
      }
    }`;
    const names = `members(first: 3) { totalCount pageInfo { hasNextPage } edges { cursor node { member { __typename code name } } } }`;
    const together = await server.execute(list(names));
    // A second, different selection of members leaves every page to the field.
    const apart = await server.execute(list(`${names} other: members(first: 2) { totalCount }`));
    // Asking for a membership's dates, partial flag or evidence reads those too ("terms"); asking for
    // its source or the member's other fields reads whole memberships.
    const termsSelection = `validFrom validTo partial evidence member { __typename code name organisationKind }`;
    const terms = await server.execute(
      list(`members(first: 3) { totalCount edges { node { ${termsSelection} } } }`),
    );
    const whole = await server.execute(
      list(`members(first: 3) { totalCount edges { node { ${termsSelection} source member { odsCode } } } }`),
    );
    expect(together.errors).toBeUndefined();
    expect(apart.errors).toBeUndefined();
    expect(terms.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    expect(together.statements).toHaveLength(1);
    expect(terms.statements).toHaveLength(1);
    expect(together.statements[0]).not.toContain("r.partial");
    expect(terms.statements[0]).toContain("r.partial");
    expect(terms.statements[0]).not.toContain("r.evidenceDetail");
    expect(whole.statements[0]).toContain("r.evidenceDetail");
    expect(apart.statements.length).toBeGreaterThan(1);
    type Page = {
      geographies: {
        totalCount: number;
        edges: { node: { code: string; members: unknown; other?: unknown; regions: unknown[] } }[];
      };
    };
    const withoutOther = (page: Page) => ({
      ...page.geographies,
      edges: page.geographies.edges.map(({ node }) => ({ node: { ...node, other: undefined } })),
    });
    expect(withoutOther(together.data as Page)).toEqual(withoutOther(apart.data as Page));
    const first = (together.data as Page).geographies.edges[0]?.node;
    expect(first?.regions.length).toBeGreaterThan(0);
    const naming = (member: unknown) => {
      const { __typename, code, name } = member as Record<string, unknown>;
      return { __typename, code, name };
    };
    const memberCodes = (page: Page) =>
      page.geographies.edges.map((e) =>
        (e.node.members as { edges: { node: { member: unknown } }[] }).edges.map((m) => m.node.member),
      );
    expect(memberCodes(whole.data as Page).map((members) => members.map(naming))).toEqual(
      memberCodes(together.data as Page),
    );
    expect(memberCodes(together.data as Page).flat().length).toBeGreaterThan(10);
    // A page of terms answers exactly what the whole memberships answer for the same fields.
    const termsOf = (page: Page) =>
      page.geographies.edges.map((e) =>
        (e.node.members as { edges: { node: Record<string, unknown> }[] }).edges.map(
          ({ node: { validFrom, validTo, partial, evidence, member } }) => ({
            validFrom,
            validTo,
            partial,
            evidence,
            member: naming(member),
          }),
        ),
      );
    expect(termsOf(terms.data as Page)).toEqual(termsOf(whole.data as Page));
    expect(
      termsOf(terms.data as Page)
        .flat()
        .some((m) => m.validFrom !== null && m.evidence !== null),
    ).toBe(true);
  });

  it("answers a looked-up footprint's members and leaders from its one read, and asked twice, by their own reads", async () => {
    const lookup = (fields: string) =>
      `{ geography(code: "E54000006", asOf: "2017-03-01") { code ... on Footprint { ${fields} } } }`;
    type Found = { geography: Record<string, unknown> };
    const found = (result: { data?: unknown }) => (result.data as Found).geography;
    const members = (first: number) =>
      `members(first: ${first}) { totalCount edges { node { member { code } } } }`;
    const leaders = (asOf: string) => `leaders(asOf: "${asOf}") { person { id } validFrom }`;
    const once = await server.execute(lookup(`${members(2)} ${leaders("2016-10-01")}`));
    expect(once.errors).toBeUndefined();
    expect(once.statements).toHaveLength(1);
    const twice = await server.execute(
      lookup(`${members(2)} more: ${members(4)} ${leaders("2016-10-01")} later: ${leaders("2017-06-01")}`),
    );
    const membersFirst4 = await server.execute(lookup(members(4)));
    const leadersLater = await server.execute(lookup(leaders("2017-06-01")));
    for (const result of [twice, membersFirst4, leadersLater]) expect(result.errors).toBeUndefined();
    expect(found(twice)["members"]).toEqual(found(once)["members"]);
    expect(found(twice)["leaders"]).toEqual(found(once)["leaders"]);
    expect(found(twice)["more"]).toEqual(found(membersFirst4)["members"]);
    expect(found(twice)["later"]).toEqual(found(leadersLater)["leaders"]);
    // Each alias differs from the other, so the test would catch one answering for the other.
    expect(found(twice)["more"]).not.toEqual(found(twice)["members"]);
    expect(found(twice)["later"]).not.toEqual(found(twice)["leaders"]);
  });

  it("answers a listed footprint's regions and members asked with other arguments by their own reads", async () => {
    const list = (fields: string) => `{
      geographies(filter: { kind: STP, existedOn: "2017-06-01" }, first: 44) {
        edges { node { code ... on Footprint { ${fields} } } }
      }
    }`;
    type Nodes = { geographies: { edges: { node: Record<string, unknown> }[] } };
    const nodes = (result: { data?: unknown }) => (result.data as Nodes).geographies.edges.map((e) => e.node);
    const both = await server.execute(
      list(`regions { code } earlier: regions(asOf: "2016-06-01") { code }
            members(first: 2) { totalCount } more: members(first: 4) { totalCount edges { node { member { code } } } }`),
    );
    const regionsNow = await server.execute(list("regions { code }"));
    const regionsEarlier = await server.execute(list(`regions(asOf: "2016-06-01") { code }`));
    const membersFirst4 = await server.execute(
      list("members(first: 4) { totalCount edges { node { member { code } } } }"),
    );
    for (const result of [both, regionsNow, regionsEarlier, membersFirst4])
      expect(result.errors).toBeUndefined();
    expect(nodes(both).map((n) => n["regions"])).toEqual(nodes(regionsNow).map((n) => n["regions"]));
    expect(nodes(both).map((n) => n["earlier"])).toEqual(nodes(regionsEarlier).map((n) => n["regions"]));
    expect(nodes(both).map((n) => n["more"])).toEqual(nodes(membersFirst4).map((n) => n["members"]));
    // The two dates differ somewhere, so the test would catch one answering for the other.
    expect(nodes(regionsNow).map((n) => n["regions"])).not.toEqual(
      nodes(regionsEarlier).map((n) => n["regions"]),
    );
    expect(nodes(regionsNow).flatMap((n) => n["regions"] as unknown[]).length).toBeGreaterThan(0);
  });

  it("reads a list's geographies and regions by their naming alone when that is all it asks for", async () => {
    const list = (fields: string, regionFields: string) => `{
      geographies(filter: { kind: STP, existedOn: "2017-03-01" }, first: 10) {
        edges { node { code name ${fields} ... on Footprint {
          members(first: 3) { edges { node { member { code name } } } }
          regions(asOf: "2017-06-01") { code name ${regionFields} }
        } } }
      }
    }`;
    const naming = await server.execute(list("", ""));
    const wholeNodes = await server.execute(list("validFrom", ""));
    const wholeRegions = await server.execute(list("", "validFrom"));
    for (const result of [naming, wholeNodes, wholeRegions]) {
      expect(result.errors).toBeUndefined();
      expect(result.statements).toHaveLength(1);
    }
    expect(naming.statements[0]).not.toContain("n.formerCodes");
    expect(naming.statements[0]).not.toContain("r.formerCodes");
    expect(wholeNodes.statements[0]).toContain("n.formerCodes");
    expect(wholeRegions.statements[0]).toContain("r.formerCodes");
    type Page = {
      geographies: {
        edges: { node: { code: string; validFrom?: string; regions: Record<string, unknown>[] } }[];
      };
    };
    const nodes = (result: { data?: unknown }) => (result.data as Page).geographies.edges.map((e) => e.node);
    const namingOnly = (page: ReturnType<typeof nodes>) =>
      page.map((node) => ({
        ...node,
        validFrom: undefined,
        regions: node.regions.map(({ code, name }) => ({ code, name })),
      }));
    expect(namingOnly(nodes(wholeNodes))).toEqual(nodes(naming));
    expect(namingOnly(nodes(wholeRegions))).toEqual(nodes(naming));
    expect(nodes(wholeNodes).every((node) => typeof node.validFrom === "string")).toBe(true);
    const regions = nodes(wholeRegions).flatMap((node) => node.regions);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((region) => typeof region["validFrom"] === "string")).toBe(true);
  });

  it("keeps regions read by their naming from answering a reader that asks for more", async () => {
    const loaders = createLoaders(db);
    const key = { code: "E54000005", asOf: "2017-06-01", kind: "REGION" };
    const whole = await createLoaders(db).overlappingOfKind.load({ ...key, fields: "whole" });
    expect(whole.map((region) => region.validFrom)).toEqual(["2017-04-01"]);
    const namingOnly = whole.map((region) => ({ ...region, validFrom: null }));
    loaders.overlappingOfKind.prime({ ...key, fields: "naming" }, namingOnly);
    expect(await loaders.overlappingOfKind.load({ ...key, fields: "naming" })).toEqual(namingOnly);
    expect(await loaders.overlappingOfKind.load({ ...key, fields: "whole" })).toEqual(whole);
  });

  it("gives a footprint's members and leaders the same by its official and by a former code", async () => {
    const query = `query F($code: ID!) {
      geography(code: $code, asOf: "2016-10-01") {
        code
        ... on Footprint {
          members(first: 5) { totalCount edges { node { member { code } } } }
          leaders { person { name } dayJobOrganisation { code } }
        }
      }
    }`;
    const official = await server.execute(query, { code: "E54000045" });
    const former = await server.execute(query, { code: "E54000003" });
    expect(official.errors).toBeUndefined();
    expect(former.data).toEqual(official.data);
    const footprint = (
      official.data as { geography: { members: { totalCount: number }; leaders: unknown[] } }
    ).geography;
    expect(footprint.members.totalCount).toBeGreaterThan(0);
    expect(footprint.leaders.length).toBeGreaterThan(0);
    // The lookup, the members and the leaders (people and day jobs come with the leaders) in one
    // statement, keyed by the official code whichever code found the footprint.
    expect(official.statements).toHaveLength(1);
    expect(former.statements).toHaveLength(1);
  });
});

describe("errors", () => {
  it("refuses a malformed code, naming the argument", async () => {
    const result = await server.execute(`{ geography(code: "not a code!") { code } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "code" });
    expect(result.statements).toEqual([]);
  });

  it("refuses a page larger than the maximum", async () => {
    const result = await server.execute(`{ geographies(first: 101) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
  });

  it("refuses a search text longer than 200 characters, asking nothing of the database", async () => {
    const result = await server.execute(`query S($text: String!) { search(text: $text) { __typename } }`, {
      text: "x".repeat(1_500),
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "text" });
    expect(result.statements).toEqual([]);
    const longest = await server.execute(`query S($text: String!) { search(text: $text) { __typename } }`, {
      text: "x".repeat(200),
    });
    expect(longest.errors).toBeUndefined();
  });

  it("refuses a date that is not a calendar date", async () => {
    const literal = await server.execute(`{ geography(code: "E54000046", asOf: "2017-02-30") { code } }`);
    expect(literal.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const variable = await server.execute(
      `query Q($d: Date) { geography(code: "E54000046", asOf: $d) { code } }`,
      { d: "March 2017" },
    );
    expect(variable.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(variable.errors?.[0]?.message).toMatch(/\$d|asOf|Date/);
  });

  it("answers a coded error, not a hang, when the database is unreachable", async () => {
    const unreachable = connectDatabase({ uri: "bolt://127.0.0.1:1", timeoutMs: 2_000 });
    const offline = await startTestServer(unreachable);
    // The test's own timeout is the guard against a hang.
    const result = await offline.execute(`{ geography(code: "E54000046") { code } }`);
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("DATABASE_UNAVAILABLE");
    await offline.stop();
    await unreachable.close();
  });
});
