import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { readSavedOperations } from "../src/downloads/savedOperations.js";

const USAGE = `Usage: npm run load -- [--url http://localhost:4000] [--duration 60] [--connections 32] [--pid <API pid>] [--cold]
  Runs every saved analyst operation (operations/*.graphql) in turn on each connection against a
  running API, on loopback, then reports errors, non-2xx answers, latency, throughput and the API's
  memory (VmRSS of --pid from /proc, else memoryRss from GET /health, sampled every second).
  First it runs each operation once, one at a time, unmeasured (--cold skips that warm-up).
  Exits 1 when any request failed.`;

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:4000" },
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "32" },
    pid: { type: "string" },
    cold: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const baseUrl = args.url.replace(/\/$/, "");
const duration = Number(args.duration);
const connections = Number(args.connections);
const pid = args.pid === undefined ? undefined : Number(args.pid);

/** The API's resident set size in bytes: from /proc when its pid is known, else as /health reports it. */
async function sampleRss(): Promise<number | undefined> {
  try {
    if (pid !== undefined) {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return match === null ? undefined : Number(match[1]) * 1024;
    }
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { memoryRss?: number };
    return health.memoryRss;
  } catch {
    return undefined;
  }
}

const operations = [...readSavedOperations().values()];
/** What one saved operation got back during the run. */
interface OperationTally {
  answers: number;
  graphqlErrors: number;
  non2xx: number;
  errorCodes: Record<string, number>;
}
const perOperation = new Map<string, OperationTally>(
  operations.map((o) => [o.name, { answers: 0, graphqlErrors: 0, non2xx: 0, errorCodes: {} }]),
);
const requests: autocannon.Request[] = operations.map((operation) => ({
  method: "POST",
  path: "/graphql",
  headers: { "content-type": "application/json" },
  // Every saved operation runs with the defaults its variables declare.
  body: JSON.stringify({ query: operation.document }),
  onResponse: (status: number, body: string) => {
    const tally = perOperation.get(operation.name);
    if (tally === undefined) return;
    tally.answers += 1;
    if (status < 200 || status >= 300) tally.non2xx += 1;
    else if (body.includes('"errors":')) {
      tally.graphqlErrors += 1;
      for (const match of body.matchAll(/"code":"([A-Z_]+)"/g)) {
        const code = match[1] ?? "";
        tally.errorCodes[code] = (tally.errorCodes[code] ?? 0) + 1;
      }
    }
  },
}));

const rssBefore = await sampleRss();
if (rssBefore === undefined) {
  console.error(`No API answers at ${baseUrl}/health (start one with npm start, or pass --url).`);
  process.exit(1);
}
if (!args.cold) {
  // A just-started Neo4j plans and compiles each statement on first use; that is not the steady state.
  const started = performance.now();
  for (const operation of operations) {
    await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: operation.document }),
    });
  }
  console.error(`Warm-up: each operation once in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
const samples: number[] = [rssBefore];
const sampler = setInterval(() => {
  void sampleRss().then((rss) => {
    if (rss !== undefined) samples.push(rss);
  });
}, 1_000);

console.error(
  `Load: ${operations.length} saved operations, ${connections} connections, ${duration} s against ${baseUrl} …`,
);
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  autocannon(
    { url: baseUrl, connections, duration, pipelining: 1, timeout: 30, requests },
    (error: unknown, finished: autocannon.Result) => {
      if (error !== null && error !== undefined)
        reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      else resolve(finished);
    },
  );
});
clearInterval(sampler);
const rssAfter = (await sampleRss()) ?? Number.NaN;

const graphqlErrors = [...perOperation.values()].reduce((sum, t) => sum + t.graphqlErrors, 0);
const failures = result.errors + result.non2xx + graphqlErrors;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const report = {
  url: baseUrl,
  durationSeconds: result.duration,
  connections,
  requests: result.requests.total,
  throughputPerSecond: Number((result.requests.total / result.duration).toFixed(1)),
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  graphqlErrors,
  memoryRss: { before: rssBefore, peak: Math.max(...samples, rssAfter), after: rssAfter },
  operations: Object.fromEntries(perOperation),
};

console.log(`
requests      ${report.requests} in ${report.durationSeconds} s (${report.throughputPerSecond}/s)
latency       p50 ${report.latencyMs.p50} ms, p90 ${report.latencyMs.p90} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms
errors        ${report.errors} connection errors (${report.timeouts} timeouts), ${report.non2xx} non-2xx, ${report.graphqlErrors} GraphQL errors
API memory    RSS ${mb(rssBefore)} before, ${mb(report.memoryRss.peak)} peak, ${mb(rssAfter)} after
${JSON.stringify(report)}`);
process.exit(failures === 0 ? 0 : 1);
