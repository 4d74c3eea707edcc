import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/config/readConfig.js";
import type { Record as Neo4jRecord } from "neo4j-driver";
import {
  coterminosityGround,
  FOOTPRINT_WITH_MEMBERS_AND_LEADERS,
  geographyStatement,
  pathStatement,
  STPS_WITH_MEMBERS_AND_REGIONS,
} from "./handCypher.js";
import { reportFromRecords } from "./floorReports.js";

/** A GraphQL request as a client sends it. */
export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** A request to @neo4j/graphql, with how to turn its answer into our API's `data` for comparison. */
export interface TheirRequest extends GraphQLRequest {
  /** Our API's `data` from theirs, as far as the shapes allow; what it cannot restore is left out of both. */
  normalise: (data: Record<string, unknown>) => unknown;
  /** What differs from our answer's shape, for the report (empty: identical). */
  differences: string;
}

/** One benchmarked operation, as each server is asked it. */
export interface BenchOperation {
  id: string;
  title: string;
  /** The title in a few words, for the chart. */
  short: string;
  ours: GraphQLRequest;
  /**
   * The floor: one hand-written statement and its parameters. `data`'s one field is the single
   * record's only column, or what `finish` makes of the records in the handler.
   */
  floor: {
    statement: string;
    parameters: Record<string, unknown>;
    field: string;
    finish?: (records: readonly Neo4jRecord[]) => unknown;
  };
  /** @neo4j/graphql as its documentation suggests: generated queries, per-field @cypher for the analyses. */
  generated: TheirRequest;
  /** @neo4j/graphql with our hand-written statement in a root @cypher field. */
  rootCypher: TheirRequest;
  /** Restricts our `data` to what the generated form can answer (identity when it answers all of it). */
  comparable?: (data: unknown) => unknown;
}

function readOperation(name: string): string {
  return readFileSync(path.join(repoRoot, "operations", `${name}.graphql`), "utf8");
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value ?? {}) as Json;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Renames `typename` keys (GraphQL cannot select `__typename` from a map) back to `__typename`. */
export function restoreTypenames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreTypenames);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key === "typename" ? "__typename" : key, restoreTypenames(v)]),
  );
}

const GEOGRAPHY_CODE = "E54000006";
const AS_OF = "2017-03-01";
const REGIONS_AS_OF = "2017-06-01";
const COUNCILS_AS_OF = "2017-06-01";
/** The date our API resolves for STP × LDR without one: the generated form has no default, so it is given this. */
export const STP_LDR_DEFAULT_DATE = "2017-03-31";
/**
 * Page sizes within our API's default cost limit (DEFAULT_QUERY_LIMITS.maxCost): on 2017-03-01, the
 * date members are read at, an STP has at most 12 members, so no page cuts a list short.
 */
const MEMBERS_PAGE = 50;
const STPS_PAGE = 50;
const STP_MEMBERS_PAGE = 20;

const datedEdge = (variable: string) =>
  `{ validFrom: { lte: ${variable} }, OR: [{ validTo: { eq: null } }, { validTo: { gt: ${variable} } }] }`;
const existedOn = (variable: string) =>
  `AND: [{ OR: [{ validFrom: { eq: null } }, { validFrom: { lte: ${variable} } }] }, { OR: [{ validTo: { eq: null } }, { validTo: { gt: ${variable} } }] }]`;

const ROOT_GEOGRAPHY = `query ($code: ID!, $asOf: Date!) {
  geography: geographyByCode(code: $code, asOf: $asOf) { typename code name kind areaCount validFrom validTo }
}`;

const ROOT_FOOTPRINT = `query ($code: ID!, $asOf: Date!) {
  geography: footprintWithMembersAndLeaders(code: $code, asOf: $asOf, first: ${MEMBERS_PAGE}) {
    code
    name
    members { totalCount edges { node { member { code name organisationKind } validFrom validTo partial evidence } } }
    leaders { person { id name } validFrom validTo dayJobTitle dayJobOrganisationName dayJobOrganisation { code name } }
  }
}`;

const ROOT_STPS = `query ($existedOn: Date!, $regionsAsOf: Date!) {
  geographies: stpsWithMembersAndRegions(existedOn: $existedOn, regionsAsOf: $regionsAsOf, first: ${STPS_PAGE}, membersFirst: ${STP_MEMBERS_PAGE}) {
    totalCount
    edges { node { code name members { edges { node { member { code name } } } } regions { code name } } }
  }
}`;

const REPORT_SELECTION = (counts: boolean, kinds: boolean) => `{
    ${kinds ? "left right " : ""}asOf
    summary { verdict count }
    caveats
    geographies {
      geography { code name }
      verdict
      ${counts ? "uncoveredAreas lessCertainAreas" : ""}
      overlaps { right { code name } relation sharedAreas leftShare rightShare }
    }
  }`;

const ROOT_PATH = `query ($from: ID!, $to: ID!) {
  path: relationshipPath(from: $from, to: $to) {
    length
    steps { relationship validFrom validTo from { typename code id name size } to { typename code id name size } }
  }
}`;

/** A path of plain path nodes as our API's union members: the keys a node kind lacks (a person's code) dropped. */
function plainPath(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const node = (n: unknown) =>
    restoreTypenames(Object.fromEntries(Object.entries(obj(n)).filter(([, v]) => v !== null)));
  const path = obj(value);
  return {
    ...path,
    steps: list(path["steps"]).map((step) => ({ ...step, from: node(step["from"]), to: node(step["to"]) })),
  };
}

const byLeaderOrder = (a: Json, b: Json): number => {
  // Our order: coalesce(effectiveFrom, effectiveTo), coalesce(effectiveTo, 9999-12-31), person id; nulls last.
  const keys = (x: Json) => {
    const e = obj(x["properties"]);
    const from = (e["effectiveFrom"] ?? e["effectiveTo"] ?? null) as string | null;
    return [
      from ?? "\uffff",
      (e["effectiveTo"] as string | null) ?? "9999-12-31",
      String(obj(x["node"])["id"]),
    ];
  };
  const [ka, kb] = [keys(a), keys(b)];
  for (let i = 0; i < ka.length; i++) {
    const c = (ka[i] ?? "").localeCompare(kb[i] ?? "");
    if (c !== 0) return c;
  }
  return 0;
};

const onlyGeographies = (data: unknown) => ({
  coterminosity: { geographies: obj(obj(data)["coterminosity"])["geographies"] },
});

/** The fixed set of operations the benchmark measures, the same answer asked of every server. */
export const OPERATIONS: readonly BenchOperation[] = [
  {
    id: "geography",
    title: "A geography by code",
    short: "Geography by code",
    ours: {
      query: `query GeographyByCode($code: ID!, $asOf: Date) {
  geography(code: $code, asOf: $asOf) { __typename code name kind areaCount validFrom validTo }
}`,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
    },
    floor: {
      statement: geographyStatement({ typenameKey: "__typename" }),
      parameters: { code: GEOGRAPHY_CODE, asOf: AS_OF },
      field: "geography",
    },
    generated: {
      query: `query ($code: ID!, $asOf: Date!) {
  footprints(where: { code: { eq: $code } }) { __typename code name kind areaCount(asOf: $asOf) validFrom validTo }
}`,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
      normalise: (data) => ({ geography: list(data["footprints"])[0] ?? null }),
      differences: "a list filtered by code (no lookup by ODS or former code), not one geography",
    },
    rootCypher: {
      query: ROOT_GEOGRAPHY,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
      normalise: restoreTypenames,
      differences: "the type name is a plain field",
    },
  },
  {
    id: "footprint",
    title: "An STP with its members and leaders",
    short: "STP, members, leaders",
    ours: {
      query: `query FootprintWithMembersAndLeaders($code: ID!, $asOf: Date) {
  geography(code: $code, asOf: $asOf) {
    code
    name
    ... on Footprint {
      members(first: ${MEMBERS_PAGE}) {
        totalCount
        edges { node { member { code name organisationKind } validFrom validTo partial evidence } }
      }
      leaders {
        person { id name }
        validFrom
        validTo
        dayJobTitle
        dayJobOrganisationName
        dayJobOrganisation { code name }
      }
    }
  }
}`,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
    },
    floor: {
      statement: FOOTPRINT_WITH_MEMBERS_AND_LEADERS,
      parameters: { code: GEOGRAPHY_CODE, asOf: AS_OF, first: MEMBERS_PAGE },
      field: "geography",
    },
    generated: {
      query: `query ($code: ID!, $asOf: Date!) {
  footprints(where: { code: { eq: $code } }) {
    code
    name
    membersConnection(where: { edge: ${datedEdge("$asOf")} }, sort: [{ node: { code: ASC } }], first: ${MEMBERS_PAGE}) {
      totalCount
      edges { properties { validFrom validTo partial evidence } node { code name kind } }
    }
    leadersConnection {
      edges {
        properties { validFrom validTo effectiveFrom effectiveTo dayJobTitle dayJobOrganisationName line }
        node { id name dayJobsConnection { edges { properties { line } node { code name } } } }
      }
    }
  }
}`,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
      normalise: (data) => {
        const f = list(data["footprints"])[0];
        if (f === undefined) return { geography: null };
        const members = obj(f["membersConnection"]);
        return {
          geography: {
            code: f["code"],
            name: f["name"],
            members: {
              totalCount: members["totalCount"],
              edges: list(members["edges"]).map((e) => {
                const p = obj(e["properties"]);
                const n = obj(e["node"]);
                return {
                  node: {
                    member: { code: n["code"], name: n["name"], organisationKind: n["kind"] },
                    validFrom: p["validFrom"],
                    validTo: p["validTo"],
                    partial: p["partial"] ?? false,
                    evidence: p["evidence"],
                  },
                };
              }),
            },
            leaders: [...list(obj(f["leadersConnection"])["edges"])].sort(byLeaderOrder).map((e) => {
              const p = obj(e["properties"]);
              const n = obj(e["node"]);
              const job = list(obj(n["dayJobsConnection"])["edges"]).find(
                (j) => obj(j["properties"])["line"] === p["line"],
              );
              return {
                person: { id: n["id"], name: n["name"] },
                validFrom: p["validFrom"],
                validTo: p["validTo"],
                dayJobTitle: p["dayJobTitle"],
                dayJobOrganisationName: p["dayJobOrganisationName"],
                dayJobOrganisation: job === undefined ? null : obj(job["node"]),
              };
            }),
          },
        };
      },
      differences:
        "members and leaders as relationship connections: the client joins each leader's day job by source line and orders the leaders",
    },
    rootCypher: {
      query: ROOT_FOOTPRINT,
      variables: { code: GEOGRAPHY_CODE, asOf: AS_OF },
      normalise: (data) => data,
      differences: "none",
    },
  },
  {
    id: "stps",
    title: "The 44 STPs with members and regions",
    short: "44 STPs, members, regions",
    ours: {
      query: `query StpsWithMembersAndRegions($existedOn: Date!, $regionsAsOf: Date!) {
  geographies(filter: { kind: STP, existedOn: $existedOn }, first: ${STPS_PAGE}) {
    totalCount
    edges {
      node {
        code
        name
        ... on Footprint {
          members(first: ${STP_MEMBERS_PAGE}) { edges { node { member { code name } } } }
          regions(asOf: $regionsAsOf) { code name }
        }
      }
    }
  }
}`,
      variables: { existedOn: AS_OF, regionsAsOf: REGIONS_AS_OF },
    },
    floor: {
      statement: STPS_WITH_MEMBERS_AND_REGIONS,
      parameters: {
        existedOn: AS_OF,
        regionsAsOf: REGIONS_AS_OF,
        first: STPS_PAGE,
        membersFirst: STP_MEMBERS_PAGE,
      },
      field: "geographies",
    },
    generated: {
      query: `query ($existedOn: Date!, $regionsAsOf: Date!) {
  footprintsConnection(where: { kind: { eq: "STP" }, ${existedOn("$existedOn")} }, sort: [{ code: ASC }], first: ${STPS_PAGE}) {
    totalCount
    edges {
      node {
        code
        name
        membersConnection(where: { edge: ${datedEdge("$existedOn")} }, sort: [{ node: { code: ASC } }], first: ${STP_MEMBERS_PAGE}) {
          edges { node { code name } }
        }
        regions(asOf: $regionsAsOf) { code name }
      }
    }
  }
}`,
      variables: { existedOn: AS_OF, regionsAsOf: REGIONS_AS_OF },
      normalise: (data) => {
        const page = obj(data["footprintsConnection"]);
        return {
          geographies: {
            totalCount: page["totalCount"],
            edges: list(page["edges"]).map((e) => {
              const n = obj(e["node"]);
              return {
                node: {
                  code: n["code"],
                  name: n["name"],
                  members: {
                    edges: list(obj(n["membersConnection"])["edges"]).map((m) => ({
                      node: { member: obj(m["node"]) },
                    })),
                  },
                  regions: n["regions"],
                },
              };
            }),
          },
        };
      },
      differences: "members as a relationship connection (`node` is the organisation, not a membership)",
    },
    rootCypher: {
      query: ROOT_STPS,
      variables: { existedOn: AS_OF, regionsAsOf: REGIONS_AS_OF },
      normalise: (data) => data,
      differences: "none",
    },
  },
  {
    id: "stpLdr",
    title: "Coterminosity STP × LDR (default date)",
    short: "STP × LDR report",
    ours: { query: readOperation("stpLdrCoterminosity"), variables: {} },
    floor: {
      statement: coterminosityGround("GROUND_LDR"),
      parameters: { left: "STP", right: "LDR", asOf: null },
      field: "coterminosity",
      finish: (records) =>
        reportFromRecords(
          records,
          { left: "STP", right: "LDR", onlyMismatches: false },
          { kinds: true, counts: true },
        ),
    },
    generated: {
      query: `query ($asOf: Date!) {
  footprints(where: { kind: { eq: "STP" }, ${existedOn("$asOf")} }, sort: [{ code: ASC }]) {
    coterminosity: coterminosityLdr(right: "LDR", asOf: $asOf) {
      geography { code name }
      verdict
      uncoveredAreas
      lessCertainAreas
      overlaps { right { code name } relation sharedAreas leftShare rightShare }
    }
  }
}`,
      variables: { asOf: STP_LDR_DEFAULT_DATE },
      normalise: (data) => ({
        coterminosity: { geographies: list(data["footprints"]).map((f) => f["coterminosity"]) },
      }),
      differences:
        "a per-STP field: no default date (the client passes the date ours resolves), no summary or caveats",
    },
    rootCypher: {
      query: `query ($asOf: Date) {
  coterminosity: coterminosityReportLdr(left: "STP", right: "LDR", asOf: $asOf, onlyMismatches: false) ${REPORT_SELECTION(true, true)}
}`,
      variables: {},
      normalise: (data) => data,
      differences: "none",
    },
    comparable: onlyGeographies,
  },
  {
    id: "laStp",
    title: "Coterminosity LOCAL_AUTHORITY × STP (2017-06-01, mismatches)",
    short: "Council × STP report",
    ours: { query: readOperation("councilsAcrossStps"), variables: { asOf: COUNCILS_AS_OF } },
    floor: {
      statement: coterminosityGround("GROUND_STP"),
      parameters: { left: "LOCAL_AUTHORITY", right: "STP", asOf: COUNCILS_AS_OF },
      field: "coterminosity",
      finish: (records) =>
        reportFromRecords(
          records,
          { left: "LOCAL_AUTHORITY", right: "STP", onlyMismatches: true },
          { kinds: false, counts: false },
        ),
    },
    generated: {
      query: `query ($asOf: Date!) {
  organisations(where: { kind: { eq: "LOCAL_AUTHORITY" }, ${existedOn("$asOf")} }, sort: [{ code: ASC }]) {
    coterminosity: coterminosityStp(right: "STP", asOf: $asOf) {
      geography { code name }
      verdict
      overlaps { right { code name } relation sharedAreas leftShare rightShare }
    }
  }
}`,
      variables: { asOf: COUNCILS_AS_OF },
      normalise: (data) => ({
        coterminosity: {
          geographies: list(data["organisations"])
            .map((o) => obj(o["coterminosity"]))
            .filter((g) => g["verdict"] !== "COTERMINOUS"),
        },
      }),
      differences:
        "a per-council field over every council: the client drops the coterminous ones; no summary or caveats",
    },
    rootCypher: {
      query: `query ($asOf: Date) {
  coterminosity: coterminosityReportStp(left: "LOCAL_AUTHORITY", right: "STP", asOf: $asOf, onlyMismatches: true) ${REPORT_SELECTION(false, false)}
}`,
      variables: { asOf: COUNCILS_AS_OF },
      normalise: (data) => data,
      differences: "none",
    },
    comparable: onlyGeographies,
  },
  {
    id: "path",
    title: "A path: person amanda-doyle to region E40000001",
    short: "Path: person → region",
    ours: { query: readOperation("howConnected"), variables: { from: "amanda-doyle", to: "E40000001" } },
    floor: {
      statement: pathStatement({ typenameKey: "__typename" }),
      parameters: { from: "amanda-doyle", to: "E40000001" },
      field: "path",
    },
    generated: {
      query: `query ($from: ID!, $to: ID!) {
  people(where: { id: { eq: $from } }) {
    pathTo(to: $to) {
      length
      steps { relationship validFrom validTo from { typename code id name size } to { typename code id name size } }
    }
  }
}`,
      variables: { from: "amanda-doyle", to: "E40000001" },
      normalise: (data) => ({ path: plainPath(obj(list(data["people"])[0])["pathTo"]) }),
      differences:
        "a per-person field; path nodes as one plain type (the type name a field, absent keys null)",
    },
    rootCypher: {
      query: ROOT_PATH,
      variables: { from: "amanda-doyle", to: "E40000001" },
      normalise: (data) => ({ path: plainPath(data["path"]) }),
      differences: "path nodes as one plain type (the type name a field, absent keys null)",
    },
  },
];
