/**
 * One timed load in its own process, so that its peak RSS is its own:
 *   loadProcess.ts real            the real seed: readSeed + loadSeed (one transaction), as `npm run seed`
 *   loadProcess.ts import          the real seed: readSeed + the bulk import into a new store for the
 *                                  benchmark's own server, which must be stopped, as `npm start` on a new store
 *   loadProcess.ts full <factor>   a synthetic seed <factor>× the real one (every entity replicated), with
 *                                  loadSeed's own plan and statements, committed batch by batch
 *   loadProcess.ts ground <factor> only what coterminosity reads, <factor>× (geographies, area groups and
 *                                  their WITHIN, SHARES and GROUND_<KIND> relationships, no areas), in batches
 * The target is in BENCH_TARGET and the graph must be empty (for import, the store absent). Prints one
 * JSON LoadMeasurement line.
 */
import path from "node:path";
import { repoRoot } from "../src/config/readConfig.js";
import { cypherInteger, type Database } from "../src/graph/database.js";
import {
  batchesOf,
  CREATE_GROUP_COVERAGE,
  CREATE_KIND_COVERAGE,
  CREATE_GROUND,
  CREATE_SHARED_GROUND,
  MERGE_DATASET,
  newLoadId,
  type WriteStep,
} from "../src/graph/seedStore.js";
import { importSeedIntoNewStore } from "../src/seed/importSeed.js";
import { deriveSeed, loadSeed, planLoad } from "../src/seed/loadSeed.js";
import { readValidSeed } from "../src/seed/readSeed.js";
import type { Seed } from "../src/seed/seedTypes.js";
import { BENCH_HOME, connectTarget, type BenchTarget } from "./benchTarget.js";
import { countSeedRows, replicateSeed } from "./syntheticSeed.js";

/** What one load did and cost. */
export interface LoadMeasurement {
  mode: "real" | "import" | "full" | "ground";
  factor: number;
  /** Reading and validating the CSV files (readSeed). */
  readSeconds: number;
  /** Deriving, writing and committing. */
  loadSeconds: number;
  /** Input rows written (CSV rows for a seed; geographies, groups and group coverage for ground). */
  rows: number;
  nodesCreated: number;
  relationshipsCreated: number;
  transactions: number;
  /** Peak resident set size of this process. */
  maxRssBytes: number;
  /**
   * For the real seed: where loadSeed's time went, as loadSeed timed it. Deriving runs while the
   * server writes the areas, so its time is inside the steps' time; the rest is the commit and the
   * round trips before the first step.
   */
  breakdown?: { steps: { name: string; seconds: number }[]; deriveSeconds: number; restSeconds: number };
  /** For the bulk import: deriving, then the import tool (its JVM, not in maxRssBytes) to the store in place. */
  importBreakdown?: { deriveSeconds: number; importToolSeconds: number };
}

const LOAD_TIMEOUT_MS = 1_800_000;

async function readRealSeed(): Promise<{ seed: Seed; seconds: number }> {
  const started = performance.now();
  const seed = await readValidSeed(path.join(repoRoot, "seed"));
  return { seed, seconds: (performance.now() - started) / 1000 };
}

/** Runs the steps with one transaction per batch (a whole synthetic load exceeds one transaction's memory). */
async function writeBatchByBatch(
  db: Database,
  steps: Iterable<WriteStep>,
): Promise<Pick<LoadMeasurement, "nodesCreated" | "relationshipsCreated" | "transactions">> {
  const shared = { loadId: cypherInteger(newLoadId()) };
  const totals = { nodesCreated: 0, relationshipsCreated: 0, transactions: 0 };
  for (const step of steps) {
    for (const parameters of batchesOf(step)) {
      const result = await db.write(step.statement, { ...shared, ...parameters });
      const updates = result.summary.counters.updates();
      totals.nodesCreated += updates.nodesCreated;
      totals.relationshipsCreated += updates.relationshipsCreated;
      totals.transactions += 1;
    }
  }
  return totals;
}

const CREATE_GROUND_FOOTPRINTS = `
UNWIND $rows AS row
CREATE (:Footprint:Geography:Entity {code: row.code, name: row.name, kind: row.kind,
  validFrom: date(row.validFrom), validTo: date(row.validTo), evidence: row.evidence})`;

const CREATE_GROUND_ORGANISATIONS = `
UNWIND $rows AS row
CREATE (:Organisation:Geography:Entity {code: row.code, name: row.name, kind: row.kind,
  validFrom: date(row.validFrom), validTo: date(row.validTo), evidence: row.evidence})`;

const CREATE_GROUND_GROUPS = `
UNWIND $rows AS row
CREATE (:AreaGroup {id: row.id, size: toInteger(row.size)})`;

const GROUND_KINDS = new Set(["CCG", "LOCAL_AUTHORITY", "REGION"]);

/** The steps of a ground-only load: `factor` copies of the geographies and groups coterminosity reads. */
function planGround(seed: Seed, factor: number): WriteStep[] {
  const derived = deriveSeed(seed);
  const copies = Array.from({ length: factor }, (_, c) => c);
  const code = (value: string, c: number) => (c === 0 ? value : `${value}-x${c}`);
  const entity = (
    e: {
      code: string;
      name: string;
      kind: string;
      validFrom: string | null;
      validTo: string | null;
      evidence: string;
    },
    c: number,
  ) => ({
    code: code(e.code, c),
    name: e.name,
    kind: e.kind,
    validFrom: e.validFrom,
    validTo: e.validTo,
    evidence: e.evidence,
  });
  return [
    {
      name: "footprints",
      statement: CREATE_GROUND_FOOTPRINTS,
      rows: copies.flatMap((c) => seed.footprints.map((f) => entity(f, c))),
    },
    {
      name: "organisations",
      statement: CREATE_GROUND_ORGANISATIONS,
      rows: copies.flatMap((c) =>
        seed.organisations.filter((o) => GROUND_KINDS.has(o.kind)).map((o) => entity(o, c)),
      ),
    },
    {
      name: "area groups",
      statement: CREATE_GROUND_GROUPS,
      rows: copies.flatMap((c) =>
        derived.groups.map((g) => ({ id: code(g.id, c), size: g.areaCodes.length })),
      ),
      batchSize: 20_000,
    },
    {
      name: "group coverage",
      statement: CREATE_GROUP_COVERAGE,
      rows: copies.flatMap((c) =>
        derived.groups.flatMap((g) =>
          g.coverage.map((cov) => ({
            ...cov,
            groupId: code(g.id, c),
            geographyCode: code(cov.geographyCode, c),
          })),
        ),
      ),
      batchSize: 20_000,
    },
    {
      name: "shared ground",
      statement: CREATE_SHARED_GROUND,
      rows: copies.flatMap((c) =>
        derived.sharedGround.pairs.map((row) => ({
          ...row,
          leftCode: code(row.leftCode, c),
          rightCode: code(row.rightCode, c),
        })),
      ),
      batchSize: 20_000,
    },
    {
      name: "ground by kind",
      statement: CREATE_GROUND,
      rows: copies.flatMap((c) =>
        derived.sharedGround.byKind.map((row) => ({
          ...row,
          code: code(row.code, c),
          rightCodes: row.rightCodes.map((right) => code(right, c)),
        })),
      ),
      batchSize: 5_000,
    },
    {
      name: "kind coverage",
      statement: CREATE_KIND_COVERAGE,
      rows: derived.kindCoverage.map((k) => ({ ...k })),
    },
    {
      name: "dataset",
      statement: MERGE_DATASET,
      parameters: {
        coversFrom: derived.coversFrom,
        latestDate: derived.latestDate,
        areaCount: seed.areas.length * factor,
        loadedAt: new Date().toISOString(),
        seedDir: `ground ×${factor} (synthetic)`,
      },
    },
  ];
}

async function measure(
  mode: LoadMeasurement["mode"],
  factor: number,
  db: Database,
): Promise<LoadMeasurement> {
  const { seed, seconds: readSeconds } = await readRealSeed();
  const started = performance.now();
  if (mode === "real") {
    const result = await loadSeed(db, seed, { replace: false, timeoutMs: LOAD_TIMEOUT_MS });
    const loadSeconds = (performance.now() - started) / 1000;
    const counts = [...result.counts.values()];
    const steps = [...result.counts].map(([name, c]) => ({ name, seconds: c.milliseconds / 1000 }));
    const stepSeconds = steps.reduce((sum, s) => sum + s.seconds, 0);
    return {
      mode,
      factor: 1,
      readSeconds,
      loadSeconds,
      breakdown: { steps, deriveSeconds: result.deriveSeconds, restSeconds: loadSeconds - stepSeconds },
      rows: countSeedRows(seed),
      nodesCreated: counts.reduce((sum, c) => sum + c.nodesCreated, 0),
      relationshipsCreated: counts.reduce((sum, c) => sum + c.relationshipsCreated, 0),
      transactions: 1,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }
  if (mode === "import") {
    const result = await importSeedIntoNewStore(BENCH_HOME, seed, (line) => {
      process.stderr.write(`${line}\n`);
    });
    return {
      mode,
      factor: 1,
      readSeconds,
      loadSeconds: (performance.now() - started) / 1000,
      importBreakdown: { deriveSeconds: result.deriveSeconds, importToolSeconds: result.importSeconds },
      rows: countSeedRows(seed),
      nodesCreated: result.nodes,
      relationshipsCreated: result.relationships,
      transactions: 0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }
  if (mode === "full") {
    const synthetic = replicateSeed(seed, factor);
    const steps = planLoad(synthetic, () => deriveSeed(synthetic), {
      replace: false,
      loadedAt: new Date().toISOString(),
      firstLoad: true,
      emptyGraph: true,
    });
    const totals = await writeBatchByBatch(db, steps);
    return {
      mode,
      factor,
      readSeconds,
      loadSeconds: (performance.now() - started) / 1000,
      rows: countSeedRows(synthetic),
      ...totals,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }
  const steps = planGround(seed, factor);
  const totals = await writeBatchByBatch(db, steps);
  return {
    mode,
    factor,
    readSeconds,
    loadSeconds: (performance.now() - started) / 1000,
    rows: steps.reduce((sum, s) => sum + (s.rows?.length ?? 1), 0),
    ...totals,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

const target = JSON.parse(process.env["BENCH_TARGET"] ?? "{}") as BenchTarget;
const db = connectTarget(target, LOAD_TIMEOUT_MS);
try {
  const mode = (process.argv[2] ?? "real") as LoadMeasurement["mode"];
  const measured = await measure(mode, Number(process.argv[3] ?? 1), db);
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} finally {
  await db.close();
}
