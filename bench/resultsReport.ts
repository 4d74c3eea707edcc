import type { HttpRound } from "./httpBench.js";
import { SERVER_LABELS, SERVERS, type BenchServer } from "./requests.js";
import type { BenchResults } from "./results.js";
import type { ScalePoint } from "./scaleBench.js";
import { spread, type Spread } from "./stats.js";

/** The performance targets, checked (never enforced) against a run. */
export const TARGETS = {
  floorRatio: 1.2,
  stpLdrP50Ms: 5,
  seedLoadSeconds: 15,
};

const MiB = 1024 * 1024;
const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-GB") : "–");
const n1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const n2 = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : "–");
const ms = (s: Spread) => `${n2(s.median)} (${n2(s.min)}–${n2(s.max)})`;
const perSecond = (s: Spread) => `${n0(s.median)} (${n0(s.min)}–${n0(s.max)})`;
const mib = (bytes: number | null) => (bytes === null ? "–" : n1(bytes / MiB));
const yes = (ok: boolean) => (ok ? "met" : "**missed**");

function rounds(results: BenchResults, op: string, server: BenchServer): HttpRound[] {
  return results.http.rounds[op]?.[server] ?? [];
}

/** Median and spread of one measure over the rounds. */
export function measure(
  results: BenchResults,
  op: string,
  server: BenchServer,
  pick: (r: HttpRound) => number,
): Spread {
  return spread(rounds(results, op, server).map(pick));
}

const p50 = (results: BenchResults, op: string, server: BenchServer) =>
  measure(results, op, server, (r) => r.p50Ms).median;
const rps = (results: BenchResults, op: string, server: BenchServer) =>
  measure(results, op, server, (r) => r.throughput).median;

/** The growth exponent between two scales: 1 is linear, 0 constant, 2 quadratic. */
function exponent(small: number, large: number, smallFactor: number, largeFactor: number): number {
  if (!(small > 0) || !(large > 0) || largeFactor === smallFactor) return Number.NaN;
  return Math.log(large / small) / Math.log(largeFactor / smallFactor);
}

function seriesGrowth(points: readonly ScalePoint[]): { series: string; rows: string[] }[] {
  const out: { series: string; rows: string[] }[] = [];
  for (const series of ["full", "ground"] as const) {
    const list = points.filter((p) => p.series === series).sort((a, b) => a.factor - b.factor);
    const first = list[0];
    const last = list[list.length - 1];
    if (first === undefined || last === undefined || first === last) continue;
    const e = (pick: (p: ScalePoint) => number | null) =>
      n2(exponent(pick(first) ?? Number.NaN, pick(last) ?? Number.NaN, first.factor, last.factor));
    out.push({
      series: `${series} ×${first.factor} → ×${last.factor}`,
      rows: [
        e((p) => p.load.loadSeconds),
        e((p) => p.storeBytes),
        e((p) => p.load.maxRssBytes),
        e((p) => p.serverRssBytes),
        e((p) => p.latency["stpLdr"]?.p50Ms ?? null),
        e((p) => p.dbHits["stpLdr"] ?? null),
        e((p) => p.latency["laStp"]?.p50Ms ?? null),
        e((p) => p.dbHits["laStp"] ?? null),
      ],
    });
  }
  return out;
}

/** bench/results.md: the machine, the versions, every table and the targets, from one run. */
export function renderResults(results: BenchResults): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const ops = results.operations;
  const { http } = results.settings;

  push(
    "# Benchmark results",
    "",
    `Written by \`npm run bench${results.mode === "quick" ? " -- --quick" : ""}\` (bench/run.ts) on ${results.startedAt.slice(0, 16).replace("T", " ")} UTC; the run took ${n1(results.seconds / 60)} min. Numbers are medians of ${http.rounds} round${http.rounds === 1 ? "" : "s"}, with the spread (min–max) in brackets.`,
    "",
    "## Machine and versions",
    "",
    `- ${results.machine.cpus} cores (${results.machine.cpuModel}), ${n1(results.machine.memoryGiB)} GiB, ${results.machine.os}; load average ${n2(results.machine.loadAverage.start)} at the start, ${n2(results.machine.loadAverage.end)} at the end (other work on the machine counts in every figure).`,
    `- ${Object.entries(results.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}.`,
    `- ${results.settings.neo4j}`,
    `- Over HTTP on loopback, warm (${http.warmSeconds} s per server and operation first), with autocannon in the benchmark's process and each server in its own: latency at 1 connection for ${http.latencySeconds} s, throughput at ${results.settings.throughputConnections} connections for ${http.throughputSeconds} s, per round; within each round the servers take turns, latency runs before throughput runs, the latency run in ${http.latencySlices} slices of ${(http.latencySeconds / http.latencySlices).toFixed(2)} s with the servers in turn slice by slice (so that the machine's other work falls on all of them alike), and each round and slice starts with the next server in turn, so that none always runs first, just after the heaviest load. Autocannon, the servers and Neo4j share the cores.`,
    "",
  );

  // Targets.
  // Ours ÷ floor of the medians, and round by round (the servers take turns within a round).
  const floorRatios = ops.map((op) => {
    const floorRounds = rounds(results, op.id, "floor");
    return {
      op,
      ratio: p50(results, op.id, "ours") / p50(results, op.id, "floor"),
      byRound: spread(
        rounds(results, op.id, "ours").map((r, i) => r.p50Ms / (floorRounds[i]?.p50Ms ?? Number.NaN)),
      ),
    };
  });
  const worst = floorRatios.reduce(
    (a, b) => (b.ratio > a.ratio ? b : a),
    floorRatios[0] ?? { op: { id: "", title: "" }, ratio: Number.NaN },
  );
  const vsTheirs = ops.map((op) => ({
    op,
    latency: Math.max(
      p50(results, op.id, "ours") / p50(results, op.id, "generated"),
      p50(results, op.id, "ours") / p50(results, op.id, "rootCypher"),
    ),
    throughput: Math.min(
      rps(results, op.id, "ours") / rps(results, op.id, "generated"),
      rps(results, op.id, "ours") / rps(results, op.id, "rootCypher"),
    ),
  }));
  const stpLdr = p50(results, "stpLdr", "ours");
  const seedSeconds = results.seedLoads.map((s) => s.load.readSeconds + s.load.loadSeconds);
  const seed = spread(seedSeconds);
  // A new local store gets the seed from the bulk importer: reading, importing, then building the
  // constraints and indexes once the server has started on it.
  const seedImports = results.seedImports;
  const importTotals = seedImports.map((i) => i.load.readSeconds + i.load.loadSeconds + i.schemaSeconds);
  const importSpread = spread(importTotals);
  const seedImportText =
    seedImports.length === 0
      ? ""
      : `bulk import into a new store, median ${n1(importSpread.median)} s (${n1(importSpread.min)}–${n1(importSpread.max)}: reading, importing, then constraints and indexes); `;
  const importSeconds = seedImports.length === 0 ? 0 : importSpread.median;
  const growth = seriesGrowth(results.scale);
  const worstGrowth = Math.max(
    ...growth.flatMap((g) => g.rows.map(Number)).filter((v) => Number.isFinite(v)),
    Number.NEGATIVE_INFINITY,
  );
  push(
    "## Targets",
    "",
    "| target | this run | |",
    "| --- | --- | --- |",
    `| every operation ≤ ${TARGETS.floorRatio}× the floor at p50 (round by round in brackets) | ${floorRatios.map((f) => `${f.op.id} ${n2(f.ratio)}× (${n2(f.byRound.min)}–${n2(f.byRound.max)})`).join(", ")} (worst: ${worst.op.id}) | ${yes(floorRatios.every((f) => f.ratio <= TARGETS.floorRatio))} |`,
    `| faster than @neo4j/graphql (a) and (b) at p50 | ours/theirs at p50, worse form: ${vsTheirs.map((v) => `${v.op.id} ${n2(v.latency)}×`).join(", ")} | ${yes(vsTheirs.every((v) => v.latency < 1))} |`,
    `| … and in throughput | ours/theirs in req/s, worse form: ${vsTheirs.map((v) => `${v.op.id} ${n2(v.throughput)}×`).join(", ")} | ${yes(vsTheirs.every((v) => v.throughput > 1))} |`,
    `| full coterminosity STP × LDR ≤ ${TARGETS.stpLdrP50Ms} ms p50 over HTTP | ${n2(stpLdr)} ms | ${yes(stpLdr <= TARGETS.stpLdrP50Ms)} |`,
    `| real seed load from empty < ${TARGETS.seedLoadSeconds} s | ${seedImportText}through transactions (readSeed + loadSeed), median ${n1(seed.median)} s (${n1(seed.min)}–${n1(seed.max)}; round 1, on a just-started server: ${n1(seedSeconds[0] ?? Number.NaN)} s) | ${yes(seed.median < TARGETS.seedLoadSeconds && importSeconds < TARGETS.seedLoadSeconds)} |`,
    `| growth no worse than linear (exponent ≤ 1.1, within measurement; see Scale) | worst exponent ${n2(worstGrowth)} | ${growth.length === 0 ? "not measured" : yes(worstGrowth <= 1.1)} |`,
    "",
  );

  // Latency and throughput.
  push(
    "## Latency and throughput over HTTP",
    "",
    "p50 and p99 in ms at 1 connection; requests per second at " +
      `${results.settings.throughputConnections} connections; ratios are ours ÷ that server (p50: below 1 means ours is faster; req/s: above 1 means ours serves more).`,
    "",
  );
  for (const op of ops) {
    push(
      `### ${op.title}`,
      "",
      "| server | p50 ms | p99 ms | req/s | ours ÷ it, p50 | ours ÷ it, req/s | same answer as ours |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const server of SERVERS) {
      const agreement = results.http.agreement[op.id]?.[server];
      const failures = rounds(results, op.id, server).reduce((sum, r) => sum + r.failures, 0);
      push(
        `| ${SERVER_LABELS[server]} | ${ms(measure(results, op.id, server, (r) => r.p50Ms))} | ${ms(measure(results, op.id, server, (r) => r.p99Ms))} | ${perSecond(measure(results, op.id, server, (r) => r.throughput))}${failures > 0 ? ` (${failures} failed)` : ""} | ${server === "ours" ? "–" : n2(p50(results, op.id, "ours") / p50(results, op.id, server))} | ${server === "ours" ? "–" : n2(rps(results, op.id, "ours") / rps(results, op.id, server))} | ${server === "ours" ? "–" : agreement === undefined ? "?" : `${agreement.equal ? "yes" : "**no**"}${agreement.differences === "none" ? "" : `; ${agreement.differences}`}`} |`,
      );
    }
    push("");
  }

  // Statements.
  push(
    "## Cypher per answer",
    "",
    "Statements sent and sequential round trips (statements sent together count once) for one warm answer, and the database hits of PROFILE with the same parameters. Ours are counted with `Database.withListener` through `createContext`; ours, like the floor's, are auto-commit reads (one round trip each; statements that run side by side share one).",
    "",
    "| operation | ours: statements / round trips / db hits | floor db hits | (a) generated: statements / db hits | (b) root @cypher: statements / db hits |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const op of ops) {
    const c = results.costs[op.id] ?? {};
    push(
      `| ${op.title} | ${c.ours?.statements ?? "?"} / ${c.ours?.roundTrips ?? "?"} / ${n0(c.ours?.dbHits ?? Number.NaN)} | ${n0(c.floor?.dbHits ?? Number.NaN)} | ${c.generated?.statements ?? "?"} / ${n0(c.generated?.dbHits ?? Number.NaN)} | ${c.rootCypher?.statements ?? "?"} / ${n0(c.rootCypher?.dbHits ?? Number.NaN)} |`,
    );
  }
  push(
    "",
    "Our statements, one by one:",
    "",
    "| operation | statement (start) | db hits |",
    "| --- | --- | --- |",
  );
  for (const op of ops) {
    for (const part of results.costs[op.id]?.ours?.parts ?? []) {
      push(`| ${op.id} | \`${part.statement.replace(/\|/g, "\\|")}\` | ${n0(part.dbHits)} |`);
    }
  }
  push("");

  // Seed load.
  push(
    "## Loading the real seed from empty",
    "",
    "`readSeed` then `loadSeed` (one transaction), in a child process, into a database emptied first (round 1: a fresh store on a just-started server; later rounds: everything deleted).",
    "",
    "| round | emptied | read s | load s | total s | rows | rows/s | nodes | relationships | loader peak RSS MiB |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  results.seedLoads.forEach(({ reset, load }, i) => {
    const total = load.readSeconds + load.loadSeconds;
    push(
      `| ${i + 1} | ${reset === null ? "fresh store" : `${reset.how} (${n1(reset.seconds)} s)`} | ${n1(load.readSeconds)} | ${n1(load.loadSeconds)} | ${n1(total)} | ${n0(load.rows)} | ${n0(load.rows / total)} | ${n0(load.nodesCreated)} | ${n0(load.relationshipsCreated)} | ${mib(load.maxRssBytes)} |`,
    );
  });
  // The fastest round is the warm one: the first runs on a freshly started server.
  const fastest = [...results.seedLoads]
    .map((s, i) => ({ round: i + 1, load: s.load }))
    .sort((x, y) => x.load.readSeconds + x.load.loadSeconds - (y.load.readSeconds + y.load.loadSeconds))[0];
  if (fastest?.load.breakdown !== undefined) {
    const { load } = fastest;
    const b = fastest.load.breakdown;
    const steps = [...b.steps].sort((x, y) => y.seconds - x.seconds);
    const top = steps.slice(0, 4);
    const others = steps.slice(4).reduce((sum, s) => sum + s.seconds, 0);
    push(
      "",
      `Where round ${fastest.round}'s ${n1(load.readSeconds + load.loadSeconds)} s went (the fastest): reading and validating the CSV files ${n1(load.readSeconds)} s; ` +
        `writing ${top.map((s) => `${s.name} ${n1(s.seconds)} s`).join(", ")}, the other steps ${n1(others)} s (deriving the area groups and the shared ground, ${n1(b.deriveSeconds)} s, runs while the server writes the areas); ` +
        `committing the one transaction (and the rest) ${n1(b.restSeconds)} s.`,
    );
  }
  if (seedImports.length > 0) {
    push(
      "",
      "**A new store, by bulk import** (what `npm start` and the tests do when their local store does not exist yet): `readSeed`, then `importSeedIntoNewStore` in a child process while the server is stopped (deriving, writing the CSV files, the import tool in its own JVM, started cold, and moving the store into place), then the server's start on the new store and `applyGraphSchema`. Each round builds a new store.",
      "",
      "| round | read s | import s | of which the import tool s | constraints and indexes s | total s | rows/s | nodes | relationships | server start s | loader peak RSS MiB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    seedImports.forEach(({ load, serverStartSeconds, schemaSeconds }, i) => {
      const total = importTotals[i] ?? Number.NaN;
      push(
        `| ${i + 1} | ${n1(load.readSeconds)} | ${n1(load.loadSeconds)} | ${n1(load.importBreakdown?.importToolSeconds ?? Number.NaN)} | ${n1(schemaSeconds)} | ${n1(total)} | ${n0(load.rows / total)} | ${n0(load.nodesCreated)} | ${n0(load.relationshipsCreated)} | ${n1(serverStartSeconds)} | ${mib(load.maxRssBytes)} |`,
      );
    });
  }
  push("", "The store this makes: see *full ×1* under Scale (the same graph, measured after a checkpoint).");
  push("");

  // Scale.
  if (results.scale.length > 0) {
    push(
      "## Scale (synthetic graphs)",
      "",
      "**Synthetic data.** *full ×k*: the whole real seed replicated k times under generated codes (`<code>-x<copy>`): k disjoint copies of every area, organisation, footprint, membership, area membership, leader and status change, so k× the geographies and area groups. It is written with `loadSeed`'s own plan and statements but committed batch by batch: as one transaction (what `loadSeed` does) a 10× load exceeds Neo4j's transaction memory even with a 4 GiB heap (2.8 GiB limit; measured 2026-11-25). *ground ×k*: only what the coterminosity question reads, k×: the geographies, the area groups (with the real group sizes), their dated WITHIN relationships and the `SHARES` and `GROUND_<KIND>` relationships derived from them, without the areas themselves; written by the benchmark in batches. Each scale starts from an emptied database" +
        (results.scale.some((p) => p.reset.how === "fresh store") ? " on a fresh store." : "."),
      "",
      "| series | rows | load s | rows/s | store MiB | tx logs MiB | loader RSS MiB | API RSS MiB | STP × LDR p50 ms | STP × LDR db hits | LA × STP p50 ms | LA × STP db hits | STP × LDR answer KiB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const p of results.scale) {
      push(
        `| ${p.series} ×${p.factor} | ${n0(p.load.rows)} | ${n1(p.load.loadSeconds)} | ${n0(p.load.rows / p.load.loadSeconds)} | ${mib(p.storeBytes)} | ${mib(p.transactionLogBytes)} | ${mib(p.load.maxRssBytes)} | ${mib(p.serverRssBytes)} | ${n2(p.latency["stpLdr"]?.p50Ms ?? Number.NaN)} | ${n0(p.dbHits["stpLdr"] ?? Number.NaN)} | ${n2(p.latency["laStp"]?.p50Ms ?? Number.NaN)} | ${n0(p.dbHits["laStp"] ?? Number.NaN)} | ${n0((p.latency["stpLdr"]?.responseBytes ?? Number.NaN) / 1024)} |`,
      );
    }
    push(
      "",
      `Latency at scale: ${results.settings.scale.requests} answers per operation at 1 connection, after 3 s of warm-up on the freshly started server (the load time excludes reading the CSV files).`,
      "",
      "Growth exponents between the smallest and the largest scale of each series: log(value ratio) ÷ log(scale ratio), so 1 is linear, below 1 better than linear (fixed costs amortised), above 1 worse.",
      "",
      "| series | load time | store | loader RSS | API RSS | STP × LDR p50 | STP × LDR db hits | LA × STP p50 | LA × STP db hits |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...growth.map((g) => `| ${g.series} | ${g.rows.join(" | ")} |`),
      "",
    );
  }

  push(
    "## The servers",
    "",
    "- **ours**: the API as `npm start` runs it (`startService`, default configuration: Apollo Server parsing and validating, each operation compiled once by graphql-jit, DataLoader) against the benchmark's Neo4j.",
    "- **floor**: a bare `node:http` handler per operation running one hand-written statement (bench/handCypher.ts) as an auto-commit read through neo4j-driver and returning the same JSON `data`; no GraphQL, no validation.",
    "- **@neo4j/graphql 7.6.3 (a)**: the same graph described for the library (bench/neo4jGraphqlServer.ts): generated queries and relationship connections, per-field `@cypher` for the analyses (area counts, regions, a per-geography verdict, a per-person path), served by Apollo Server 5 over the same `node:http`.",
    "- **@neo4j/graphql 7.6.3 (b)**: the floor's statements as root `@cypher` fields returning plain types, in the same server.",
    "- Answers are compared after normalising the library's shapes to ours; where (a) cannot answer a part (summaries, caveats, a default date) only the rest is compared, as each table says.",
    "",
  );
  return `${lines.join("\n")}\n`;
}
