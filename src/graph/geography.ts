import type { Database } from "./database.js";

/** A geography and the date to count its areas at. */
export interface AreaCountKey {
  code: string;
  asOf: string;
}

const COUNT_AREAS_BY_GEOGRAPHY = `
UNWIND $keys AS key
MATCH (g:Geography {code: key.code})
OPTIONAL MATCH (g)<-[w:WITHIN]-(grp:AreaGroup)
  WHERE w.validFrom <= date(key.asOf) AND (w.validTo IS NULL OR date(key.asOf) < w.validTo)
RETURN key.code AS code, key.asOf AS asOf, sum(grp.size) AS areaCount`;

/**
 * The number of LSOA areas each geography covers at its date, one entry per key in key order
 * (0 for an unknown code or a date it covered nothing). Counts groups of identical areas, not areas.
 */
export async function countAreasByGeography(db: Database, keys: readonly AreaCountKey[]): Promise<number[]> {
  const result = await db.read<{ code: string; asOf: string; areaCount: number }>(COUNT_AREAS_BY_GEOGRAPHY, {
    keys,
  });
  const counts = new Map<string, number>();
  for (const record of result.records) {
    counts.set(`${record.get("code")}@${record.get("asOf")}`, record.get("areaCount"));
  }
  return keys.map((key) => counts.get(`${key.code}@${key.asOf}`) ?? 0);
}
