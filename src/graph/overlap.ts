import { planOperators, type Database, type PlanOperator } from "./database.js";
import {
  projectEntity,
  toEntityModel,
  type EntityFields,
  type EntityNamingRow,
  type EntityRow,
} from "./entity.js";
import type { EntityModel, GeographyKindValue } from "./models.js";
import { ANY_GROUND } from "./ground.js";

/** Ground shared by a left-hand and a right-hand geography, with both totals, in areas. */
export interface SharedGround {
  left: EntityModel;
  right: EntityModel;
  sharedAreas: number;
  /** Shared areas whose placement in either geography rests on derived or reconstructed evidence. */
  lessCertainAreas: number;
}

/** One left-hand geography at a date: its areas and how many no right-hand geography covers. */
export interface LeftGround {
  geography: EntityModel;
  areaCount: number;
  uncoveredAreas: number;
  lessCertainAreas: number;
}

/** The raw counts a coterminosity report is classified from. */
export interface KindPairGround {
  lefts: LeftGround[];
  pairs: SharedGround[];
  rightAreaCounts: Map<string, number>;
}

const DATED = (r: string) =>
  `${r}.validFrom <= date($asOf) AND (${r}.validTo IS NULL OR date($asOf) < ${r}.validTo)`;

// Each geography's projection: whole, or only its code, name, kind and type.
const PROJECT = {
  whole: { left: projectEntity("l"), right: projectEntity("r") },
  naming: { left: projectEntity("l", "naming"), right: projectEntity("r", "naming") },
} as const;

// Read from the relationships the load derives from the area groups: each geography's ground as
// the geographies of the right-hand kind divide it (GROUND_<kind>), on the date. A left-hand
// geography comes with its pairs (right-hand codes, a list left out when empty; null: ground no
// right-hand geography covers), a right-hand one with its total. A geography that existed but held
// no areas has a row of 0, so the left-hand geographies of the date are all there; right-hand ones
// of 0 add nothing.
function kindPairStatement(groundType: string, fields: EntityFields): string {
  return `
CALL () {
  MATCH (l:Geography {kind: $left})-[t:${groundType}]->(l)
  WHERE ${DATED("t")}
  RETURN 'left' AS row, ${PROJECT[fields].left} AS geography,
    [k IN range(0, size(coalesce(t.rightCodes, [])) - 1) | {right: t.rightCodes[k], areas: t.sharedAreas[k], lessCertain: t.sharedLessCertain[k]}]
    + CASE WHEN t.uncoveredAreas > 0 THEN [{right: null, areas: t.uncoveredAreas, lessCertain: t.uncoveredLessCertain}] ELSE [] END AS pairs,
    0 AS areas
  UNION ALL
  MATCH (r:Geography {kind: $right})-[t:${groundType}]->(r)
  WHERE t.areas > 0 AND ${DATED("t")}
  RETURN 'right' AS row, ${PROJECT[fields].right} AS geography, [] AS pairs, t.areas AS areas
}
RETURN row, geography, pairs, areas`;
}

/** The measurement for each right-hand kind, with whole geographies or their naming only. */
const MEASURE_KIND_PAIR: Readonly<Record<EntityFields, Readonly<Record<GeographyKindValue, string>>>> = {
  whole: {
    CCG: kindPairStatement("GROUND_CCG", "whole"),
    LDR: kindPairStatement("GROUND_LDR", "whole"),
    LOCAL_AUTHORITY: kindPairStatement("GROUND_LOCAL_AUTHORITY", "whole"),
    REGION: kindPairStatement("GROUND_REGION", "whole"),
    STP: kindPairStatement("GROUND_STP", "whole"),
  },
  naming: {
    CCG: kindPairStatement("GROUND_CCG", "naming"),
    LDR: kindPairStatement("GROUND_LDR", "naming"),
    LOCAL_AUTHORITY: kindPairStatement("GROUND_LOCAL_AUTHORITY", "naming"),
    REGION: kindPairStatement("GROUND_REGION", "naming"),
    STP: kindPairStatement("GROUND_STP", "naming"),
  },
};

/**
 * Every pair of geographies of two kinds sharing ground on a date, with the left-hand totals and
 * the right-hand totals, in one statement. Classification happens elsewhere, from these counts.
 * With `fields` "naming", the geographies' models carry only code, name, kind and type (the other
 * fields hold defaults): for a reader that asks for no more.
 */
export async function measureKindPair(
  db: Database,
  left: GeographyKindValue,
  right: GeographyKindValue,
  asOf: string,
  fields: EntityFields = "whole",
): Promise<KindPairGround> {
  const result = await db.read<KindPairRow & Record<string, unknown>>(MEASURE_KIND_PAIR[fields][right], {
    left,
    right,
    asOf,
  });
  return groundFromRows(
    result.records.map((record) => ({
      row: record.get("row"),
      geography: record.get("geography"),
      pairs: record.get("pairs"),
      areas: record.get("areas"),
    })),
    asOf,
  );
}

/** One row of the kind-pair measurement: a left-hand geography with its pairs, or a right-hand one with its total. */
export interface KindPairRow {
  row: "left" | "right";
  geography: EntityRow | EntityNamingRow;
  /** A left-hand geography's ground by right-hand code (null: no right-hand geography covers it). */
  pairs: { right: string | null; areas: number; lessCertain: number }[];
  /** A right-hand geography's total. */
  areas: number;
}

/** The ground of two kinds at a date, assembled from the measurement's rows. */
export function groundFromRows(rows: readonly KindPairRow[], asOf: string): KindPairGround {
  const rights = new Map<string, EntityModel>();
  const rightAreaCounts = new Map<string, number>();
  for (const row of rows) {
    if (row.row !== "right") continue;
    const geography = toEntityModel(row.geography, asOf);
    rights.set(geography.code, geography);
    rightAreaCounts.set(geography.code, row.areas);
  }
  const lefts = new Map<string, LeftGround>();
  const pairs: SharedGround[] = [];
  for (const row of rows) {
    if (row.row !== "left") continue;
    const [code] = row.geography;
    let ground = lefts.get(code);
    if (ground === undefined) {
      ground = {
        geography: toEntityModel(row.geography, asOf),
        areaCount: 0,
        uncoveredAreas: 0,
        lessCertainAreas: 0,
      };
      lefts.set(code, ground);
    }
    for (const pair of row.pairs) {
      ground.areaCount += pair.areas;
      ground.lessCertainAreas += pair.lessCertain;
      const right = pair.right === null ? undefined : rights.get(pair.right);
      if (right === undefined) ground.uncoveredAreas += pair.areas;
      else {
        pairs.push({
          left: ground.geography,
          right,
          sharedAreas: pair.areas,
          lessCertainAreas: pair.lessCertain,
        });
      }
    }
  }
  return {
    lefts: [...lefts.values()].sort((a, b) => a.geography.code.localeCompare(b.geography.code)),
    pairs,
    rightAreaCounts,
  };
}

/** The overlaps of one geography at a date with geographies of one kind (null: every other kind). */
export interface OverlapKey {
  code: string;
  asOf: string;
  kind: string | null;
}

export function overlapKey(key: OverlapKey): string {
  return `${key.code}@${key.asOf}/${key.kind ?? ""}`;
}

const MEASURE_OVERLAPS = `
UNWIND $keys AS key
MATCH (l:Geography {code: key.code})-[s:SHARES]->(r:Geography)
WHERE s.validFrom <= date(key.asOf) AND (s.validTo IS NULL OR date(key.asOf) < s.validTo)
  AND r <> l AND CASE WHEN key.kind IS NULL THEN r.kind <> l.kind ELSE r.kind = key.kind END
MATCH (l)-[lt:${ANY_GROUND}]->(l)
WHERE lt.kind = l.kind AND lt.validFrom <= date(key.asOf) AND (lt.validTo IS NULL OR date(key.asOf) < lt.validTo)
MATCH (r)-[rt:${ANY_GROUND}]->(r)
WHERE rt.kind = r.kind AND rt.validFrom <= date(key.asOf) AND (rt.validTo IS NULL OR date(key.asOf) < rt.validTo)
RETURN key, ${projectEntity("l")} AS left, ${projectEntity("r")} AS right, s.areas AS shared,
  lt.areas AS leftTotal, rt.areas AS rightTotal`;

/** Shared ground of a geography and another, with both totals at the date. */
export interface MeasuredOverlap {
  left: EntityModel;
  right: EntityModel;
  sharedAreas: number;
  leftAreas: number;
  rightAreas: number;
}

/** The overlaps of each geography at its date, one list per key in key order (largest overlap first). */
export async function measureOverlaps(
  db: Database,
  keys: readonly OverlapKey[],
): Promise<MeasuredOverlap[][]> {
  const result = await db.read<{
    key: OverlapKey;
    left: EntityRow;
    right: EntityRow;
    shared: number;
    leftTotal: number;
    rightTotal: number;
  }>(MEASURE_OVERLAPS, { keys });
  const lists = new Map<string, MeasuredOverlap[]>();
  for (const record of result.records) {
    const key = record.get("key");
    const list = lists.get(overlapKey(key)) ?? [];
    list.push({
      left: toEntityModel(record.get("left"), key.asOf),
      right: toEntityModel(record.get("right"), key.asOf),
      sharedAreas: record.get("shared"),
      leftAreas: record.get("leftTotal"),
      rightAreas: record.get("rightTotal"),
    });
    lists.set(overlapKey(key), list);
  }
  return keys.map((key) =>
    (lists.get(overlapKey(key)) ?? []).sort(
      (a, b) => b.sharedAreas - a.sharedAreas || a.right.code.localeCompare(b.right.code),
    ),
  );
}

/**
 * The geographies of kind `key.kind` that share ground with the geography bound to `l` on
 * `key.asOf`, most shared ground first, as `geographies`, each projected whole or (naming) by its
 * code, name, kind and type only. Runs inside CALL (key, l) { … }.
 */
// SHARES joins geographies only, so r carries no label: with one, the planner may seek the
// kind's index and test every relationship of each region found (a region shares ground with
// hundreds of geographies) instead of expanding the few of l, as it did on a fresh store.
const overlappingOfKind = (fields: EntityFields) => `
  WITH key, l, date(key.asOf) AS overlapDate
  MATCH (l)-[s:SHARES]->(r)
  WHERE r.kind = key.kind AND s.validFrom <= overlapDate AND (s.validTo IS NULL OR overlapDate < s.validTo)
  WITH r, s.areas AS shared
  ORDER BY shared DESC, r.code
  RETURN collect(${PROJECT[fields].right}) AS geographies`;

export const OVERLAPPING_OF_KIND: Record<EntityFields, string> = {
  whole: overlappingOfKind("whole"),
  naming: overlappingOfKind("naming"),
};

/**
 * The geographies of one kind sharing ground with one geography at a date, read for a reader that
 * asks for all of each (whole) or no more than its code, name, kind and type (naming). A naming
 * list may stand in only for a naming reader, so the fields are part of the key.
 */
export interface OverlappingKey extends OverlapKey {
  kind: string;
  fields: EntityFields;
}

export function overlappingKey(key: OverlappingKey): string {
  return `${overlapKey(key)}/${key.fields}`;
}

// Whole geographies for every key: a whole list serves a naming reader too.
const LIST_OVERLAPPING_OF_KIND = `
UNWIND $keys AS key
MATCH (l:Geography {code: key.code})
CALL (key, l) {${OVERLAPPING_OF_KIND.whole}
}
RETURN key, geographies`;

/**
 * The geographies of one kind that share ground with each geography at its date, most shared
 * ground first; one list per key in key order. Without the totals `measureOverlaps` reads.
 */
export async function listOverlappingOfKind(
  db: Database,
  keys: readonly OverlappingKey[],
): Promise<EntityModel[][]> {
  const result = await db.read<{ key: OverlapKey; geographies: EntityRow[] }>(LIST_OVERLAPPING_OF_KIND, {
    keys: keys.map(({ code, asOf, kind }) => ({ code, asOf, kind })),
  });
  const lists = new Map<string, EntityModel[]>();
  for (const record of result.records) {
    const key = record.get("key");
    lists.set(
      overlapKey(key),
      record.get("geographies").map((row) => toEntityModel(row, key.asOf)),
    );
  }
  return keys.map((key) => lists.get(overlapKey(key)) ?? []);
}

/** Runs the coterminosity statement under PROFILE and returns every operator of its plan. */
export async function profileKindPair(
  db: Database,
  left: GeographyKindValue,
  right: GeographyKindValue,
  asOf: string,
): Promise<PlanOperator[]> {
  const result = await db.read(`PROFILE ${MEASURE_KIND_PAIR.whole[right]}`, { left, right, asOf });
  return planOperators(result);
}
