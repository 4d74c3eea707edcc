/**
 * `npm run bench`: on the benchmark's own Neo4j (or NEO4J_BENCH_URI) and the real seed, measures
 * the seed load, then every operation of bench/operations.ts on our API, the floor and
 * @neo4j/graphql in two forms, then synthetic scales; writes bench/results.md, results.json and
 * latency.svg. `--quick` runs every part briefly and prints the report instead (a smoke test:
 * numbers, never thresholds). `--only id,id` measures just those operations over HTTP at full
 * length after one seed load, without the scales, and prints the report (for work on one answer).
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { repoRoot } from "../src/config/readConfig.js";
import { applyGraphSchema } from "../src/graph/graphSchema.js";
import {
  BENCH_HEAP,
  BENCH_PAGE_CACHE,
  connectTarget,
  openBenchNeo4j,
  type BenchNeo4j,
} from "./benchTarget.js";
import { runHttpBench, THROUGHPUT_CONNECTIONS, type HttpPlan } from "./httpBench.js";
import { latencyChartSvg } from "./latencyChart.js";
import type { LoadMeasurement } from "./loadProcess.js";
import { OPERATIONS } from "./operations.js";
import type { BenchResults } from "./results.js";
import { renderResults } from "./resultsReport.js";
import { runScaleBench, type ScalePlan } from "./scaleBench.js";
import { runJsonProcess } from "./serverProcess.js";
import { measureStatementCosts } from "./statementProfile.js";

interface Plan {
  seedRounds: number;
  http: HttpPlan;
  scale: ScalePlan;
}

const FULL: Plan = {
  seedRounds: 3,
  http: { rounds: 5, warmSeconds: 3, latencySeconds: 3, latencySlices: 6, throughputSeconds: 2 },
  scale: {
    points: [
      { series: "full", factor: 1 },
      { series: "full", factor: 10 },
      { series: "ground", factor: 1 },
      { series: "ground", factor: 10 },
      { series: "ground", factor: 100 },
    ],
    requests: 7,
    freshStore: true,
  },
};

const QUICK: Plan = {
  seedRounds: 1,
  http: { rounds: 1, warmSeconds: 0.3, latencySeconds: 1, latencySlices: 2, throughputSeconds: 1 },
  scale: {
    points: [
      { series: "full", factor: 1 },
      { series: "ground", factor: 10 },
    ],
    requests: 3,
    freshStore: false,
  },
};

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const began = performance.now();

function log(line: string): void {
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

function packageVersion(name: string): string {
  const file = path.join(repoRoot, "node_modules", name, "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** Writes a generated file as the repository's Prettier configuration formats it, so `npm run check` passes. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

async function applySchema(bench: BenchNeo4j): Promise<void> {
  const db = connectTarget(bench.target, 600_000);
  try {
    await applyGraphSchema(db);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt === -1 ? null : (process.argv[onlyAt + 1] ?? "").split(",").filter(Boolean);
  const unknown = only?.filter((id) => !OPERATIONS.some((op) => op.id === id)) ?? [];
  if (only !== null && (only.length === 0 || unknown.length > 0)) {
    throw new Error(
      `--only takes operation ids separated by commas (${OPERATIONS.map((op) => op.id).join(", ")}); got "${process.argv[onlyAt + 1] ?? ""}".`,
    );
  }
  const operations = only === null ? OPERATIONS : OPERATIONS.filter((op) => only.includes(op.id));
  const plan: Plan =
    only === null ? (quick ? QUICK : FULL) : { ...FULL, seedRounds: 1, scale: { ...FULL.scale, points: [] } };
  const printOnly = quick || only !== null;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  log(`${quick ? "Quick" : "Full"} run; load average ${loadAtStart.toFixed(2)}.`);
  const bench = await openBenchNeo4j(process.env, log);
  let results: BenchResults;
  try {
    await applySchema(bench);

    const seedImports: BenchResults["seedImports"] = [];
    if (bench.rebuildStore !== null) {
      log("Importing the real seed into a new store (bulk import, server stopped)…");
      for (let round = 1; round <= plan.seedRounds; round++) {
        const { built: load, serverStartSeconds } = await bench.rebuildStore(() =>
          runJsonProcess<LoadMeasurement>("./loadProcess.ts", ["import"], bench.target),
        );
        const schemaStarted = performance.now();
        await applySchema(bench);
        const schemaSeconds = (performance.now() - schemaStarted) / 1000;
        seedImports.push({ load, serverStartSeconds, schemaSeconds });
        log(
          `  round ${round}: read ${load.readSeconds.toFixed(1)} s, import ${load.loadSeconds.toFixed(1)} s; server start ${serverStartSeconds.toFixed(1)} s, constraints and indexes ${schemaSeconds.toFixed(1)} s`,
        );
      }
    }

    log("Loading the real seed from empty through transactions…");
    const seedLoads: BenchResults["seedLoads"] = [];
    for (let round = 1; round <= plan.seedRounds; round++) {
      // The first load goes into a fresh store on a just-started server; later ones into a deleted graph.
      const reset = await bench.reset(round === 1 && bench.local);
      await applySchema(bench);
      const load = await runJsonProcess<LoadMeasurement>("./loadProcess.ts", ["real"], bench.target);
      seedLoads.push({ reset: { seconds: reset.seconds, how: reset.how }, load });
      log(`  round ${round}: read ${load.readSeconds.toFixed(1)} s, load ${load.loadSeconds.toFixed(1)} s`);
    }

    log("Counting and profiling the statements of each answer…");
    const costs = Object.fromEntries(await measureStatementCosts(bench.target, operations));

    log("Measuring over HTTP…");
    const http = await runHttpBench(bench.target, operations, plan.http, log);

    log("Synthetic scales…");
    const coterminosity = OPERATIONS.filter((op) => op.id === "stpLdr" || op.id === "laStp");
    const scale =
      plan.scale.points.length === 0
        ? []
        : await runScaleBench(
            bench,
            coterminosity,
            { ...plan.scale, freshStore: plan.scale.freshStore && bench.local },
            log,
          );

    results = {
      mode: quick ? "quick" : "full",
      startedAt,
      seconds: (performance.now() - began) / 1000,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryGiB: os.totalmem() / 1024 ** 3,
        os: `${os.type()} ${os.release()}`,
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      },
      versions: {
        Node: process.version,
        Neo4j: bench.version,
        "neo4j-driver": packageVersion("neo4j-driver"),
        "@apollo/server": packageVersion("@apollo/server"),
        graphql: packageVersion("graphql"),
        dataloader: packageVersion("dataloader"),
        "@neo4j/graphql": packageVersion("@neo4j/graphql"),
        autocannon: packageVersion("autocannon"),
      },
      settings: {
        http: plan.http,
        throughputConnections: THROUGHPUT_CONNECTIONS,
        scale: plan.scale,
        neo4j: bench.local
          ? `Neo4j: the benchmark's own local server (.neo4j/bench, Bolt 7692), heap ${BENCH_HEAP}, page cache ${BENCH_PAGE_CACHE}, as \`npm start\` runs its own.`
          : `Neo4j: NEO4J_BENCH_URI (${bench.target.uri}).`,
      },
      operations: operations.map((op) => ({ id: op.id, title: op.title, short: op.short })),
      seedLoads,
      seedImports,
      http,
      costs,
      scale,
    };
  } finally {
    log("Stopping Neo4j…");
    await bench.stop();
  }
  const report = renderResults(results);
  if (printOnly) {
    process.stdout.write(report);
  } else {
    await writeFormatted(path.join(BENCH_DIR, "results.md"), report);
    await writeFormatted(path.join(BENCH_DIR, "results.json"), JSON.stringify(results));
    writeFileSync(path.join(BENCH_DIR, "latency.svg"), latencyChartSvg(results));
    log("Wrote bench/results.md, bench/results.json and bench/latency.svg.");
  }
  log(`Done in ${((performance.now() - began) / 60_000).toFixed(1)} min.`);
}

await main();
// Idle keep-alive sockets of the clients would otherwise hold the process open for a while.
process.exit(0);
