import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import { connectDatabase, type Database } from "../../src/graph/database.js";
import { applyGraphSchema } from "../../src/graph/graphSchema.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readSeed } from "../../src/seed/readSeed.js";
import { ownNeo4j, waitUntil, type OwnNeo4j } from "../helpers/ownNeo4j.js";
import { startTestHttp } from "../helpers/testHttp.js";

const TINY_SEED = path.join(repoRoot, "tests", "fixtures", "tinySeed");
const QUERY = `{ dataset { areaCount } geography(code: "E54000001") { name areaCount } }`;
const ANSWER = { data: { dataset: { areaCount: 4 }, geography: { name: "Alpha and Beta", areaCount: 4 } } };

let neo4j: OwnNeo4j;
let db: Database;
let http: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  neo4j = ownNeo4j("outage-test", (line) => {
    process.stderr.write(`[outage neo4j] ${line}\n`);
  });
  await neo4j.start();
  // The service's own settings: QUERY_TIMEOUT_MS defaults to 10 s.
  db = connectDatabase({ uri: neo4j.uri, timeoutMs: 10_000 });
  await applyGraphSchema(db);
  const seed = await readSeed(TINY_SEED);
  if (!seed.ok) throw new Error("The tiny seed is invalid");
  await loadSeed(db, seed.seed, { replace: true });
  http = await startTestHttp(db);
});

afterAll(async () => {
  await http.stop();
  await db.close();
  await neo4j.dispose();
});

async function ready(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${http.url}/ready`);
  return { status: response.status, body: await response.json() };
}

async function query(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${http.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: await response.json() };
}

describe("a Neo4j outage", () => {
  it("shows on /ready and as DATABASE_UNAVAILABLE, and the API recovers by itself when Neo4j is back", async () => {
    expect(await ready()).toEqual({
      status: 200,
      body: { ready: true, checks: { database: true, schema: true, data: true }, message: "ready" },
    });
    expect(await query()).toEqual({ status: 200, body: ANSWER });

    await neo4j.stop();
    expect(await ready()).toEqual({
      status: 503,
      body: {
        ready: false,
        checks: { database: false, schema: false, data: false },
        message: "Neo4j is unreachable",
      },
    });
    const started = performance.now();
    const down = await query();
    process.stderr.write(`A query failed ${Math.round(performance.now() - started)} ms into the outage.\n`);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ data: null });
    const errors = (down.body as { errors: { extensions: { code: string } }[] }).errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.extensions.code))).toEqual(new Set(["DATABASE_UNAVAILABLE"]));
    // The process serves other routes meanwhile.
    expect((await fetch(`${http.url}/health`)).status).toBe(200);

    await neo4j.start();
    await waitUntil(async () => (await ready()).status === 200);
    expect(await query()).toEqual({ status: 200, body: ANSWER });
  }, 300_000);
});
