import type { Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EntityModel } from "./models.js";
import { isoDate } from "./temporal.js";

/** One sourced status change of a footprint (or of a smaller system inside it). */
export interface StatusChangeModel {
  status: string;
  system: string;
  wholeFootprint: boolean;
  validFrom: string | null;
  announced: string | null;
  effectiveFrom: string | null;
  source: string;
  quote: string | null;
  note: string | null;
  footprintCode: string;
}

// A footprint's lineage: itself, the codes it had before, and the codes that replaced it.
const LIST_STATUS_HISTORY = `
MATCH (f:Footprint {code: $code})
MATCH (x:Footprint)-[:HAD_STATUS]->(s:StatusChange)
WHERE x = f OR x.code IN f.formerCodes OR f.code IN x.formerCodes
RETURN s { .status, .system, .wholeFootprint, .validFrom, .announced, .effectiveFrom,
           source: s.sourceUrl, .quote, .note, footprintCode: x.code } AS change
ORDER BY s.effectiveFrom IS NULL, s.effectiveFrom, s.line`;

/** Every status change of a footprint's lineage, oldest first (undated ones last); [] when none. */
export async function listStatusHistory(db: Database, code: string): Promise<StatusChangeModel[]> {
  const result = await db.read<{ change: StatusChangeModel & { effectiveFrom: unknown } }>(
    LIST_STATUS_HISTORY,
    { code },
  );
  return result.records.map((r) => {
    const change = r.get("change");
    return { ...change, effectiveFrom: isoDate(change.effectiveFrom) };
  });
}

const LATEST_STATUS_DATE = "MATCH (s:StatusChange) RETURN toString(max(s.effectiveFrom)) AS latest";

/** The latest day any status change takes effect, or null when there is none. */
export async function readLatestStatusDate(db: Database): Promise<string | null> {
  const result = await db.read<{ latest: string | null }>(LATEST_STATUS_DATE);
  return result.records[0]?.get("latest") ?? null;
}

const LIST_FOOTPRINTS_WITH_STATUS = `
MATCH (f:Footprint {kind: 'STP'})
WHERE (f.validFrom IS NULL OR f.validFrom <= date($asOf)) AND (f.validTo IS NULL OR date($asOf) < f.validTo)
CALL (f) {
  MATCH (x:Footprint)-[:HAD_STATUS]->(s:StatusChange)
  WHERE (x = f OR x.code IN f.formerCodes OR f.code IN x.formerCodes)
    AND s.wholeFootprint AND s.effectiveFrom <= date($asOf)
  RETURN s ORDER BY s.effectiveFrom DESC, s.line DESC LIMIT 1
}
WITH f, s WHERE s.status = $status
RETURN ${projectEntity("f")} AS footprint ORDER BY f.code`;

/** The STPs existing on `asOf` whose latest whole-footprint change by then has `status`, by code. */
export async function listFootprintsWithStatus(
  db: Database,
  status: string,
  asOf: string,
): Promise<EntityModel[]> {
  const result = await db.read<{ footprint: EntityRow }>(LIST_FOOTPRINTS_WITH_STATUS, { status, asOf });
  return result.records.map((r) => toEntityModel(r.get("footprint"), asOf));
}

/** A footprint and the date to read its status at. */
export interface StatusKey {
  code: string;
  asOf: string;
}

/** The text a footprint's status at a date is known by, in its loader's cache and in a batch's answers. */
export function statusKey(key: StatusKey): string {
  return `${key.code}@${key.asOf}`;
}

const FIND_STATUS_OF_FOOTPRINTS = `
UNWIND $keys AS key
MATCH (f:Footprint {code: key.code})
CALL (f, key) {
  MATCH (x:Footprint)-[:HAD_STATUS]->(s:StatusChange)
  WHERE (x = f OR x.code IN f.formerCodes OR f.code IN x.formerCodes)
    AND s.wholeFootprint AND s.effectiveFrom <= date(key.asOf)
  RETURN s, x ORDER BY s.effectiveFrom DESC, s.line DESC LIMIT 1
}
RETURN key, s { .status, .system, .wholeFootprint, .validFrom, .announced, .effectiveFrom,
                source: s.sourceUrl, .quote, .note, footprintCode: x.code } AS change`;

/**
 * Each footprint's status at its date: its lineage's latest whole-footprint change on or before
 * then, one entry per key in order (null where no sourced change precedes the date).
 */
export async function findStatusOfFootprints(
  db: Database,
  keys: readonly StatusKey[],
): Promise<(StatusChangeModel | null)[]> {
  const result = await db.read<{ key: StatusKey; change: StatusChangeModel & { effectiveFrom: unknown } }>(
    FIND_STATUS_OF_FOOTPRINTS,
    { keys },
  );
  const byKey = new Map<string, StatusChangeModel>();
  for (const record of result.records) {
    const key = record.get("key");
    const change = record.get("change");
    byKey.set(statusKey(key), { ...change, effectiveFrom: isoDate(change.effectiveFrom) });
  }
  return keys.map((key) => byKey.get(statusKey(key)) ?? null);
}
