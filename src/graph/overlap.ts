import type { Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EntityModel } from "./models.js";

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

const CERTAIN = "['PUBLISHED', 'TRANSCRIBED']";
const DATED = (r: string) =>
  `${r}.validFrom <= date($asOf) AND (${r}.validTo IS NULL OR date($asOf) < ${r}.validTo)`;

// Counted over groups of identical areas (each group's size summed), never over the areas themselves.
// Each geography is projected once: a left-hand one with its pairs (right-hand codes; null: ground no
// right-hand geography covers), a right-hand one with its total. Left-hand geographies that existed
// on the date but covered no areas still get a row.
const MEASURE_KIND_PAIR = `
CALL () {
  MATCH (l:Geography {kind: $left})<-[i:WITHIN]-(g:AreaGroup)
  WHERE ${DATED("i")}
  OPTIONAL MATCH (g)-[j:WITHIN]->(r:Geography {kind: $right})
  WHERE ${DATED("j")}
  WITH l, r, sum(g.size) AS areas,
       sum(CASE WHEN i.evidence IN ${CERTAIN} AND (j IS NULL OR j.evidence IN ${CERTAIN}) THEN 0 ELSE g.size END) AS lessCertain
  WITH l, collect({right: r.code, areas: areas, lessCertain: lessCertain}) AS pairs
  RETURN 'left' AS row, ${projectEntity("l")} AS geography, pairs, 0 AS areas
  UNION ALL
  MATCH (r:Geography {kind: $right})<-[j:WITHIN]-(g:AreaGroup)
  WHERE ${DATED("j")}
  WITH r, sum(g.size) AS areas
  RETURN 'right' AS row, ${projectEntity("r")} AS geography, [] AS pairs, areas
  UNION ALL
  MATCH (l:Geography {kind: $left})
  WHERE (l.validFrom IS NULL OR l.validFrom <= date($asOf)) AND (l.validTo IS NULL OR date($asOf) < l.validTo)
    AND NOT EXISTS { MATCH (l)<-[i:WITHIN]-(:AreaGroup) WHERE ${DATED("i")} }
  RETURN 'left' AS row, ${projectEntity("l")} AS geography, [] AS pairs, 0 AS areas
}
RETURN row, geography, pairs, areas`;

/**
 * Every pair of geographies of two kinds sharing ground on a date, with the left-hand totals and
 * the right-hand totals, in one statement. Classification happens elsewhere, from these counts.
 */
export async function measureKindPair(
  db: Database,
  left: string,
  right: string,
  asOf: string,
): Promise<KindPairGround> {
  const result = await db.read<KindPairRow & Record<string, unknown>>(MEASURE_KIND_PAIR, {
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
  geography: EntityRow;
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
    let ground = lefts.get(row.geography.code);
    if (ground === undefined) {
      ground = {
        geography: toEntityModel(row.geography, asOf),
        areaCount: 0,
        uncoveredAreas: 0,
        lessCertainAreas: 0,
      };
      lefts.set(row.geography.code, ground);
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
MATCH (l:Geography {code: key.code})<-[i:WITHIN]-(g:AreaGroup)
WHERE i.validFrom <= date(key.asOf) AND (i.validTo IS NULL OR date(key.asOf) < i.validTo)
MATCH (g)-[j:WITHIN]->(r:Geography)
WHERE j.validFrom <= date(key.asOf) AND (j.validTo IS NULL OR date(key.asOf) < j.validTo)
  AND r <> l AND CASE WHEN key.kind IS NULL THEN r.kind <> l.kind ELSE r.kind = key.kind END
WITH key, l, r, sum(g.size) AS shared
// Each geography's total is counted once per date, not once per overlap: many overlaps share one
// right-hand geography (the 44 STPs against 4 regions would otherwise count each region ~11 times).
WITH r, key.asOf AS asOf, collect({key: key, l: l, shared: shared}) AS overlaps
CALL (r, asOf) {
  MATCH (r)<-[j:WITHIN]-(g:AreaGroup)
  WHERE j.validFrom <= date(asOf) AND (j.validTo IS NULL OR date(asOf) < j.validTo)
  RETURN sum(g.size) AS rightTotal
}
UNWIND overlaps AS overlap
WITH overlap.l AS l, asOf, collect({key: overlap.key, r: r, shared: overlap.shared, rightTotal: rightTotal}) AS overlaps
CALL (l, asOf) {
  MATCH (l)<-[i:WITHIN]-(g:AreaGroup)
  WHERE i.validFrom <= date(asOf) AND (i.validTo IS NULL OR date(asOf) < i.validTo)
  RETURN sum(g.size) AS leftTotal
}
UNWIND overlaps AS overlap
WITH overlap.key AS key, l, overlap.r AS r, overlap.shared AS shared, leftTotal, overlap.rightTotal AS rightTotal
RETURN key, ${projectEntity("l")} AS left, ${projectEntity("r")} AS right, shared, leftTotal, rightTotal`;

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

// From each geography to its area groups, then on to whatever else holds them: `r` has no label, so
// that the plan cannot start from all geographies of the kind, whatever the statistics say.
const LIST_OVERLAPPING_OF_KIND = `
UNWIND $keys AS key
CALL (key) {
  MATCH (l:Geography {code: key.code})<-[i:WITHIN]-(g:AreaGroup)
  WHERE i.validFrom <= date(key.asOf) AND (i.validTo IS NULL OR date(key.asOf) < i.validTo)
  WITH l, g
  MATCH (g)-[j:WITHIN]->(r)
  WHERE r.kind = key.kind AND r <> l
    AND j.validFrom <= date(key.asOf) AND (j.validTo IS NULL OR date(key.asOf) < j.validTo)
  WITH r, sum(g.size) AS shared
  ORDER BY shared DESC, r.code
  RETURN collect(${projectEntity("r")}) AS geographies
}
RETURN key, geographies`;

/**
 * The geographies of one kind that share ground with each geography at its date, most shared
 * ground first; one list per key in key order. Without the totals `measureOverlaps` reads.
 */
export async function listOverlappingOfKind(
  db: Database,
  keys: readonly (OverlapKey & { kind: string })[],
): Promise<EntityModel[][]> {
  const result = await db.read<{ key: OverlapKey; geographies: EntityRow[] }>(LIST_OVERLAPPING_OF_KIND, {
    keys,
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

/** The operators of a profiled plan, with the label or index each reads and its database hits. */
export interface PlanOperator {
  operator: string;
  details: string;
  dbHits: number;
}

function flattenPlan(plan: {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits?: number;
  children: unknown[];
}): PlanOperator[] {
  const own: PlanOperator = {
    operator: plan.operatorType,
    details: typeof plan.arguments["Details"] === "string" ? plan.arguments["Details"] : "",
    dbHits: plan.dbHits ?? 0,
  };
  return [own, ...plan.children.flatMap((child) => flattenPlan(child as Parameters<typeof flattenPlan>[0]))];
}

/** Runs the coterminosity statement under PROFILE and returns every operator of its plan. */
export async function profileKindPair(
  db: Database,
  left: string,
  right: string,
  asOf: string,
): Promise<PlanOperator[]> {
  const result = await db.read(`PROFILE ${MEASURE_KIND_PAIR}`, { left, right, asOf });
  const profile = result.summary.profile;
  if (profile === false) return [];
  return flattenPlan(profile);
}
