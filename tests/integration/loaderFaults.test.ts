import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import { connectDatabase, type Database } from "../../src/graph/database.js";
import { readDataset } from "../../src/graph/dataset.js";
import { applyGraphSchema } from "../../src/graph/graphSchema.js";
import { countGraph, type GraphStats } from "../../src/graph/graphStats.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readSeed } from "../../src/seed/readSeed.js";
import type { Seed } from "../../src/seed/seedTypes.js";
import { ownNeo4j, type OwnNeo4j } from "../helpers/ownNeo4j.js";

const TINY_SEED = path.join(repoRoot, "tests", "fixtures", "tinySeed");
const REAL_SEED = path.join(repoRoot, "seed");
// Printed once the step before it has finished: the area memberships, the largest step, are being written.
const MIDWAY = /^ {2}memberships: \d+\/\d+$/m;

let neo4j: OwnNeo4j;
let db: Database;
let realSeed: Seed;
/** The graph with the tiny seed loaded: what every interrupted load must leave. */
let before: GraphStats;

async function readValidSeed(dir: string): Promise<Seed> {
  const result = await readSeed(dir);
  if (!result.ok) throw new Error(`The seed in ${dir} is invalid`);
  return result.seed;
}

beforeAll(async () => {
  neo4j = ownNeo4j("loader-faults-test", (line) => {
    process.stderr.write(`[loader-faults neo4j] ${line}\n`);
  });
  await neo4j.start();
  db = connectDatabase({ uri: neo4j.uri, timeoutMs: 600_000 });
  await applyGraphSchema(db);
  await loadSeed(db, await readValidSeed(TINY_SEED), { replace: true });
  before = await countGraph(db);
  realSeed = await readValidSeed(REAL_SEED);
}, 600_000);

afterAll(async () => {
  await db.close();
  await neo4j.dispose();
});

/** Runs `npm run seed -- seed --replace` against our own Neo4j and SIGKILLs it midway. */
function killSeedCliMidway(): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/seed/cli.ts", REAL_SEED, "--replace"], {
      cwd: repoRoot,
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: "neo4j", NEO4J_PASSWORD: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (MIDWAY.test(stderr) && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      resolve({ signal, stderr });
    });
  });
}

describe("a load interrupted midway", () => {
  it("leaves the graph as it was when the loading process is SIGKILLed", async () => {
    const killed = await killSeedCliMidway();
    expect(killed.stderr).toMatch(MIDWAY);
    expect(killed.signal).toBe("SIGKILL");
    expect(await countGraph(db)).toEqual(before);
    expect((await readDataset(db)).areaCount).toBe(4);
  }, 600_000);

  it("leaves the graph as it was when Neo4j stops, and a load after the restart completes", async () => {
    let stopping: Promise<void> | undefined;
    const load = loadSeed(db, realSeed, {
      replace: true,
      onProgress: (step) => {
        if (step === "area memberships") stopping ??= neo4j.stop();
      },
    });
    await expect(load).rejects.toThrow();
    expect(stopping).toBeDefined();
    await stopping;
    await neo4j.start();
    expect(await countGraph(db)).toEqual(before);
    expect((await readDataset(db)).areaCount).toBe(4);

    // The same load, uninterrupted, gives a different graph: the checks above could tell them apart.
    await loadSeed(db, realSeed, { replace: true });
    const loaded = await countGraph(db);
    expect(loaded).not.toEqual(before);
    expect(loaded.nodes["Area"]).toBe(32_844);
    expect((await readDataset(db)).areaCount).toBe(32_844);
  }, 900_000);
});
