import type { Database } from "./database.js";
import type { EntityModel, EvidenceLevel } from "./models.js";
import { isoDate } from "./temporal.js";

/** The Cypher map projection every entity query returns; `toEntityModel` reads it. */
export const ENTITY_PROJECTION = `{
  .code, .name, .kind, .odsCode, .formerCodes, .validFrom, .validTo, .evidence, .trustType, .foundationTrust,
  isFootprint: NODE:Footprint
}`;

/** The projection of the node bound to `variable`. */
export function projectEntity(variable: string): string {
  return `${variable} ${ENTITY_PROJECTION.replace("NODE", variable)}`;
}

export interface EntityRow {
  code: string;
  name: string;
  kind: string;
  odsCode: string | null;
  formerCodes: string[] | null;
  validFrom: unknown;
  validTo: unknown;
  evidence: EvidenceLevel | null;
  trustType: string | null;
  foundationTrust: boolean | null;
  isFootprint: boolean;
}

/** Converts a projected entity into its model, remembering the date it was looked up at. */
export function toEntityModel(row: EntityRow, asOf: string | null): EntityModel {
  return {
    entity: row.isFootprint ? "FOOTPRINT" : "ORGANISATION",
    code: row.code,
    name: row.name,
    kind: row.kind,
    odsCode: row.odsCode ?? null,
    formerCodes: row.formerCodes ?? [],
    validFrom: isoDate(row.validFrom),
    validTo: isoDate(row.validTo),
    evidence: row.evidence ?? "PUBLISHED",
    trustType: row.trustType ?? null,
    foundationTrust: row.foundationTrust ?? null,
    asOf,
  };
}

const FIND_ENTITIES_BY_CODES = `
UNWIND $codes AS code
CALL (code) {
  MATCH (n:Entity {code: code}) RETURN n
  UNION
  MATCH (n:Entity {odsCode: code}) RETURN n
  UNION
  MATCH (n:Footprint) WHERE code IN n.formerCodes RETURN n
}
RETURN code, ${projectEntity("n")} AS entity`;

/**
 * Footprints and organisations by official code, ODS code or former code, one entry per code in
 * order (null where nothing has that code). One round trip.
 */
export async function findEntitiesByCodes(
  db: Database,
  codes: readonly string[],
): Promise<(EntityModel | null)[]> {
  const result = await db.read<{ code: string; entity: EntityRow }>(FIND_ENTITIES_BY_CODES, { codes });
  const byCode = new Map<string, EntityModel>();
  for (const record of result.records) {
    const code = record.get("code");
    const entity = toEntityModel(record.get("entity"), null);
    // An official code wins over an ODS or former code that happens to equal it.
    if (!byCode.has(code) || entity.code === code) byCode.set(code, entity);
  }
  return codes.map((code) => byCode.get(code) ?? null);
}

const FIND_ENTITY_WITH_AREA_COUNT = `
CALL () {
  MATCH (n:Entity {code: $code}) RETURN n, 0 AS rank
  UNION
  MATCH (n:Entity {odsCode: $code}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Footprint) WHERE $code IN n.formerCodes RETURN n, 2 AS rank
}
WITH n ORDER BY rank LIMIT 1
WITH n, CASE
  WHEN $asOf IS NOT NULL THEN date($asOf)
  WHEN n.validTo IS NOT NULL AND n.validTo - duration({days: 1}) < date($latest) THEN n.validTo - duration({days: 1})
  ELSE date($latest)
END AS at
OPTIONAL MATCH (n)<-[w:WITHIN]-(grp:AreaGroup) WHERE w.validFrom <= at AND (w.validTo IS NULL OR at < w.validTo)
RETURN ${projectEntity("n")} AS entity, at, sum(grp.size) AS areaCount`;

/** An entity found by code, with the areas it covers on the date its areaCount field would use. */
export interface EntityWithAreaCount {
  entity: EntityModel;
  /** `asOf` when given; else the latest date, or the entity's last day if it ended before that. */
  at: string;
  areaCount: number;
}

/**
 * One entity by official, ODS or former code (as `findEntitiesByCodes` finds it) and its area
 * count, in one round trip. Null when nothing has the code.
 */
export async function findEntityWithAreaCount(
  db: Database,
  code: string,
  asOf: string | null,
  latest: string,
): Promise<EntityWithAreaCount | null> {
  const result = await db.read<{ entity: EntityRow; at: unknown; areaCount: number }>(
    FIND_ENTITY_WITH_AREA_COUNT,
    { code, asOf, latest },
  );
  const record = result.records[0];
  if (record === undefined) return null;
  return {
    entity: toEntityModel(record.get("entity"), null),
    at: isoDate(record.get("at")) ?? latest,
    areaCount: record.get("areaCount"),
  };
}
