import { applyGraphSchema } from "../src/graph/graphSchema.js";
import { connectTarget, type BenchNeo4j, type StoreBytes } from "./benchTarget.js";
import { runLoad } from "./httpLoad.js";
import type { LoadMeasurement } from "./loadProcess.js";
import type { BenchOperation } from "./operations.js";
import { requestFor } from "./requests.js";
import { runJsonProcess, startServerProcess } from "./serverProcess.js";
import { measureStatementCosts } from "./statementProfile.js";
import { quantile } from "./stats.js";

/** Our API's QUERY_TIMEOUT_MS at scale: the default 10 s is for the real graph. */
const SCALE_QUERY_TIMEOUT_MS = 120_000;
const SCALE_WARM_SECONDS = 3;

/** One synthetic scale: what was loaded, how, and what the coterminosity questions cost then. */
export interface ScalePoint {
  series: "full" | "ground";
  factor: number;
  reset: { seconds: number; how: string };
  load: LoadMeasurement;
  /** Store bytes after the load, checkpointed (read at the next stop; null without a fresh store per scale). */
  storeBytes: number | null;
  transactionLogBytes: number | null;
  /** Our API server's RSS after answering. */
  serverRssBytes: number;
  /** op id → our API's latency over HTTP at one connection. */
  latency: Record<string, { p50Ms: number; p99Ms: number; requests: number; responseBytes: number }>;
  /** op id → database hits of our statements (PROFILE). */
  dbHits: Record<string, number>;
}

export interface ScalePlan {
  points: { series: "full" | "ground"; factor: number }[];
  /** Answers timed per operation and point (after a few seconds of warm-up). */
  requests: number;
  /** A fresh store per point (local server only), so that store sizes hold one load. */
  freshStore: boolean;
}

/**
 * Loads each synthetic graph into an emptied database (in a child process, for its peak RSS) and
 * asks our API the coterminosity questions against it.
 */
export async function runScaleBench(
  bench: BenchNeo4j,
  operations: readonly BenchOperation[],
  plan: ScalePlan,
  log: (line: string) => void,
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  const recordStore = (bytes: StoreBytes | null) => {
    const previous = points[points.length - 1];
    if (previous === undefined || bytes === null || !plan.freshStore) return;
    previous.storeBytes = bytes.store;
    previous.transactionLogBytes = bytes.transactionLogs;
  };
  for (const { series, factor } of plan.points) {
    const { storeBefore, ...reset } = await bench.reset(plan.freshStore);
    recordStore(storeBefore);
    const db = connectTarget(bench.target, 600_000);
    try {
      await applyGraphSchema(db);
    } finally {
      await db.close();
    }
    log(`  ${series} ×${factor}: loading…`);
    const load = await runJsonProcess<LoadMeasurement>(
      "./loadProcess.ts",
      [series, String(factor)],
      bench.target,
    );
    const server = await startServerProcess("ours", bench.target, SCALE_QUERY_TIMEOUT_MS);
    const latency: ScalePoint["latency"] = {};
    let serverRssBytes = 0;
    try {
      for (const op of operations) {
        const request = requestFor("ours", op, server.baseUrl);
        const response = await fetch(request.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: request.body,
        });
        const responseBytes = (await response.arrayBuffer()).byteLength;
        // Each scale runs on a freshly started server: warm its plans and JIT before timing.
        await runLoad(request, 1, { seconds: SCALE_WARM_SECONDS }, 120);
        const run = await runLoad(request, 1, { amount: plan.requests }, 120);
        latency[op.id] = {
          p50Ms: quantile(run.latenciesMs, 0.5),
          p99Ms: quantile(run.latenciesMs, 0.99),
          requests: run.latenciesMs.length,
          responseBytes,
        };
      }
      serverRssBytes = server.rssBytes();
    } finally {
      await server.stop();
    }
    const costs = await measureStatementCosts(bench.target, operations, ["ours"]);
    const point: ScalePoint = {
      series,
      factor,
      reset,
      load,
      storeBytes: null,
      transactionLogBytes: null,
      serverRssBytes,
      latency,
      dbHits: Object.fromEntries(operations.map((op) => [op.id, costs.get(op.id)?.ours?.dbHits ?? 0])),
    };
    log(
      `  ${series} ×${factor}: ${load.rows} rows in ${load.loadSeconds.toFixed(1)} s; ` +
        operations.map((op) => `${op.id} ${latency[op.id]?.p50Ms.toFixed(1) ?? "?"} ms`).join(", "),
    );
    points.push(point);
  }
  // The last store is read once the server stops (the benchmark ends here).
  if (plan.freshStore) recordStore(await bench.stop());
  return points;
}
