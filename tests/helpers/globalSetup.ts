import type { TestProject } from "vitest/node";
import { readConfig } from "../../src/config/readConfig.js";
import { applyGraphSchema } from "../../src/graph/graphSchema.js";
import { openNeo4j, type OpenNeo4j } from "../../src/neo4j/openNeo4j.js";
import { hasLocalStore } from "../../src/neo4j/localNeo4j.js";
import { importSeedIntoNewStore } from "../../src/seed/importSeed.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readValidSeed } from "../../src/seed/readSeed.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUsername: string;
    neo4jPassword: string;
    neo4jDatabase: string;
  }
}

let neo4j: OpenNeo4j | undefined;

/**
 * Starts the tests' own Neo4j (a local server with its own data folder and ports, or the one
 * NEO4J_TEST_URI names) and loads the real seed into it, replacing whatever was there (a new local
 * store gets it from the bulk importer before the server starts). Fails loudly
 * when Neo4j cannot be reached: integration tests are never skipped.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = readConfig(process.env, { forTests: true });
  const started = performance.now();
  const seed = await readValidSeed(config.seedDir);
  const log = (line: string): void => {
    console.error(`[neo4j] ${line}`);
  };
  // A new local store is built by the bulk importer; any other is loaded through transactions.
  const imported =
    config.neo4j.kind === "local" && !hasLocalStore(config.neo4j.home)
      ? await importSeedIntoNewStore(config.neo4j.home, seed, log)
      : null;
  neo4j = await openNeo4j(config.neo4j, { timeoutMs: 60_000, log });
  console.error(
    `[neo4j] integration tests run against ${neo4j.uri}${neo4j.local ? " (local test server)" : ""}`,
  );
  await applyGraphSchema(neo4j.db);
  const how =
    imported === null
      ? `loaded in ${(await loadSeed(neo4j.db, seed, { replace: true })).seconds.toFixed(1)} s`
      : `imported in ${imported.seconds.toFixed(1)} s`;
  console.error(
    `[neo4j] real seed ${how}; ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const target = config.neo4j;
  project.provide("neo4jUri", neo4j.uri);
  project.provide("neo4jUsername", target.kind === "external" ? target.username : "neo4j");
  project.provide("neo4jPassword", target.kind === "external" ? target.password : "");
  project.provide("neo4jDatabase", target.kind === "external" ? (target.database ?? "") : "");
  return async () => {
    await neo4j?.close();
  };
}
