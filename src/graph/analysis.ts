import type { Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import { MEMBERSHIP_PROJECTION, toMembershipModel, type MembershipRow } from "./membership.js";
import type { EntityModel, LeadershipModel, MembershipModel, PersonModel } from "./models.js";

const HOLDS = (r: string) =>
  `($asOf IS NULL OR (${r}.validFrom <= date($asOf) AND (${r}.validTo IS NULL OR date($asOf) < ${r}.validTo)))`;

/** A leader's role with the footprints their day-job organisation belongs to or shares ground with. */
export interface LeaderPlacementRow {
  leadership: LeadershipModel;
  placement: "INSIDE" | "OUTSIDE" | "UNKNOWN";
  organisationFootprints: EntityModel[];
}

// Inside: a membership of the footprint, or ground shared with it (councils). Elsewhere: the same,
// with other footprints of the footprint's kind. A county council counts through its districts.
const LIST_LEADER_PLACEMENTS = `
MATCH (p:Person)-[r:LEADS]->(f:Footprint)
OPTIONAL MATCH (p)-[:WORKS_AT {line: r.line}]->(o:Organisation)
CALL (o, f) {
  OPTIONAL MATCH (o)-[m:MEMBER_OF]->(g:Footprint {kind: f.kind}) WHERE ${HOLDS("m")}
  RETURN g
  UNION
  OPTIONAL MATCH (o)-[s:SHARES]->(g:Footprint {kind: f.kind}) WHERE ${HOLDS("s")}
  RETURN g
  UNION
  OPTIONAL MATCH (o)<-[d:MEMBER_OF]-(:Organisation)-[s:SHARES]->(g:Footprint {kind: f.kind})
  WHERE ${HOLDS("d")} AND ${HOLDS("s")}
  RETURN g
}
WITH p, r, f, o, collect(DISTINCT g) AS footprints
WITH p, r, f, o, footprints,
     CASE WHEN f IN footprints THEN 'INSIDE' WHEN size(footprints) > 0 THEN 'OUTSIDE' ELSE 'UNKNOWN' END AS placement
WHERE placement <> 'INSIDE'
RETURN {
  personId: p.id, footprintCode: f.code, validFrom: r.validFrom, validTo: r.validTo,
  effectiveFrom: toString(r.effectiveFrom), effectiveTo: toString(r.effectiveTo),
  dayJobTitle: r.dayJobTitle, dayJobOrganisationName: r.dayJobOrganisationName, dayJobOrganisationCode: o.code,
  evidence: r.evidence, source: r.source, note: r.note
} AS leadership, placement, [g IN footprints | ${projectEntity("g")}] AS footprints
ORDER BY placement DESC, f.code, p.id`;

/**
 * Roles whose day-job organisation lies OUTSIDE the footprint led, or whose organisation no source
 * places in a footprint of that kind (UNKNOWN): OUTSIDE first, then by footprint code.
 */
export async function listLeaderPlacements(db: Database, asOf: string | null): Promise<LeaderPlacementRow[]> {
  const result = await db.read<{
    leadership: LeadershipModel;
    placement: LeaderPlacementRow["placement"];
    footprints: EntityRow[];
  }>(LIST_LEADER_PLACEMENTS, { asOf });
  return result.records.map((record) => ({
    leadership: record.get("leadership"),
    placement: record.get("placement"),
    organisationFootprints: record.get("footprints").map((g) => toEntityModel(g, asOf)),
  }));
}

const LIST_PEOPLE_WITH_SEVERAL_ROLES = `
MATCH (p:Person)
WITH p, COUNT { (p)-[:LEADS]->() } AS roles, COUNT { (p)-[:WORKS_AT]->() } AS jobs,
     size([(p)-[r:LEADS]->() WHERE r.dayJobOrganisationName CONTAINS ' and NHS ' | r]) AS sharedJobs
WHERE roles > 1 OR jobs > 1 OR sharedJobs > 0
RETURN p.id AS id, p.name AS name ORDER BY p.name`;

/** People with more than one footprint role, or a day job at more than one organisation, by name. */
export async function listPeopleWithSeveralRoles(db: Database): Promise<PersonModel[]> {
  const result = await db.read<PersonModel>(LIST_PEOPLE_WITH_SEVERAL_ROLES);
  return result.records.map((r) => ({ id: r.get("id"), name: r.get("name") }));
}

// Two memberships of one organisation in different groups of the kind, whose intervals overlap.
const LIST_MULTIPLE_MEMBERSHIPS = `
MATCH (o:Organisation)-[a:MEMBER_OF]->(g1:Entity {kind: $kind}), (o)-[b:MEMBER_OF]->(g2:Entity {kind: $kind})
WHERE g1 <> g2 AND ${HOLDS("a")} AND ${HOLDS("b")}
  AND a.validFrom < coalesce(b.validTo, date('9999-12-31')) AND b.validFrom < coalesce(a.validTo, date('9999-12-31'))
WITH o, collect(DISTINCT a) AS memberships
UNWIND memberships AS r
MATCH (o)-[r]->(g)
WITH o AS m, r, g ORDER BY r.validFrom, g.code
WITH m, collect(${MEMBERSHIP_PROJECTION}) AS memberships
RETURN ${projectEntity("m")} AS organisation, memberships ORDER BY m.code`;

/** Organisations in several geographies of a kind at once (at `asOf`, or at any date), by code. */
export async function listMultipleMemberships(
  db: Database,
  kind: string,
  asOf: string | null,
): Promise<{ organisation: EntityModel; memberships: MembershipModel[] }[]> {
  const result = await db.read<{ organisation: EntityRow; memberships: MembershipRow[] }>(
    LIST_MULTIPLE_MEMBERSHIPS,
    {
      kind,
      asOf,
    },
  );
  return result.records.map((record) => ({
    organisation: toEntityModel(record.get("organisation"), asOf),
    memberships: record.get("memberships").map((m) => toMembershipModel(m, asOf)),
  }));
}

const AT = (r: string, d: string) =>
  `(${r}.validFrom <= date(${d}) AND (${r}.validTo IS NULL OR date(${d}) < ${r}.validTo))`;

const LIST_MEMBERSHIP_CHANGES = `
MATCH (o:Organisation)-[m:MEMBER_OF]->(g:Entity {kind: $kind})
WHERE ${AT("m", "$from")} OR ${AT("m", "$to")}
WITH o, collect(CASE WHEN ${AT("m", "$from")} THEN g END) AS before, collect(CASE WHEN ${AT("m", "$to")} THEN g END) AS after
WHERE size([g IN before WHERE NOT g IN after]) > 0 OR size([g IN after WHERE NOT g IN before]) > 0
RETURN ${projectEntity("o")} AS organisation,
       [g IN before | ${projectEntity("g")}] AS before, [g IN after | ${projectEntity("g")}] AS after
ORDER BY o.code`;

/** An organisation whose memberships of a kind differ between two dates. */
export interface MembershipChangeRow {
  organisation: EntityModel;
  change: "ADDED" | "REMOVED" | "MOVED";
  before: EntityModel[];
  after: EntityModel[];
}

/** Organisations whose memberships of a kind differ between `from` and `to`, by code. */
export async function listMembershipChanges(
  db: Database,
  kind: string,
  from: string,
  to: string,
): Promise<MembershipChangeRow[]> {
  const result = await db.read<{ organisation: EntityRow; before: EntityRow[]; after: EntityRow[] }>(
    LIST_MEMBERSHIP_CHANGES,
    {
      kind,
      from,
      to,
    },
  );
  return result.records.map((record) => {
    const before = record.get("before").map((g) => toEntityModel(g, from));
    const after = record.get("after").map((g) => toEntityModel(g, to));
    return {
      organisation: toEntityModel(record.get("organisation"), null),
      change: before.length === 0 ? "ADDED" : after.length === 0 ? "REMOVED" : "MOVED",
      before,
      after,
    };
  });
}

const LIST_AREA_MOVES = `
MATCH (grp:AreaGroup)
OPTIONAL MATCH (grp)-[i:WITHIN]->(a:Geography {kind: $kind}) WHERE ${AT("i", "$from")}
OPTIONAL MATCH (grp)-[j:WITHIN]->(b:Geography {kind: $kind}) WHERE ${AT("j", "$to")}
WITH a, b, sum(grp.size) AS areas
WHERE a IS NOT NULL OR b IS NOT NULL
WITH a, b, areas WHERE a IS NULL OR b IS NULL OR a <> b
RETURN CASE WHEN a IS NULL THEN null ELSE ${projectEntity("a")} END AS from,
       CASE WHEN b IS NULL THEN null ELSE ${projectEntity("b")} END AS to, areas
ORDER BY areas DESC`;

/** Areas that lay in one geography of a kind on `from` and another (or none) on `to`, largest first. */
export async function listAreaMoves(
  db: Database,
  kind: string,
  from: string,
  to: string,
): Promise<{ from: EntityModel | null; to: EntityModel | null; areas: number }[]> {
  const result = await db.read<{ from: EntityRow | null; to: EntityRow | null; areas: number }>(
    LIST_AREA_MOVES,
    { kind, from, to },
  );
  return result.records.map((record) => {
    const fromRow = record.get("from");
    const toRow = record.get("to");
    return {
      from: fromRow === null ? null : toEntityModel(fromRow, from),
      to: toRow === null ? null : toEntityModel(toRow, to),
      areas: record.get("areas"),
    };
  });
}

/** A node on a path: an entity, a person or a group of areas. */
export type PathNodeModel =
  { entity: EntityModel } | { person: PersonModel } | { areaSet: { id: string; size: number } };

export interface PathStepModel {
  from: PathNodeModel;
  relationship: string;
  to: PathNodeModel;
  validFrom: string | null;
  validTo: string | null;
}

// One end of a path, as `alias`: an entity by official code or a person by id, else an entity by ODS
// code, else a footprint by former code (the lookup statements' order); no row when none matches.
const pathEnd = (parameter: string, alias: string) => `
CALL () {
  OPTIONAL MATCH (exact:Entity {code: ${parameter}})
  CALL (exact) {
    WITH exact WHERE exact IS NOT NULL
    RETURN exact AS n
    UNION
    WITH exact WHERE exact IS NULL
    MATCH (n:Person {id: ${parameter}}) RETURN n
    UNION
    WITH exact WHERE exact IS NULL
    MATCH (n:Entity {odsCode: ${parameter}}) RETURN n
    UNION
    WITH exact WHERE exact IS NULL
    CALL (exact) {
      MATCH (n:Footprint) WHERE exact IS NULL AND ${parameter} IN n.formerCodes RETURN n
    }
    RETURN n
  }
  RETURN n AS ${alias} LIMIT 1
}`;
/** A path's start, `$from`, as `a`; the benchmark's hand-written path finds its ends with these too. */
export const PATH_START = pathEnd("$from", "a");
/** A path's end, `$to`, as `b`. */
export const PATH_END = pathEnd("$to", "b");

// Variable-length bounds must be literals in Cypher, so there is one fixed statement per bound (1 to 6).
// Two codes of one entity (an official and a former code) give a path of no steps.
const findShortestPathStatement = (bound: number) => `${PATH_START}${PATH_END}
CALL (a, b) {
  WITH a, b WHERE a = b
  RETURN [a] AS pathNodes, [] AS pathRelationships
  UNION
  WITH a, b WHERE a <> b
  MATCH path = shortestPath((a)-[:MEMBER_OF|LEADS|WORKS_AT|WITHIN*..${bound}]-(b))
  RETURN nodes(path) AS pathNodes, relationships(path) AS pathRelationships
}
RETURN [n IN pathNodes |
  CASE
    WHEN n:Person THEN {person: {id: n.id, name: n.name}}
    WHEN n:AreaGroup THEN {areaSet: {id: n.id, size: n.size}}
    ELSE {entity: ${projectEntity("n")}}
  END] AS nodes,
  [r IN pathRelationships | {
    type: type(r), start: elementId(startNode(r)),
    validFrom: toString(r.validFrom), validTo: toString(r.validTo)
  }] AS relationships,
  [n IN pathNodes | elementId(n)] AS ids
LIMIT 1`;

export const MAX_PATH_LENGTH = 6;
const FIND_SHORTEST_PATH = Array.from({ length: MAX_PATH_LENGTH + 1 }, (_, bound) =>
  findShortestPathStatement(bound),
);

/** A shortest path of at most `maxLength` relationships between two entities or people, or null. */
export async function findShortestPath(
  db: Database,
  from: string,
  to: string,
  maxLength: number,
): Promise<PathStepModel[] | null> {
  if (from === to) return [];
  const result = await db.read<{
    nodes: ({ entity: EntityRow } | { person: PersonModel } | { areaSet: { id: string; size: number } })[];
    relationships: { type: string; start: string; validFrom: string | null; validTo: string | null }[];
    ids: string[];
  }>(FIND_SHORTEST_PATH[Math.min(Math.max(1, maxLength), MAX_PATH_LENGTH)] ?? "", { from, to });
  const record = result.records[0];
  if (record === undefined) return null;
  const nodes: PathNodeModel[] = record
    .get("nodes")
    .map((n) => ("entity" in n ? { entity: toEntityModel(n.entity, null) } : n));
  const ids = record.get("ids");
  return record.get("relationships").map((r, i) => {
    const left = nodes[i] as PathNodeModel;
    const right = nodes[i + 1] as PathNodeModel;
    // Steps read along the path; `from` and `to` follow the relationship's own direction.
    const forward = r.start === ids[i];
    return {
      from: forward ? left : right,
      relationship: r.type,
      to: forward ? right : left,
      validFrom: r.validFrom,
      validTo: r.validTo,
    };
  });
}
