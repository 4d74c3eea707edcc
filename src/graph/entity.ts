import type { Database } from "./database.js";
import type { EntityModel, EvidenceLevel } from "./models.js";

/**
 * The Cypher projection every entity query returns, as a list in EntityRow's order; `toEntityModel`
 * reads it. A list, with dates as text, because the driver decodes a list of plain values several
 * times faster than a map or its Date objects (measured: 326 councils in 3.9 ms against 13 ms).
 */
export const ENTITY_PROJECTION = `[
  NODE.code, NODE.name, NODE.kind, NODE.odsCode, NODE.formerCodes, toString(NODE.validFrom), toString(NODE.validTo),
  NODE.evidence, NODE.trustType, NODE.foundationTrust, NODE:Footprint
]`;

// Only what naming an entity takes, as EntityNamingRow: code, name, kind and type.
const ENTITY_NAMING = `[NODE.code, NODE.name, NODE.kind, NODE:Footprint]`;

/** How much of an entity a read projects: all of it, or only its code, name, kind and type. */
export type EntityFields = "whole" | "naming";

/**
 * The projection of the node bound to `variable`: whole, or (`"naming"`) only its code, name, kind
 * and type, for a reader that asks for no more.
 */
export function projectEntity(variable: string, fields: EntityFields = "whole"): string {
  return (fields === "whole" ? ENTITY_PROJECTION : ENTITY_NAMING).split("NODE").join(variable);
}

/** An entity as ENTITY_PROJECTION returns it: code, name, kind, ODS code, former codes, dates, evidence, trust fields, footprint or not. */
export type EntityRow = [
  code: string,
  name: string,
  kind: string,
  odsCode: string | null,
  formerCodes: string[] | null,
  validFrom: string | null,
  validTo: string | null,
  evidence: EvidenceLevel | null,
  trustType: string | null,
  foundationTrust: boolean | null,
  isFootprint: boolean,
];

/** An entity as its naming projection returns it: the four values naming takes, nothing else. */
export type EntityNamingRow = [code: string, name: string, kind: string, isFootprint: boolean];

// The fields a naming row leaves out, in EntityRow's places (its first three and last are unused).
const LEFT_OUT_OF_NAMING: EntityRow = ["", "", "", null, null, null, null, null, null, null, false];

/**
 * Converts a projected entity into its model, remembering the date it was looked up at. A naming
 * row gives a model whose other fields hold their defaults.
 */
export function toEntityModel(row: EntityRow | EntityNamingRow, asOf: string | null): EntityModel {
  // By index rather than by destructuring: this runs for every entity of every answer.
  const whole: EntityRow = row.length === 4 ? LEFT_OUT_OF_NAMING : row;
  const isFootprint = row.length === 4 ? row[3] : row[10];
  return {
    entity: isFootprint ? "FOOTPRINT" : "ORGANISATION",
    code: row[0],
    name: row[1],
    kind: row[2],
    odsCode: whole[3] ?? null,
    formerCodes: whole[4] ?? [],
    validFrom: whole[5] ?? null,
    validTo: whole[6] ?? null,
    evidence: whole[7] ?? "PUBLISHED",
    trustType: whole[8] ?? null,
    foundationTrust: whole[9] ?? null,
    asOf,
  };
}

// Former codes are searched only when no official code matches (an official code wins anyway),
// in a subquery of their own, so that its scan of footprints is not planned ahead of that test.
const FIND_ENTITIES_BY_CODES = `
UNWIND $codes AS code
CALL (code) {
  MATCH (n:Entity {code: code}) RETURN n
  UNION
  MATCH (n:Entity {odsCode: code}) RETURN n
  UNION
  OPTIONAL MATCH (exact:Entity {code: code})
  WITH exact WHERE exact IS NULL
  CALL (exact, code) {
    MATCH (n:Footprint) WHERE exact IS NULL AND code IN n.formerCodes RETURN n
  }
  RETURN n
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
