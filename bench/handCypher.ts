/**
 * The best hand-written Cypher for each benchmark operation: one statement that returns the whole
 * answer in the JSON shape of our API's `data`. The floor server runs these through neo4j-driver;
 * the root-@cypher form of @neo4j/graphql runs the same text. Node types are named in a key given
 * per use, since GraphQL field names cannot start with "__".
 */

import { PATH_END, PATH_START } from "../src/graph/analysis.js";
import { ANY_GROUND } from "../src/graph/ground.js";

const DATED = (r: string, d: string) =>
  `${r}.validFrom <= ${d} AND (${r}.validTo IS NULL OR ${d} < ${r}.validTo)`;
const EXISTS_ON = (n: string, d: string) =>
  `(${n}.validFrom IS NULL OR ${n}.validFrom <= ${d}) AND (${n}.validTo IS NULL OR ${d} < ${n}.validTo)`;

// Statements travel whole on every request, in 1,400-byte chunks: whitespace is collapsed so that
// fewer chunks are written (no string literal holds two spaces running, and no statement a comment).
const compact = (statement: string) => statement.replace(/\s+/g, " ").trim();

/** The relationship type of a geography's ground as the geographies of the right-hand kind divide it. */
export type GroundType = "GROUND_LDR" | "GROUND_STP";

/** The GraphQL type name of an entity node, as our API resolves it. */
const TYPE_NAME = (n: string) =>
  `CASE WHEN ${n}:Footprint THEN 'Footprint' ELSE coalesce({CCG: 'Ccg', LOCAL_AUTHORITY: 'LocalAuthority', REGION: 'Region', NHS_TRUST: 'NhsTrust', COUNTY_COUNCIL: 'CountyCouncil'}[${n}.kind], 'LocalOffice') END`;

// An official code, else an ODS code, else a former code (the others are only searched when no official code matches).
const LOOKUP_ENTITY = `
OPTIONAL MATCH (exact:Entity {code: $code})
CALL (exact) {
  WITH exact WHERE exact IS NOT NULL
  RETURN exact AS n
  UNION
  WITH exact WHERE exact IS NULL
  MATCH (n:Entity {odsCode: $code}) RETURN n
  UNION
  WITH exact WHERE exact IS NULL
  MATCH (n:Footprint) WHERE $code IN n.formerCodes RETURN n
}
WITH n LIMIT 1`;

/** Options of the statements that name node types. */
export interface TypeNameOption {
  /** The key of the type name: "__typename" for plain JSON, "typename" where GraphQL reads the map. */
  typenameKey: string;
}

/** A geography by code (or ODS or former code) at a date: its fields and area count. */
export function geographyStatement({ typenameKey }: TypeNameOption): string {
  return compact(`${LOOKUP_ENTITY}
WITH n WHERE n:Geography
CALL (n) {
  OPTIONAL MATCH (n)-[own:${ANY_GROUND}]->(n) WHERE own.kind = n.kind AND ${DATED("own", "date($asOf)")}
  RETURN coalesce(own.areas, 0) AS areaCount
}
RETURN n {${typenameKey}: ${TYPE_NAME("n")}, .code, .name, .kind, areaCount: areaCount,
  validFrom: toString(n.validFrom), validTo: toString(n.validTo)} AS geography`);
}

/** A footprint with its members at a date (a page, in code order) and every leader the sources name. */
export const FOOTPRINT_WITH_MEMBERS_AND_LEADERS = compact(`${LOOKUP_ENTITY}
WITH n WHERE n:Geography
CALL (n) {
  MATCH (m:Organisation)-[r:MEMBER_OF]->(n) WHERE n:Footprint AND ${DATED("r", "date($asOf)")}
  WITH m, r ORDER BY m.code
  RETURN count(*) AS total, collect({node: {member: m {.code, .name, organisationKind: m.kind},
    validFrom: toString(r.validFrom), validTo: toString(r.validTo), partial: coalesce(r.partial, false),
    evidence: r.evidence}})[0..$first] AS edges
}
CALL (n) {
  MATCH (p:Person)-[r:LEADS]->(n)
  WITH p, r ORDER BY coalesce(r.effectiveFrom, r.effectiveTo), coalesce(r.effectiveTo, date('9999-12-31')), p.id
  RETURN collect({person: p {.id, .name}, validFrom: r.validFrom, validTo: r.validTo, dayJobTitle: r.dayJobTitle,
    dayJobOrganisationName: r.dayJobOrganisationName,
    dayJobOrganisation: head([(p)-[:WORKS_AT {line: r.line}]->(o:Organisation) | o {.code, .name}])}) AS leaders
}
RETURN CASE WHEN n:Footprint
  THEN n {.code, .name, members: {totalCount: total, edges: edges}, leaders: leaders}
  ELSE n {.code, .name} END AS geography`);

/** Every STP that existed on a date, with its members then and the regions its ground lay in on another date. */
export const STPS_WITH_MEMBERS_AND_REGIONS = compact(`
MATCH (f:Geography {kind: 'STP'}) WHERE ${EXISTS_ON("f", "date($existedOn)")}
WITH f ORDER BY f.code
CALL (f) {
  MATCH (m:Organisation)-[r:MEMBER_OF]->(f) WHERE ${DATED("r", "date($existedOn)")}
  WITH m ORDER BY m.code
  RETURN collect({node: {member: m {.code, .name}}})[0..$membersFirst] AS members
}
CALL (f) {
  MATCH (f)-[s:SHARES]->(r:Geography {kind: 'REGION'}) WHERE ${DATED("s", "date($regionsAsOf)")}
  WITH r, s.areas AS shared ORDER BY shared DESC, r.code
  RETURN collect(r {.code, .name}) AS regions
}
WITH collect({node: f {.code, .name, members: {edges: members}, regions: regions}}) AS edges
RETURN {totalCount: size(edges), edges: edges[0..$first]} AS geographies`);

// The default date: the last day on which the data covers both kinds at area level (see latestCommonDate).
const REPORT_DATE = `
OPTIONAL MATCH (dataset:Dataset {key: 'seed'})
WITH coalesce(dataset.latestDate, date()) AS latest
CALL (latest) {
  OPTIONAL MATCH (a:KindCoverage {kind: $left}), (b:KindCoverage {kind: $right})
  WITH a, b WHERE $asOf IS NULL AND a IS NOT NULL
  UNWIND range(0, size(a.validFrom) - 1) AS x
  UNWIND range(0, size(b.validFrom) - 1) AS y
  WITH CASE WHEN a.validFrom[x] > b.validFrom[y] THEN a.validFrom[x] ELSE b.validFrom[y] END AS from,
       CASE WHEN a.validTo[x] < b.validTo[y] THEN a.validTo[x] ELSE b.validTo[y] END AS to
  WHERE from < to
  RETURN max(CASE WHEN to = date('9999-12-31') THEN CASE WHEN from > latest THEN from ELSE latest END
                  ELSE to - duration({days: 1}) END) AS common
}
WITH coalesce(date($asOf), common, latest) AS asOf`;

// One left-hand geography's ground at `asOf` as rows {right (null: no right-hand geography), areas,
// lessCertain, rightAreas}, largest first, read from its GROUND relationship as our measureKindPair
// reads it; `rightOf` finds a right-hand geography's {code, name, total} by code.
const groundRows = (
  ground: GroundType,
  start: string,
  self: string,
  carry: string,
  rightOf: (code: string) => string,
) => `
  MATCH (${start})-[t:${ground}]->(${self}) WHERE ${DATED("t", "asOf")}
  WITH ${carry}${self}, t, [k IN range(0, size(coalesce(t.rightCodes, [])) - 1) |
    {right: ${rightOf("t.rightCodes[k]")}, areas: t.sharedAreas[k], lessCertain: t.sharedLessCertain[k]}] AS shared
  WITH ${carry}${self}, [x IN shared | {right: x.right, areas: x.areas, lessCertain: x.lessCertain, rightAreas: x.right.total}]
    + CASE WHEN t.uncoveredAreas > 0
      THEN [{right: null, areas: t.uncoveredAreas, lessCertain: t.uncoveredLessCertain, rightAreas: 0}] ELSE [] END AS rows`;

// A left-hand geography's verdict from its `rows`, as our classifyRelation and classifyVerdict decide it.
const verdictFromRows = (self: string, carry: string) => `
  WITH ${carry}${self}, rows, reduce(s = 0, x IN rows | s + x.areas) AS areaCount,
       reduce(s = 0, x IN rows | s + CASE WHEN x.right IS NULL THEN x.areas ELSE 0 END) AS uncovered,
       reduce(s = 0, x IN rows | s + x.lessCertain) AS lessCertainAreas
  WITH ${carry}${self}, uncovered, lessCertainAreas,
       [x IN rows WHERE x.right IS NOT NULL | {right: {code: x.right.code, name: x.right.name}, sharedAreas: x.areas,
         relation: CASE WHEN x.areas = areaCount - uncovered AND x.areas = x.rightAreas THEN 'EQUAL'
                        WHEN x.areas = areaCount - uncovered THEN 'LEFT_WITHIN_RIGHT'
                        WHEN x.areas = x.rightAreas THEN 'RIGHT_WITHIN_LEFT' ELSE 'PARTIAL' END,
         leftShare: CASE WHEN areaCount = 0 THEN 0.0 ELSE toFloat(x.areas) / areaCount END,
         rightShare: CASE WHEN x.rightAreas = 0 THEN 0.0 ELSE toFloat(x.areas) / x.rightAreas END}] AS overlaps
  WITH ${carry}{geography: ${self} {.code, .name}, uncoveredAreas: uncovered, lessCertainAreas: lessCertainAreas,
    overlaps: overlaps,
    verdict: CASE WHEN size(overlaps) = 0 THEN 'NONE'
                  WHEN size(overlaps) = 1 THEN CASE overlaps[0].relation WHEN 'EQUAL' THEN 'COTERMINOUS'
                                                   WHEN 'LEFT_WITHIN_RIGHT' THEN 'NESTED' ELSE 'STRADDLES' END
                  WHEN all(o IN overlaps WHERE o.relation = 'RIGHT_WITHIN_LEFT') THEN 'UNION'
                  ELSE 'STRADDLES' END} AS verdict`;

/** Which parts of the report a statement returns: each operation selects its own. */
export interface ReportFields {
  kinds: boolean;
  counts: boolean;
}

/**
 * The whole coterminosity report of two kinds at a date (null: the default date), verdicts,
 * shares, summary and caveats included, in one statement over the ground the load derives (the
 * `ground` type: as the right-hand kind divides each geography; a geography that existed without
 * areas has a ground of 0).
 */
export function coterminosityStatement(
  ground: GroundType,
  fields: ReportFields = { kinds: true, counts: true },
): string {
  return compact(`${REPORT_DATE}
CALL (asOf) {
  MATCH (r:Geography {kind: $right})-[t:${ground}]->(r) WHERE t.areas > 0 AND ${DATED("t", "asOf")}
  RETURN collect({code: r.code, name: r.name, total: t.areas}) AS rightTotals
}
CALL (asOf, rightTotals) {${groundRows(
    ground,
    "l:Geography {kind: $left}",
    "l",
    "rightTotals, ",
    (code) => `[x IN rightTotals WHERE x.code = ${code}][0]`,
  )}
  RETURN l, rows
}
WITH asOf, rightTotals, l, rows ORDER BY l.code${verdictFromRows("l", "asOf, rightTotals, ")}
WITH asOf, rightTotals, collect(verdict) AS geographies
WITH asOf, rightTotals, geographies,
     [g IN geographies WHERE g.uncoveredAreas > 0] AS partly,
     [g IN geographies WHERE size(g.overlaps) = 0 AND g.uncoveredAreas = 0] AS empty,
     reduce(s = 0, g IN geographies | s + g.lessCertainAreas) AS lessCertain,
     {STP: 'STP', LDR: 'LDR', CCG: 'CCG', LOCAL_AUTHORITY: 'local authority', REGION: 'region'} AS labels
WITH asOf, rightTotals, geographies, partly, empty, lessCertain,
     coalesce(labels[$left], $left) AS leftLabel, coalesce(labels[$right], $right) AS rightLabel
RETURN {${fields.kinds ? "left: $left, right: $right, " : ""}asOf: toString(asOf),
  summary: [v IN ['COTERMINOUS', 'NESTED', 'UNION', 'STRADDLES', 'NONE'] | {verdict: v, count: size([g IN geographies WHERE g.verdict = v])}],
  caveats: [c IN [
    CASE WHEN size(partly) > 0 THEN toString(reduce(s = 0, g IN partly | s + g.uncoveredAreas)) + ' areas of ' + toString(size(partly)) + ' ' + leftLabel + ' geographies lie in no ' + rightLabel + ' on ' + toString(asOf) + ': the sources do not place them, so they are counted as uncovered, not guessed. Verdicts describe the rest.' END,
    CASE WHEN size(empty) > 0 THEN toString(size(empty)) + ' ' + leftLabel + ' geographies existed on ' + toString(asOf) + ' but the data places no areas in them then: ' + reduce(s = '', g IN empty | s + CASE WHEN s = '' THEN '' ELSE ', ' END + g.geography.code) + '.' END,
    CASE WHEN size(rightTotals) = 0 THEN 'The data places no areas in any ' + rightLabel + ' on ' + toString(asOf) + '.' END,
    CASE WHEN lessCertain > 0 THEN toString(lessCertain) + ' area placements rest on derived or reconstructed evidence (see lessCertainAreas), not on a published lookup.' END
  ] WHERE c IS NOT NULL],
  geographies: [g IN geographies WHERE NOT $onlyMismatches OR g.verdict <> 'COTERMINOUS' |
    g {.geography, .verdict, .overlaps${fields.counts ? ", .uncoveredAreas, .lessCertainAreas" : ""}}]
} AS coterminosity`);
}

/**
 * One geography's verdict against the geographies of the right-hand kind (`ground`) at `$asOf`, as
 * a per-field @cypher statement from `this` (each right-hand total is read by its own lookup).
 */
export function geographyVerdictFromThis(ground: GroundType): string {
  return compact(`
WITH this, date($asOf) AS asOf
OPTIONAL CALL (this, asOf) {${groundRows(
    ground,
    "this",
    "this",
    "asOf, ",
    (code) =>
      `head([(r:Geography {code: ${code}})-[rt:${ground}]->(r) WHERE ${DATED("rt", "asOf")} | {code: r.code, name: r.name, total: rt.areas}])`,
  )}
  RETURN rows
}
WITH this, asOf, coalesce(rows, []) AS rows${verdictFromRows("this", "asOf, ")}
RETURN verdict`);
}

const pathNode = (n: string, typenameKey: string) =>
  `CASE WHEN ${n}:Person THEN {${typenameKey}: 'Person', id: ${n}.id, name: ${n}.name}
     WHEN ${n}:AreaGroup THEN {${typenameKey}: 'AreaSet', id: ${n}.id, size: ${n}.size}
     ELSE {${typenameKey}: ${TYPE_NAME(n)}, code: ${n}.code, name: ${n}.name} END`;

// Two codes of one entity give a path of no steps.
const pathFrom = (a: string, typenameKey: string) => `
CALL (${a}, b) {
  WITH ${a}, b WHERE ${a} = b
  RETURN [${a}] AS ns, [] AS rs
  UNION
  WITH ${a}, b WHERE ${a} <> b
  MATCH path = shortestPath((${a})-[:MEMBER_OF|LEADS|WORKS_AT|WITHIN*..4]-(b))
  RETURN nodes(path) AS ns, relationships(path) AS rs
}
WITH ns, rs LIMIT 1
WITH ns, rs, [n IN ns | ${pathNode("n", typenameKey)}] AS shown
RETURN {length: size(rs), steps: [k IN range(0, size(rs) - 1) | {
  relationship: type(rs[k]), validFrom: toString(rs[k].validFrom), validTo: toString(rs[k].validTo),
  from: CASE WHEN startNode(rs[k]) = ns[k] THEN shown[k] ELSE shown[k + 1] END,
  to: CASE WHEN startNode(rs[k]) = ns[k] THEN shown[k + 1] ELSE shown[k] END}]} AS path`;

/** A shortest path of at most 4 relationships between two entities or people (by code, ODS code, former code or id). */
export function pathStatement({ typenameKey }: TypeNameOption): string {
  return compact(`${PATH_START}${PATH_END}${pathFrom("a", typenameKey)}`);
}

/** The same path, as a per-field @cypher statement from `this` to `$to`. */
export function pathFromThisStatement({ typenameKey }: TypeNameOption): string {
  return compact(`${PATH_END}${pathFrom("this", typenameKey)}`);
}

/** A geography's area count at a date, as a per-field @cypher statement from `this`. */
export const AREA_COUNT_FROM_THIS = compact(`
OPTIONAL MATCH (this)-[own:${ANY_GROUND}]->(this) WHERE own.kind = this.kind AND ${DATED("own", "date($asOf)")}
RETURN coalesce(own.areas, 0) AS areaCount`);

/** The regions a geography's ground lies in at a date, largest share first, from `this`. */
export const REGIONS_FROM_THIS = compact(`
MATCH (this)-[s:SHARES]->(r:Organisation:Geography {kind: 'REGION'}) WHERE ${DATED("s", "date($asOf)")}
WITH r, s.areas AS shared ORDER BY shared DESC, r.code
RETURN r`);

/**
 * The ground of a coterminosity report as rows, for a handler that classifies them itself: the
 * date (default: as REPORT_DATE resolves it), each left-hand geography ([code, name]) with its
 * shared areas by right-hand code, each right-hand geography with its total. One statement over
 * the ground the load derives (`ground`: as the right-hand kind divides each geography).
 */
export function coterminosityGround(ground: GroundType): string {
  return compact(`${REPORT_DATE}
CALL (asOf) {
  MATCH (l:Geography {kind: $left})-[t:${ground}]->(l) WHERE ${DATED("t", "asOf")}
  RETURN 'left' AS row, [l.code, l.name] AS geography,
    [k IN range(0, size(coalesce(t.rightCodes, [])) - 1) | {right: t.rightCodes[k], areas: t.sharedAreas[k], lessCertain: t.sharedLessCertain[k]}]
    + CASE WHEN t.uncoveredAreas > 0 THEN [{right: null, areas: t.uncoveredAreas, lessCertain: t.uncoveredLessCertain}] ELSE [] END AS pairs,
    0 AS areas
  UNION ALL
  MATCH (r:Geography {kind: $right})-[t:${ground}]->(r) WHERE t.areas > 0 AND ${DATED("t", "asOf")}
  RETURN 'right' AS row, [r.code, r.name] AS geography, [] AS pairs, t.areas AS areas
}
RETURN toString(asOf) AS asOf, row, geography, pairs, areas`);
}
