import { isDeepStrictEqual } from "node:util";
import type { BenchTarget } from "./benchTarget.js";
import { runLoad, type LoadRun } from "./httpLoad.js";
import type { BenchOperation } from "./operations.js";
import { post, requestFor, SERVERS, type BenchServer } from "./requests.js";
import { startServerProcess, type ServerKind, type ServerProcess } from "./serverProcess.js";
import { quantile } from "./stats.js";

/** How long and how often each measurement runs. */
export interface HttpPlan {
  rounds: number;
  warmSeconds: number;
  /** Latency runs: one connection, for this long per server and round in all. */
  latencySeconds: number;
  /**
   * Each round's latency run is cut into this many slices, the servers taking turns slice by
   * slice, so that the machine's other work falls on all of them alike.
   */
  latencySlices: number;
  /** Throughput runs: THROUGHPUT_CONNECTIONS connections. */
  throughputSeconds: number;
}

export const THROUGHPUT_CONNECTIONS = 8;

/** One round of one server on one operation. */
export interface HttpRound {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  throughput: number;
  failures: number;
}

/** Whether a server's answer, normalised to our shape, equals ours. */
export interface Agreement {
  equal: boolean;
  differences: string;
}

export interface HttpResults {
  /** op id → server → rounds. */
  rounds: Record<string, Record<BenchServer, HttpRound[]>>;
  /** op id → server → agreement with our answer. */
  agreement: Record<string, Record<BenchServer, Agreement>>;
  /** Resident set size of each server process after the runs. */
  rssBytes: Record<ServerKind, number>;
}

const PROCESS_OF: Record<BenchServer, ServerKind> = {
  ours: "ours",
  floor: "floor",
  generated: "neo4j-graphql",
  rootCypher: "neo4j-graphql",
};

async function answer(server: BenchServer, op: BenchOperation, baseUrl: string): Promise<unknown> {
  const { status, json } = await post(requestFor(server, op, baseUrl));
  if (status !== 200 || json["errors"] !== undefined) {
    throw new Error(`${server} failed on ${op.id} (HTTP ${status}): ${JSON.stringify(json).slice(0, 500)}`);
  }
  const data = (json["data"] ?? {}) as Record<string, unknown>;
  if (server === "generated") return op.generated.normalise(data);
  if (server === "rootCypher") return op.rootCypher.normalise(data);
  return data;
}

/** Checks every server's answer against ours (the generated form against the part it answers). */
async function compareAnswers(
  operations: readonly BenchOperation[],
  baseUrl: (server: BenchServer) => string,
): Promise<HttpResults["agreement"]> {
  const agreement: HttpResults["agreement"] = {};
  for (const op of operations) {
    const ours = await answer("ours", op, baseUrl("ours"));
    const comparableOurs = op.comparable?.(ours) ?? ours;
    const check = async (
      server: BenchServer,
      expected: unknown,
      differences: string,
    ): Promise<Agreement> => ({
      equal: isDeepStrictEqual(await answer(server, op, baseUrl(server)), expected),
      differences,
    });
    agreement[op.id] = {
      ours: { equal: true, differences: "none" },
      floor: await check("floor", ours, "none"),
      generated: await check("generated", comparableOurs, op.generated.differences),
      rootCypher: await check("rootCypher", ours, op.rootCypher.differences),
    };
  }
  return agreement;
}

/** The servers in turn, starting `by` places further on. */
function rotated(servers: readonly BenchServer[], by: number): BenchServer[] {
  return servers.map((_, i) => servers[(i + by) % servers.length] as BenchServer);
}

/** Two latency runs of one server as one: their latencies and failures together. */
function joinRuns(earlier: LoadRun | undefined, later: LoadRun): LoadRun {
  if (earlier === undefined) return later;
  return {
    latenciesMs: earlier.latenciesMs.concat(later.latenciesMs),
    throughput: later.throughput,
    failures: earlier.failures + later.failures,
  };
}

/**
 * Starts the three server processes, checks their answers agree, then measures every operation on
 * every server: latency at one connection and throughput at eight, warm, `plan.rounds` times, the
 * servers interleaved within each round (latency slice by slice, each round and slice started by
 * the next server) so that drift and the order of runs spread over all of them.
 */
export async function runHttpBench(
  target: BenchTarget,
  operations: readonly BenchOperation[],
  plan: HttpPlan,
  log: (line: string) => void,
): Promise<HttpResults> {
  const processes = new Map<ServerKind, ServerProcess>();
  try {
    for (const kind of ["ours", "floor", "neo4j-graphql"] as const) {
      processes.set(kind, await startServerProcess(kind, target));
    }
    const baseUrl = (server: BenchServer) => processes.get(PROCESS_OF[server])?.baseUrl ?? "";
    const agreement = await compareAnswers(operations, baseUrl);
    const rounds: HttpResults["rounds"] = {};
    for (const op of operations) {
      rounds[op.id] = { ours: [], floor: [], generated: [], rootCypher: [] };
      for (const server of SERVERS)
        await runLoad(requestFor(server, op, baseUrl(server)), 1, { seconds: plan.warmSeconds });
    }
    for (let round = 1; round <= plan.rounds; round++) {
      // Each round starts with another server, so that no server always runs first, just after
      // the previous operation's heaviest load; latency runs all come before the throughput runs.
      const order = rotated(SERVERS, round - 1);
      for (const op of operations) {
        const latencies = new Map<BenchServer, LoadRun>();
        for (let slice = 0; slice < plan.latencySlices; slice++) {
          // Each slice starts with the next server too.
          for (const server of rotated(order, slice)) {
            const run = await runLoad(requestFor(server, op, baseUrl(server)), 1, {
              seconds: plan.latencySeconds / plan.latencySlices,
            });
            latencies.set(server, joinRuns(latencies.get(server), run));
          }
        }
        const throughputs = new Map<BenchServer, LoadRun>();
        for (const server of order) {
          throughputs.set(
            server,
            await runLoad(requestFor(server, op, baseUrl(server)), THROUGHPUT_CONNECTIONS, {
              seconds: plan.throughputSeconds,
            }),
          );
        }
        const line: string[] = [];
        for (const server of SERVERS) {
          const latency = latencies.get(server);
          const throughput = throughputs.get(server);
          if (latency === undefined || throughput === undefined) continue;
          const measured: HttpRound = {
            p50Ms: quantile(latency.latenciesMs, 0.5),
            p99Ms: quantile(latency.latenciesMs, 0.99),
            requests: latency.latenciesMs.length,
            throughput: throughput.throughput,
            failures: latency.failures + throughput.failures,
          };
          rounds[op.id]?.[server].push(measured);
          line.push(`${server} ${measured.p50Ms.toFixed(2)} ms, ${measured.throughput.toFixed(0)}/s`);
        }
        log(`  round ${round}/${plan.rounds} ${op.id}: ${line.join(" · ")}`);
      }
    }
    const rssBytes = { ours: 0, floor: 0, "neo4j-graphql": 0 };
    for (const [kind, child] of processes) rssBytes[kind] = child.rssBytes();
    return { rounds, agreement, rssBytes };
  } finally {
    for (const child of processes.values()) await child.stop();
  }
}
