import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import { connectDatabase } from "../../src/graph/database.js";
import { applyGraphSchema } from "../../src/graph/graphSchema.js";
import { listGraphContents } from "../../src/graph/graphStats.js";
import { hasLocalStore, importLocalStore } from "../../src/neo4j/localNeo4j.js";
import { importSeedIntoNewStore } from "../../src/seed/importSeed.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readValidSeed } from "../../src/seed/readSeed.js";
import type { Seed } from "../../src/seed/seedTypes.js";
import { ownNeo4j, type OwnNeo4j } from "../helpers/ownNeo4j.js";

const TEST_TIMEOUT_MS = 600_000;
let seed: Seed;
let own: OwnNeo4j;

beforeAll(async () => {
  seed = await readValidSeed(path.join(repoRoot, "seed"));
  own = ownNeo4j("seed-import");
});

afterAll(async () => {
  await own.dispose();
});

/** The graph's lines with what differs from load to load by design (its id and time) blanked out. */
function comparable(lines: string[]): string[] {
  return lines
    .map((line) =>
      line
        .replace(/loadId: INTEGER NOT NULL = \d+/, "loadId: INTEGER NOT NULL = <load id>")
        .replace(/loadedAt: STRING NOT NULL = "[^"]*"/, 'loadedAt: STRING NOT NULL = "<load time>"'),
    )
    .sort();
}

/** Lines of `a` not matched by a line of `b`, counting repeats. */
function missingFrom(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of a) {
    const left = counts.get(line) ?? 0;
    if (left === 0) missing.push(line);
    else counts.set(line, left - 1);
  }
  return missing;
}

async function readOwnGraph(): Promise<string[]> {
  const db = connectDatabase({ uri: own.uri, timeoutMs: TEST_TIMEOUT_MS });
  try {
    return comparable(await listGraphContents(db));
  } finally {
    await db.close();
  }
}

describe("the bulk import of a new local store", () => {
  it(
    "builds the same graph as the transactional load into an empty database, property by property",
    async () => {
      const imported = await importSeedIntoNewStore(own.home, seed, () => undefined);
      expect(hasLocalStore(own.home)).toBe(true);
      expect(existsSync(path.join(own.home, "import"))).toBe(false);
      await own.start();
      const schemaDb = connectDatabase({ uri: own.uri, timeoutMs: TEST_TIMEOUT_MS });
      // The unique constraints are created over the imported nodes, so they also check them.
      await applyGraphSchema(schemaDb).finally(() => schemaDb.close());
      const fromImport = await readOwnGraph();
      expect(fromImport).toHaveLength(imported.nodes + imported.relationships);

      // The same home with an empty store, loaded through transactions.
      await own.stop();
      rmSync(path.join(own.home, "data", "databases", "neo4j"), { recursive: true, force: true });
      rmSync(path.join(own.home, "data", "transactions", "neo4j"), { recursive: true, force: true });
      await own.start();
      const db = connectDatabase({ uri: own.uri, timeoutMs: TEST_TIMEOUT_MS });
      try {
        await applyGraphSchema(db);
        const loaded = await loadSeed(db, seed, { replace: false });
        expect(loaded.counts.get("areas")?.nodesCreated).toBe(seed.areas.length);
      } finally {
        await db.close();
      }
      const fromLoad = await readOwnGraph();

      expect(missingFrom(fromImport, fromLoad).slice(0, 10)).toEqual([]);
      expect(missingFrom(fromLoad, fromImport).slice(0, 10)).toEqual([]);
      expect(fromImport.length).toBe(fromLoad.length);
      // Every relationship and node type of the seed is there, typed: dates as DATE, counts as INTEGER.
      expect(fromImport.some((line) => /-\[:IN \{.*validFrom: DATE NOT NULL/.test(line))).toBe(true);
      expect(fromImport.some((line) => /-\[:LEADS \{.*line: INTEGER NOT NULL/.test(line))).toBe(true);
      expect(fromImport.some((line) => /^\(:KindCoverage \{.*validTo: LIST<DATE NOT NULL>/.test(line))).toBe(
        true,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it("refuses a home that already holds a store, and leaves that store as it was", async () => {
    await own.stop();
    const storeDir = path.join(own.home, "data", "databases", "neo4j");
    const filesBefore = readdirSync(storeDir).sort();
    await expect(importSeedIntoNewStore(own.home, seed, () => undefined)).rejects.toThrow(
      /already holds a store: a bulk import builds only a new one/,
    );
    expect(readdirSync(storeDir).sort()).toEqual(filesBefore);
  });

  it(
    "leaves no store behind when the import fails, and says why",
    async () => {
      const home = path.join(mkdtempSync(path.join(tmpdir(), "failed-import-")), "neo4j");
      try {
        const failing = importLocalStore({
          home,
          arrayDelimiter: ";",
          log: () => undefined,
          files: [
            { name: "areas.csv", kind: "nodes", text: 'code:ID(Area),:LABEL\n"E01000001","Area"\n' },
            // A relationship to an area the files do not hold.
            {
              name: "in.csv",
              kind: "relationships",
              text: ':START_ID(Area),:END_ID(Area),:TYPE\n"E01000001","E01999999","IN"\n',
            },
          ],
        });
        await expect(failing).rejects.toThrow(/bulk import into .* failed .*nothing was written/s);
        await expect(failing).rejects.toThrow(/E01999999/);
        expect(hasLocalStore(home)).toBe(false);
        expect(existsSync(path.join(home, "import"))).toBe(false);
      } finally {
        rmSync(path.dirname(home), { recursive: true, force: true });
      }
    },
    TEST_TIMEOUT_MS,
  );
});
