import type { Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EntityModel } from "./models.js";
import { isoDate } from "./temporal.js";

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
// Left-hand geographies that existed on the date but covered no areas still get a row.
const MEASURE_KIND_PAIR = `
CALL () {
  MATCH (l:Geography {kind: $left})<-[i:WITHIN]-(g:AreaGroup)
  WHERE ${DATED("i")}
  OPTIONAL MATCH (g)-[j:WITHIN]->(r:Geography {kind: $right})
  WHERE ${DATED("j")}
  WITH l, r, sum(g.size) AS areas,
       sum(CASE WHEN i.evidence IN ${CERTAIN} AND (j IS NULL OR j.evidence IN ${CERTAIN}) THEN 0 ELSE g.size END) AS lessCertain
  RETURN 'pair' AS row, ${projectEntity("l")} AS left, CASE WHEN r IS NULL THEN null ELSE ${projectEntity("r")} END AS right,
         areas, lessCertain
  UNION ALL
  MATCH (r:Geography {kind: $right})<-[j:WITHIN]-(g:AreaGroup)
  WHERE ${DATED("j")}
  RETURN 'right' AS row, null AS left, r {.code} AS right, sum(g.size) AS areas, 0 AS lessCertain
  UNION ALL
  MATCH (l:Geography {kind: $left})
  WHERE (l.validFrom IS NULL OR l.validFrom <= date($asOf)) AND (l.validTo IS NULL OR date($asOf) < l.validTo)
  RETURN 'left' AS row, ${projectEntity("l")} AS left, null AS right, 0 AS areas, 0 AS lessCertain
}
RETURN row, left, right, areas, lessCertain`;

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
  const result = await db.read<{
    row: "pair" | "right" | "left";
    left: EntityRow | null;
    right: (EntityRow & { code: string }) | null;
    areas: number;
    lessCertain: number;
  }>(MEASURE_KIND_PAIR, { left, right, asOf });
  const lefts = new Map<string, LeftGround>();
  const pairs: SharedGround[] = [];
  const rightAreaCounts = new Map<string, number>();
  const leftOf = (row: EntityRow): LeftGround => {
    let ground = lefts.get(row.code);
    if (ground === undefined) {
      ground = { geography: toEntityModel(row, asOf), areaCount: 0, uncoveredAreas: 0, lessCertainAreas: 0 };
      lefts.set(row.code, ground);
    }
    return ground;
  };
  for (const record of result.records) {
    const row = record.get("row");
    const leftRow = record.get("left");
    const rightRow = record.get("right");
    const areas = record.get("areas");
    if (row === "right" && rightRow !== null) rightAreaCounts.set(rightRow.code, areas);
    if (row === "left" && leftRow !== null) leftOf(leftRow);
    if (row === "pair" && leftRow !== null) {
      const ground = leftOf(leftRow);
      ground.areaCount += areas;
      ground.lessCertainAreas += record.get("lessCertain");
      if (rightRow === null) ground.uncoveredAreas += areas;
      else {
        pairs.push({
          left: ground.geography,
          right: toEntityModel(rightRow, asOf),
          sharedAreas: areas,
          lessCertainAreas: record.get("lessCertain"),
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
CALL (key, l) {
  MATCH (l)<-[i:WITHIN]-(g:AreaGroup)
  WHERE i.validFrom <= date(key.asOf) AND (i.validTo IS NULL OR date(key.asOf) < i.validTo)
  RETURN sum(g.size) AS leftTotal
}
CALL (key, r) {
  MATCH (r)<-[j:WITHIN]-(g:AreaGroup)
  WHERE j.validFrom <= date(key.asOf) AND (j.validTo IS NULL OR date(key.asOf) < j.validTo)
  RETURN sum(g.size) AS rightTotal
}
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

const READ_KIND_COVERAGE = `
MATCH (k:KindCoverage)
RETURN k.kind AS kind, k.validFrom AS validFrom, k.validTo AS validTo`;

/** For each geography kind, the intervals on which the data places areas in it. */
export async function readKindCoverage(
  db: Database,
): Promise<Map<string, { validFrom: string[]; validTo: (string | null)[] }>> {
  const result = await db.read<{ kind: string; validFrom: unknown[]; validTo: unknown[] }>(
    READ_KIND_COVERAGE,
  );
  return new Map(
    result.records.map((r) => [
      r.get("kind"),
      {
        validFrom: r.get("validFrom").map((d) => isoDate(d) ?? ""),
        validTo: r.get("validTo").map((d) => {
          const end = isoDate(d);
          return end === "9999-12-31" ? null : end;
        }),
      },
    ]),
  );
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
