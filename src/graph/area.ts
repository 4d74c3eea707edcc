import { cypherInteger, type Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { AreaModel, EntityModel, PageModel } from "./models.js";
import { emptyPage, toPage } from "./pagination.js";

const FIND_AREAS_BY_CODES = `
UNWIND $codes AS code
MATCH (a:Area {code: code})
RETURN a.code AS code, a.name AS name`;

/** Areas by LSOA code, one entry per code in order (null where there is none). */
export async function findAreasByCodes(
  db: Database,
  codes: readonly string[],
): Promise<(AreaModel | null)[]> {
  const result = await db.read<AreaModel>(FIND_AREAS_BY_CODES, { codes });
  const byCode = new Map(
    result.records.map((r) => [r.get("code"), { code: r.get("code"), name: r.get("name") }]),
  );
  return codes.map((code) => byCode.get(code) ?? null);
}

/** The areas of one geography at a date, a page at a time. */
export interface AreaPageKey {
  geographyCode: string;
  asOf: string;
  first: number;
  after: string | null;
}

const LIST_AREAS_OF_GEOGRAPHIES = `
UNWIND $keys AS key
MATCH (:Geography {code: key.geographyCode})<-[w:WITHIN]-(grp:AreaGroup)
  WHERE w.validFrom <= date(key.asOf) AND (w.validTo IS NULL OR date(key.asOf) < w.validTo)
WITH key, collect(grp) AS groups, sum(grp.size) AS total
CALL (key, groups) {
  UNWIND groups AS grp
  MATCH (a:Area)-[:IN_GROUP]->(grp)
  WHERE key.after IS NULL OR a.code > key.after
  WITH a ORDER BY a.code
  WITH collect({code: a.code, name: a.name}) AS page
  RETURN page[0..key.first + 1] AS areas
}
RETURN key.geographyCode AS geographyCode, key.asOf AS asOf, key.after AS after, key.first AS first, total, areas`;

/**
 * Pages of the areas of geographies at their dates, in code order, one page per key in key order
 * (an empty page for an unknown geography). One round trip for all the keys.
 */
export async function listAreasOfGeographies(
  db: Database,
  keys: readonly AreaPageKey[],
): Promise<PageModel<AreaModel>[]> {
  const result = await db.read<{
    geographyCode: string;
    asOf: string;
    after: string | null;
    first: number;
    total: number;
    areas: AreaModel[];
  }>(LIST_AREAS_OF_GEOGRAPHIES, { keys: keys.map((key) => ({ ...key, first: cypherInteger(key.first) })) });
  const pages = new Map<string, PageModel<AreaModel>>();
  for (const r of result.records) {
    const key = areaPageKey({
      geographyCode: r.get("geographyCode"),
      asOf: r.get("asOf"),
      first: r.get("first"),
      after: r.get("after"),
    });
    pages.set(
      key,
      toPage(r.get("areas"), r.get("first"), r.get("after") !== null, r.get("total"), (a) => [a.code]),
    );
  }
  return keys.map((key) => pages.get(areaPageKey(key)) ?? emptyPage(key.after !== null));
}

export function areaPageKey(key: AreaPageKey): string {
  return `${key.geographyCode}@${key.asOf}/${key.first}/${key.after ?? ""}`;
}

/** The geographies containing one area at a date, optionally of one kind. */
export interface AreaGeographiesKey {
  areaCode: string;
  asOf: string;
  kind: string | null;
}

/** The text an area's geographies at a date are known by, in their loader's cache and in a batch's answers. */
export function areaGeographiesKey(key: AreaGeographiesKey): string {
  return `${key.areaCode}@${key.asOf}/${key.kind ?? ""}`;
}

const LIST_GEOGRAPHIES_OF_AREAS = `
UNWIND $keys AS key
MATCH (:Area {code: key.areaCode})-[:IN_GROUP]->(:AreaGroup)-[w:WITHIN]->(g:Geography)
  WHERE w.validFrom <= date(key.asOf) AND (w.validTo IS NULL OR date(key.asOf) < w.validTo)
    AND (key.kind IS NULL OR g.kind = key.kind)
WITH key, g ORDER BY g.kind, g.code
RETURN key.areaCode AS areaCode, key.asOf AS asOf, key.kind AS kind, collect(${projectEntity("g")}) AS geographies`;

/** Every geography containing each area at its date, ordered by kind then code; one list per key. */
export async function listGeographiesOfAreas(
  db: Database,
  keys: readonly AreaGeographiesKey[],
): Promise<EntityModel[][]> {
  const result = await db.read<{
    areaCode: string;
    asOf: string;
    kind: string | null;
    geographies: EntityRow[];
  }>(LIST_GEOGRAPHIES_OF_AREAS, { keys });
  const lists = new Map<string, EntityModel[]>();
  for (const r of result.records) {
    const asOf = r.get("asOf");
    lists.set(
      areaGeographiesKey({ areaCode: r.get("areaCode"), asOf, kind: r.get("kind") }),
      r.get("geographies").map((g) => toEntityModel(g, asOf)),
    );
  }
  return keys.map((key) => lists.get(areaGeographiesKey(key)) ?? []);
}
