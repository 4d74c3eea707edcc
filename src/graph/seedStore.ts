import { randomInt } from "node:crypto";
import type { GeographyKindValue } from "./models.js";
import type { Database } from "./database.js";
import { ANY_GROUND } from "./ground.js";

/** Counts of what one write step did. */
export interface WriteCounts {
  rows: number;
  nodesCreated: number;
  relationshipsCreated: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
  milliseconds: number;
}

/** One step of a load: a statement run once (with `parameters`) or over `rows` in batches. */
export interface WriteStep {
  name: string;
  statement: string;
  rows?: readonly object[];
  parameters?: Record<string, unknown>;
  batchSize?: number;
}

/**
 * A new load's id, stamped on everything the load writes so that a replacing load can tell what it
 * did not write. A whole number, which Neo4j keeps inside each record: a 36-character UUID would
 * take a string record of its own in each of the seed's 162,000 relationships.
 */
export function newLoadId(): number {
  return randomInt(1, 2 ** 47);
}

// What a replacing load removes: everything the seed owns that this load did not write.
export const DELETE_STALE_NODES = `
MATCH (n)
WHERE (n:Source OR n:Area OR n:Organisation OR n:Footprint OR n:Person OR n:StatusChange)
  AND (n.loadId IS NULL OR n.loadId <> $loadId)
DETACH DELETE n`;

export const DELETE_STALE_RELATIONSHIPS = `
MATCH ()-[r:MEMBER_OF|IN|LEADS|WORKS_AT|HAD_STATUS]->()
WHERE r.loadId IS NULL OR r.loadId <> $loadId
DELETE r`;

export const MERGE_SOURCES = `
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s.loadId = $loadId, s.file = row.file, s.title = row.title, s.publisher = row.publisher, s.licence = row.licence,
    s.evidence = row.evidence, s.url = row.url, s.note = row.note`;

export const MERGE_AREAS = `
UNWIND $rows AS row
MERGE (a:Area {code: row.code})
SET a.loadId = $loadId, a.name = row.name, a.source = row.source`;

// Geography is a second label on the organisations that cover ground.
export const MERGE_ORGANISATIONS = `
UNWIND $rows AS row
MERGE (o:Organisation {code: row.code})
SET o:Entity, o.loadId = $loadId, o.odsCode = row.odsCode, o.name = row.name, o.searchName = row.searchName, o.kind = row.kind,
    o.trustType = row.trustType, o.foundationTrust = row.foundationTrust,
    o.validFrom = date(row.validFrom), o.validTo = date(row.validTo),
    o.evidence = row.evidence, o.source = row.source, o.note = row.note
WITH o, row
WHERE row.kind IN ['CCG', 'LOCAL_AUTHORITY', 'REGION']
SET o:Geography`;

export const MERGE_FOOTPRINTS = `
UNWIND $rows AS row
MERGE (f:Footprint {code: row.code})
SET f:Geography:Entity, f.loadId = $loadId, f.name = row.name, f.searchName = row.searchName, f.kind = row.kind,
    f.formerCodes = row.formerCodes, f.validFrom = date(row.validFrom), f.validTo = date(row.validTo),
    f.evidence = row.evidence, f.source = row.source, f.note = row.note`;

export const MERGE_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (m:Entity {code: row.memberCode})
MATCH (g:Entity {code: row.groupCode})
MERGE (m)-[r:MEMBER_OF {validFrom: date(row.validFrom)}]->(g)
SET r.loadId = $loadId, r.validTo = date(row.validTo), r.partial = row.partial, r.evidence = row.evidence,
    r.evidenceDetail = row.evidenceDetail, r.source = row.source, r.note = row.note`;

// Area facts arrive grouped by geography and interval, so each row matches its geography and reads
// its dates once, not once per area.
export const MERGE_AREA_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (g:Geography {code: row.geographyCode})
WITH g, row, date(row.validFrom) AS validFrom, date(row.validTo) AS validTo
UNWIND row.areas AS area
MATCH (a:Area {code: area.code})
MERGE (a)-[r:IN {validFrom: validFrom}]->(g)
SET r.loadId = $loadId, r.validTo = validTo, r.evidence = row.evidence, r.source = area.source`;

// A first load into a graph without areas creates them outright, skipping MERGE's lookups.
export const CREATE_AREAS = `
UNWIND $rows AS row
CREATE (:Area {code: row.code, name: row.name, source: row.source, loadId: $loadId})`;

export const CREATE_AREA_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (g:Geography {code: row.geographyCode})
WITH g, row, date(row.validFrom) AS validFrom, date(row.validTo) AS validTo
UNWIND row.areas AS area
MATCH (a:Area {code: area.code})
CREATE (a)-[:IN {validFrom: validFrom, validTo: validTo, evidence: row.evidence, source: area.source, loadId: $loadId}]->(g)`;

const READ_GRAPH_OCCUPANCY = "RETURN EXISTS { MATCH (:Area) } AS hasAreas, EXISTS { MATCH (n) } AS hasNodes";

/** What a load finds before it writes: whether the graph holds any areas, and any node at all. */
export interface GraphOccupancy {
  hasAreas: boolean;
  hasNodes: boolean;
}

/** Reads the graph's occupancy, so that a load can create rather than merge, and skip clearing an empty graph. */
export async function readGraphOccupancy(db: Database): Promise<GraphOccupancy> {
  const result = await db.read<{ hasAreas: boolean; hasNodes: boolean }>(READ_GRAPH_OCCUPANCY);
  const record = result.records[0];
  return { hasAreas: record?.get("hasAreas") ?? false, hasNodes: record?.get("hasNodes") ?? false };
}

export const MERGE_PEOPLE = `
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.loadId = $loadId, p.name = row.name, p.searchName = row.searchName`;

export const MERGE_LEADERSHIPS = `
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (f:Footprint {code: row.footprintCode})
MERGE (p)-[r:LEADS {line: toInteger(row.line)}]->(f)
SET r.loadId = $loadId, r.validFrom = row.validFrom, r.validTo = row.validTo,
    r.effectiveFrom = date(row.effectiveFrom), r.effectiveTo = date(row.effectiveTo),
    r.evidence = row.evidence, r.source = row.source, r.note = row.note,
    r.dayJobTitle = row.dayJobTitle, r.dayJobOrganisationName = row.dayJobOrgName`;

export const MERGE_DAY_JOBS = `
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (o:Organisation {code: row.organisationCode})
MERGE (p)-[r:WORKS_AT {line: toInteger(row.line)}]->(o)
SET r.loadId = $loadId, r.title = row.title, r.validFrom = row.validFrom, r.validTo = row.validTo,
    r.effectiveFrom = date(row.effectiveFrom), r.effectiveTo = date(row.effectiveTo),
    r.evidence = row.evidence, r.source = row.source`;

export const MERGE_STATUS_CHANGES = `
UNWIND $rows AS row
MATCH (f:Footprint {code: row.footprintCode})
MERGE (s:StatusChange {id: row.id})
SET s.loadId = $loadId, s.status = row.status, s.system = row.systemName, s.wholeFootprint = row.wholeFootprint,
    s.validFrom = row.validFrom, s.announced = row.announced, s.effectiveFrom = date(row.effectiveFrom),
    s.sourceUrl = row.sourceUrl, s.quote = row.sourceQuote, s.note = row.note, s.source = row.source,
    s.line = toInteger(row.line)
MERGE (f)-[h:HAD_STATUS]->(s)
SET h.loadId = $loadId`;

export const DELETE_AREA_GROUPS = "MATCH (g:AreaGroup) DETACH DELETE g";

export const CREATE_AREA_GROUPS = `
UNWIND $rows AS row
CREATE (g:AreaGroup {id: row.id, size: size(row.areaCodes)})
WITH g, row
UNWIND row.areaCodes AS code
MATCH (a:Area {code: code})
CREATE (a)-[:IN_GROUP]->(g)`;

export const CREATE_GROUP_COVERAGE = `
UNWIND $rows AS row
MATCH (grp:AreaGroup {id: row.groupId})
MATCH (geo:Geography {code: row.geographyCode})
CREATE (grp)-[:WITHIN {validFrom: date(row.validFrom), validTo: date(row.validTo), evidence: row.evidence}]->(geo)`;

export const DELETE_SHARED_GROUND = `
MATCH (:Geography)-[s:SHARES|${ANY_GROUND}]->(:Geography)
DELETE s`;

export const CREATE_SHARED_GROUND = `
UNWIND $rows AS row
MATCH (l:Geography {code: row.leftCode})
MATCH (r:Geography {code: row.rightCode})
CREATE (l)-[:SHARES {validFrom: date(row.validFrom), validTo: date(row.validTo), areas: toInteger(row.areas),
  lessCertain: toInteger(row.lessCertain)}]->(r)`;

// A geography's ground as the geographies of one kind divide it: a relationship from the geography
// to itself, one per period, typed by the kind (GROUND_STP: as the STPs divide it), so that a
// question about one kind reads only those. One statement writes every kind: each row's FOREACH
// runs for its own kind only.
function writeGroundOfKind(kind: string): string {
  return `FOREACH (_ IN CASE WHEN row.kind = '${kind}' THEN [1] ELSE [] END | CREATE (g)-[r:GROUND_${kind}]->(g) SET r = ground)`;
}

const WRITE_GROUND_OF_KIND = {
  CCG: writeGroundOfKind("CCG"),
  LDR: writeGroundOfKind("LDR"),
  LOCAL_AUTHORITY: writeGroundOfKind("LOCAL_AUTHORITY"),
  REGION: writeGroundOfKind("REGION"),
  STP: writeGroundOfKind("STP"),
} satisfies Record<GeographyKindValue, string>;

/** Writes GroundByKindRow rows of every kind. */
export const CREATE_GROUND = `
UNWIND $rows AS row
MATCH (g:Geography {code: row.code})
WITH g, row, {kind: row.kind, validFrom: date(row.validFrom), validTo: date(row.validTo),
  areas: toInteger(row.areas), lessCertain: toInteger(row.lessCertain), rightCodes: row.rightCodes,
  sharedAreas: [x IN row.sharedAreas | toInteger(x)], sharedLessCertain: [x IN row.sharedLessCertain | toInteger(x)],
  uncoveredAreas: toInteger(row.uncoveredAreas), uncoveredLessCertain: toInteger(row.uncoveredLessCertain)} AS ground
${WRITE_GROUND_OF_KIND.CCG}
${WRITE_GROUND_OF_KIND.LDR}
${WRITE_GROUND_OF_KIND.LOCAL_AUTHORITY}
${WRITE_GROUND_OF_KIND.REGION}
${WRITE_GROUND_OF_KIND.STP}`;

export const DELETE_KIND_COVERAGE = "MATCH (k:KindCoverage) DELETE k";

// Property lists cannot hold null, so an open end is stored as 9999-12-31.
export const CREATE_KIND_COVERAGE = `
UNWIND $rows AS row
CREATE (:KindCoverage {
  kind: row.kind,
  validFrom: [d IN row.validFrom | date(d)],
  validTo: [d IN row.validTo | coalesce(date(d), date('9999-12-31'))]
})`;

export const MERGE_DATASET = `
MERGE (d:Dataset {key: 'seed'})
SET d.coversFrom = date($coversFrom), d.latestDate = date($latestDate), d.areaCount = toInteger($areaCount),
    d.loadedAt = $loadedAt, d.seedDir = $seedDir`;

/** The parameters of each run of a step: its `parameters` once, or its rows in batches of `batchSize`. */
export function batchesOf(step: WriteStep): Record<string, unknown>[] {
  if (step.rows === undefined) return [step.parameters ?? {}];
  const batchSize = step.batchSize ?? 5_000;
  const batches: Record<string, unknown>[] = [];
  for (let i = 0; i < step.rows.length; i += batchSize)
    batches.push({ rows: step.rows.slice(i, i + batchSize) });
  return batches;
}

/** How many batches a load has sent whose answers have not yet arrived. */
const BATCHES_IN_FLIGHT = 3;

/**
 * Runs every step in ONE write transaction, so that a load is all or nothing: a failure or an
 * interruption part-way leaves the graph as it was. `onProgress` is told after every batch. The
 * steps are iterated once per attempt (a transient failure retries the whole transaction).
 *
 * Batches are sent ahead of their answers, up to BATCHES_IN_FLIGHT, so that the server always has
 * the next one while the loader encodes the one after: the server runs a transaction's statements
 * in the order they arrive, so the steps keep their order. A step's time runs from the answer
 * that ended the step before it to the answer of its own last batch.
 */
export async function writeInOneTransaction(
  db: Database,
  steps: Iterable<WriteStep>,
  shared: Record<string, unknown>,
  onProgress: (step: string, done: number, total: number) => void,
  timeoutMs: number,
): Promise<Map<string, WriteCounts>> {
  return db.writeTransaction(async (run) => {
    const counts = new Map<string, WriteCounts>();
    const inFlight: Promise<void>[] = [];
    let previousStepEnded = performance.now();
    try {
      for (const step of steps) {
        const batches = batchesOf(step);
        const total = step.rows?.length ?? 1;
        const tally: WriteCounts = {
          rows: total,
          nodesCreated: 0,
          relationshipsCreated: 0,
          nodesDeleted: 0,
          relationshipsDeleted: 0,
          milliseconds: 0,
        };
        counts.set(step.name, tally);
        let done = 0;
        for (const [index, parameters] of batches.entries()) {
          if (inFlight.length === BATCHES_IN_FLIGHT) await inFlight.shift();
          const isLast = index === batches.length - 1;
          const batchRows = Array.isArray(parameters["rows"]) ? (parameters["rows"] as unknown[]).length : 1;
          inFlight.push(
            run(step.statement, { ...shared, ...parameters }).then((result) => {
              const updates = result.summary.counters.updates();
              tally.nodesCreated += updates.nodesCreated;
              tally.relationshipsCreated += updates.relationshipsCreated;
              tally.nodesDeleted += updates.nodesDeleted;
              tally.relationshipsDeleted += updates.relationshipsDeleted;
              done += batchRows;
              onProgress(step.name, done, total);
              if (isLast) {
                const now = performance.now();
                tally.milliseconds = now - previousStepEnded;
                previousStepEnded = now;
              }
            }),
          );
        }
      }
      await Promise.all(inFlight);
    } catch (error) {
      // Let the batches already sent fail or finish before the transaction is rolled back.
      await Promise.allSettled(inFlight);
      throw error;
    }
    return counts;
  }, timeoutMs);
}
