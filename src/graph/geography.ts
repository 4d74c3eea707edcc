import type { Database } from "./database.js";
import { ANY_GROUND } from "./ground.js";

/** A geography and the date to count its areas at. */
export interface AreaCountKey {
  code: string;
  asOf: string;
}

/** The text a count is known by, in its loader's cache and in a batch's answers. */
export function areaCountKey(key: AreaCountKey): string {
  return `${key.code}@${key.asOf}`;
}

const COUNT_AREAS_BY_GEOGRAPHY = `
UNWIND $keys AS key
MATCH (g:Geography {code: key.code})
OPTIONAL MATCH (g)-[own:${ANY_GROUND}]->(g)
  WHERE own.kind = g.kind AND own.validFrom <= date(key.asOf) AND (own.validTo IS NULL OR date(key.asOf) < own.validTo)
RETURN key.code AS code, key.asOf AS asOf, coalesce(own.areas, 0) AS areaCount`;

/**
 * The number of LSOA areas each geography covers at its date, one entry per key in key order
 * (0 for an unknown code or a date it covered nothing). Reads the geography's ground as its own kind divides it.
 */
export async function countAreasByGeography(db: Database, keys: readonly AreaCountKey[]): Promise<number[]> {
  const result = await db.read<{ code: string; asOf: string; areaCount: number }>(COUNT_AREAS_BY_GEOGRAPHY, {
    keys,
  });
  const counts = new Map<string, number>();
  for (const record of result.records) {
    counts.set(areaCountKey({ code: record.get("code"), asOf: record.get("asOf") }), record.get("areaCount"));
  }
  return keys.map((key) => counts.get(areaCountKey(key)) ?? 0);
}
