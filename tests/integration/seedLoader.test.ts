import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import type { Database } from "../../src/graph/database.js";
import { readDataset } from "../../src/graph/dataset.js";
import { countGraph } from "../../src/graph/graphStats.js";
import { writeInOneTransaction } from "../../src/graph/seedStore.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readSeed } from "../../src/seed/readSeed.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";

const run = promisify(execFile);
const SEED = path.join(repoRoot, "seed");
let db: Database;

beforeAll(() => {
  db = connectTestDatabase(600_000);
});

afterAll(async () => {
  await db.close();
});

/** Runs `npm run seed` against the tests' database; resolves with its exit code and output. */
async function seedCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    NEO4J_URI: inject("neo4jUri"),
    NEO4J_USERNAME: inject("neo4jUsername"),
    NEO4J_PASSWORD: inject("neo4jPassword"),
    NEO4J_DATABASE: inject("neo4jDatabase"),
  };
  try {
    const { stdout, stderr } = await run("node", ["--import", "tsx", "src/seed/cli.ts", ...args], {
      cwd: repoRoot,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function brokenCopyOfSeed(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broken-seed-"));
  await cp(SEED, dir, { recursive: true });
  const organisations = path.join(dir, "organisations.csv");
  const lines = (await readFile(organisations, "utf8")).split("\n");
  // Line 3 gets a malformed code; the last line duplicates the first organisation's code.
  lines[2] = lines[2]?.replace(/^[^,]+/, "E38X") ?? "";
  const firstCode = lines[1]?.split(",")[0] ?? "";
  lines.splice(lines.length - 1, 0, lines[lines.length - 2]?.replace(/^[^,]+/, firstCode) ?? "");
  await writeFile(organisations, lines.join("\n"));
  const memberships = path.join(dir, "memberships.csv");
  const text = await readFile(memberships, "utf8");
  await writeFile(memberships, text.replace(/\n[^,\n]+,/, "\nE38999999,"));
  return dir;
}

describe("the seed loader", () => {
  it("refuses a broken seed whole, listing every problem, and writes nothing", async () => {
    const before = await countGraph(db);
    const loadedAt = (await readDataset(db)).loadedAt;
    const dir = await brokenCopyOfSeed();
    const result = await seedCli([dir, "--replace"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^organisations\.csv:3: code: "E38X" is not a valid/m);
    expect(result.stderr).toMatch(/^organisations\.csv:\d+: code: "E\d{8}" duplicates line 2$/m);
    expect(result.stderr).toMatch(
      /^memberships\.csv:2: member_code: "E38999999" is not in organisations\.csv or footprints\.csv$/m,
    );
    expect(result.stderr).toMatch(/Nothing was written/);
    expect(await countGraph(db)).toEqual(before);
    expect((await readDataset(db)).loadedAt).toBe(loadedAt);
  });

  it("validates and reports without writing on --dry-run", async () => {
    const before = await countGraph(db);
    const result = await seedCli(["--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: the seed is valid\. Nothing was written\./);
    expect(result.stdout).toMatch(/ccg-without-ldr/);
    expect(await countGraph(db)).toEqual(before);
  });

  it("leaves the same graph when the same seed is loaded again", async () => {
    const before = await countGraph(db);
    const seed = await readSeed(SEED);
    if (!seed.ok) throw new Error("the committed seed must be valid");
    const loaded = await loadSeed(db, seed.seed, { replace: false });
    expect(await countGraph(db)).toEqual(before);
    for (const step of [
      "areas",
      "organisations",
      "footprints",
      "memberships",
      "area memberships",
      "people",
      "leaderships",
    ]) {
      expect(loaded.counts.get(step)?.nodesCreated, step).toBe(0);
      expect(loaded.counts.get(step)?.relationshipsCreated, step).toBe(0);
    }
  });

  // The load sends its batches without waiting for answers; these check that the order of steps
  // still holds and that a failing batch still undoes everything before it.
  const CREATE_PROBES = "UNWIND $rows AS row CREATE (:LoadProbe {n: row.n, loadId: $loadId})";
  const LINK_PROBES = `
UNWIND $rows AS row
MATCH (p:LoadProbe {n: row.n})
CREATE (p)-[:PROBED {by: 10 / toInteger(row.d)}]->(p)`;
  const probeRows = (from: number, to: number, d = 1) =>
    Array.from({ length: to - from }, (_, i) => ({ n: from + i, d }));

  it("runs each step on what the steps before it wrote, batch after batch", async () => {
    const progress: string[] = [];
    try {
      const counts = await writeInOneTransaction(
        db,
        [
          { name: "probes", statement: CREATE_PROBES, rows: probeRows(0, 25), batchSize: 10 },
          { name: "links", statement: LINK_PROBES, rows: probeRows(0, 25), batchSize: 4 },
        ],
        { loadId: "probe" },
        (step, done, total) => progress.push(`${step} ${done}/${total}`),
        60_000,
      );
      expect(counts.get("probes")).toMatchObject({ rows: 25, nodesCreated: 25 });
      expect(counts.get("links")).toMatchObject({ rows: 25, relationshipsCreated: 25 });
      expect(progress).toEqual([
        "probes 10/25",
        "probes 20/25",
        "probes 25/25",
        ...[4, 8, 12, 16, 20, 24, 25].map((done) => `links ${done}/25`),
      ]);
    } finally {
      await db.write("MATCH (p:LoadProbe) DETACH DELETE p");
    }
  });

  it("writes nothing when a batch fails after others were sent", async () => {
    const before = await countGraph(db);
    const failing = writeInOneTransaction(
      db,
      [
        { name: "probes", statement: CREATE_PROBES, rows: probeRows(0, 30), batchSize: 5 },
        // The third batch divides by zero; batches are still queued behind it.
        {
          name: "links",
          statement: LINK_PROBES,
          rows: [...probeRows(0, 10), ...probeRows(10, 11, 0), ...probeRows(11, 30)],
          batchSize: 5,
        },
      ],
      { loadId: "probe" },
      () => undefined,
      60_000,
    );
    await expect(failing).rejects.toThrow(/by zero/i);
    const probes = await db.read<{ n: number }>("MATCH (p:LoadProbe) RETURN count(p) AS n");
    expect(probes.records[0]?.get("n")).toBe(0);
    expect(await countGraph(db)).toEqual(before);
  });
});
