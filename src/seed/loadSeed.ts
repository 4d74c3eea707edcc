import { cypherInteger, type Database } from "../graph/database.js";
import type { GeographyKindValue } from "../graph/models.js";
import {
  CREATE_AREA_GROUPS,
  CREATE_GROUND,
  CREATE_GROUP_COVERAGE,
  CREATE_KIND_COVERAGE,
  CREATE_SHARED_GROUND,
  DELETE_STALE_NODES,
  DELETE_STALE_RELATIONSHIPS,
  DELETE_AREA_GROUPS,
  DELETE_KIND_COVERAGE,
  DELETE_SHARED_GROUND,
  CREATE_AREA_MEMBERSHIPS,
  CREATE_AREAS,
  MERGE_AREA_MEMBERSHIPS,
  MERGE_AREAS,
  MERGE_DATASET,
  MERGE_DAY_JOBS,
  MERGE_FOOTPRINTS,
  MERGE_LEADERSHIPS,
  MERGE_MEMBERSHIPS,
  MERGE_ORGANISATIONS,
  MERGE_PEOPLE,
  MERGE_SOURCES,
  MERGE_STATUS_CHANGES,
  newLoadId,
  readGraphOccupancy,
  writeInOneTransaction,
  type WriteCounts,
  type WriteStep,
} from "../graph/seedStore.js";
import {
  deriveAreaCoverage,
  groupAreas,
  mergeCoverage,
  type AreaGroup,
  type Coverage,
} from "./deriveCoverage.js";
import { deriveSharedGround, type SharedGround } from "./deriveSharedGround.js";
import {
  dayJobRows,
  datasetRow,
  footprintRows,
  groundRows,
  groupCoverageRows,
  leadershipRows,
  organisationRows,
  personRows,
  statusChangeRows,
} from "./loadRows.js";
import { buildSeedReport, type SeedReport } from "./seedReport.js";
import type { Seed } from "./seedTypes.js";

/** The geography kinds, in the order the load writes their ground. */
export const GEOGRAPHY_KIND_LIST = ["CCG", "LDR", "LOCAL_AUTHORITY", "REGION", "STP"] as const;
const GEOGRAPHY_KINDS: ReadonlySet<string> = new Set(GEOGRAPHY_KIND_LIST);

/** Everything a load derives from a seed before writing: area coverage, groups and date range. */
export interface DerivedSeed {
  groups: AreaGroup[];
  /** The ground geographies share, and each one's as each kind divides it, over time. */
  sharedGround: SharedGround;
  kindCoverage: { kind: GeographyKindValue; validFrom: string[]; validTo: (string | null)[] }[];
  coversFrom: string | null;
  latestDate: string | null;
}

/** Computes the derived structures of a seed: pure, so a dry run shows them too. */
export function deriveSeed(seed: Seed): DerivedSeed {
  const kindByCode = new Map<string, string>();
  for (const o of seed.organisations) kindByCode.set(o.code, o.kind);
  for (const f of seed.footprints) kindByCode.set(f.code, f.kind);
  const coverage = deriveAreaCoverage(
    seed.areas.map((a) => a.code),
    seed.areaMemberships,
    seed.memberships,
    (code) => GEOGRAPHY_KINDS.has(kindByCode.get(code) ?? ""),
  );
  const groups = groupAreas(coverage);
  const byKind = new Map<string, Coverage[]>();
  let coversFrom: string | null = null;
  let latestDate: string | null = null;
  for (const group of groups) {
    for (const entry of group.coverage) {
      const kind = kindByCode.get(entry.geographyCode) ?? "";
      const list = byKind.get(kind) ?? [];
      list.push({
        geographyCode: kind,
        validFrom: entry.validFrom,
        validTo: entry.validTo,
        evidence: "PUBLISHED",
      });
      byKind.set(kind, list);
      if (coversFrom === null || entry.validFrom < coversFrom) coversFrom = entry.validFrom;
      if (latestDate === null || entry.validFrom > latestDate) latestDate = entry.validFrom;
    }
  }
  const kindCoverage = [...byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, entries]) => {
      const merged = mergeCoverage(entries);
      return {
        kind: kind as GeographyKindValue,
        validFrom: merged.map((m) => m.validFrom),
        validTo: merged.map((m) => m.validTo),
      };
    });
  const geographies = [...seed.footprints, ...seed.organisations].filter((e) => GEOGRAPHY_KINDS.has(e.kind));
  const sharedGround = deriveSharedGround(
    groups,
    geographies,
    (code) => kindByCode.get(code) ?? "",
    GEOGRAPHY_KIND_LIST,
  );
  return { groups, sharedGround, kindCoverage, coversFrom, latestDate };
}

function areaMembershipRows(seed: Seed): Record<string, unknown>[] {
  const grouped = new Map<
    string,
    {
      geographyCode: string;
      validFrom: string;
      validTo: string | null;
      evidence: string;
      areas: { code: string; source: string }[];
    }
  >();
  for (const fact of seed.areaMemberships) {
    const key = `${fact.geographyCode}|${fact.validFrom}|${fact.validTo ?? ""}|${fact.evidence}`;
    let row = grouped.get(key);
    if (row === undefined) {
      row = {
        geographyCode: fact.geographyCode,
        validFrom: fact.validFrom,
        validTo: fact.validTo,
        evidence: fact.evidence,
        areas: [],
      };
      grouped.set(key, row);
    }
    row.areas.push({ code: fact.areaCode, source: fact.source });
  }
  // Split large geographies so that a batch holds a bounded number of relationships.
  const rows: Record<string, unknown>[] = [];
  for (const row of grouped.values()) {
    for (let i = 0; i < row.areas.length; i += 2_000)
      rows.push({ ...row, areas: row.areas.slice(i, i + 2_000) });
  }
  return rows;
}

/**
 * The write steps of a load, in order. `firstLoad`: the graph holds no areas, so areas and their
 * memberships are created outright. `emptyGraph`: it holds nothing, so there is nothing to clear.
 * `derive` is called once the areas step has been taken: a writer asks for the next step after
 * sending the areas' batches, so deriving runs while the server writes them.
 */
export function planLoad(
  seed: Seed,
  derive: () => DerivedSeed,
  options: LoadPlanOptions,
): Iterable<WriteStep> {
  // Iterable afresh, so that a retried transaction takes every step again.
  return { [Symbol.iterator]: () => stepsOfLoad(seed, derive, options) };
}

interface LoadPlanOptions {
  replace: boolean;
  loadedAt: string;
  firstLoad: boolean;
  emptyGraph: boolean;
}

function* stepsOfLoad(
  seed: Seed,
  derive: () => DerivedSeed,
  options: LoadPlanOptions,
): Generator<WriteStep, void, undefined> {
  // Steps that remove what an earlier load left: an empty graph has none of it.
  const clearing = (...steps: WriteStep[]): WriteStep[] => (options.emptyGraph ? [] : steps);
  yield { name: "sources", statement: MERGE_SOURCES, rows: seed.sources.map((s) => ({ ...s })) };
  yield {
    name: "areas",
    statement: options.firstLoad ? CREATE_AREAS : MERGE_AREAS,
    rows: seed.areas.map((a) => ({ ...a })),
    batchSize: 10_000,
  };
  const derived = derive();
  yield* [
    {
      name: "organisations",
      statement: MERGE_ORGANISATIONS,
      rows: organisationRows(seed),
    },
    {
      name: "footprints",
      statement: MERGE_FOOTPRINTS,
      rows: footprintRows(seed),
    },
    { name: "memberships", statement: MERGE_MEMBERSHIPS, rows: seed.memberships.map((m) => ({ ...m })) },
    {
      name: "area memberships",
      statement: options.firstLoad ? CREATE_AREA_MEMBERSHIPS : MERGE_AREA_MEMBERSHIPS,
      rows: areaMembershipRows(seed),
      batchSize: 10,
    },
    { name: "people", statement: MERGE_PEOPLE, rows: personRows(seed) },
    { name: "leaderships", statement: MERGE_LEADERSHIPS, rows: leadershipRows(seed) },
    { name: "day jobs", statement: MERGE_DAY_JOBS, rows: dayJobRows(seed) },
    { name: "status changes", statement: MERGE_STATUS_CHANGES, rows: statusChangeRows(seed) },
    ...(options.replace
      ? clearing(
          { name: "remove stale relationships", statement: DELETE_STALE_RELATIONSHIPS },
          { name: "remove stale nodes", statement: DELETE_STALE_NODES },
        )
      : []),
    ...clearing({ name: "clear area groups", statement: DELETE_AREA_GROUPS }),
    {
      name: "area groups",
      statement: CREATE_AREA_GROUPS,
      rows: derived.groups.map((g) => ({ id: g.id, areaCodes: g.areaCodes })),
      batchSize: 200,
    },
    {
      name: "group coverage",
      statement: CREATE_GROUP_COVERAGE,
      rows: groupCoverageRows(derived),
    },
    ...clearing({ name: "clear shared ground", statement: DELETE_SHARED_GROUND }),
    {
      name: "shared ground",
      statement: CREATE_SHARED_GROUND,
      rows: derived.sharedGround.pairs.map((row) => ({ ...row })),
    },
    {
      name: "ground by kind",
      statement: CREATE_GROUND,
      rows: groundRows(derived),
    },
    ...clearing({ name: "clear kind coverage", statement: DELETE_KIND_COVERAGE }),
    {
      name: "kind coverage",
      statement: CREATE_KIND_COVERAGE,
      rows: derived.kindCoverage.map((k) => ({ ...k })),
    },
    {
      name: "dataset",
      statement: MERGE_DATASET,
      parameters: { ...datasetRow(seed, derived, options.loadedAt) },
    },
  ];
}

/** What a load did: counts per step and the report on the seed itself. */
export interface LoadResult {
  counts: Map<string, WriteCounts>;
  report: SeedReport;
  seconds: number;
  /** Of `seconds`, deriving the area groups and the shared ground (while the areas were written). */
  deriveSeconds: number;
}

/**
 * Writes a validated seed in one transaction (all or nothing) and reports what it did.
 * Loading the same seed twice leaves the same graph: every node and relationship is MERGEd on its key.
 */
export async function loadSeed(
  db: Database,
  seed: Seed,
  options: {
    replace: boolean;
    onProgress?: (step: string, done: number, total: number) => void;
    timeoutMs?: number;
  },
): Promise<LoadResult> {
  const started = performance.now();
  let derived: DerivedSeed | null = null;
  let deriveSeconds = 0;
  const derive = (): DerivedSeed => {
    if (derived !== null) return derived;
    const deriveStarted = performance.now();
    derived = deriveSeed(seed);
    deriveSeconds = (performance.now() - deriveStarted) / 1000;
    return derived;
  };
  const occupancy = await readGraphOccupancy(db);
  const steps = planLoad(seed, derive, {
    replace: options.replace,
    loadedAt: new Date().toISOString(),
    firstLoad: !occupancy.hasAreas,
    emptyGraph: !occupancy.hasNodes,
  });
  const counts = await writeInOneTransaction(
    db,
    steps,
    { loadId: cypherInteger(newLoadId()) },
    options.onProgress ?? (() => undefined),
    options.timeoutMs ?? 600_000,
  );
  const seconds = (performance.now() - started) / 1000;
  return { counts, report: buildSeedReport(seed, derive()), seconds, deriveSeconds };
}
