import type { TestProject } from "vitest/node";
import { readConfig } from "../../src/config/readConfig.js";
import { applyGraphSchema } from "../../src/graph/graphSchema.js";
import { openNeo4j, type OpenNeo4j } from "../../src/neo4j/openNeo4j.js";
import { formatProblem } from "../../src/seed/csvTable.js";
import { loadSeed } from "../../src/seed/loadSeed.js";
import { readSeed } from "../../src/seed/readSeed.js";

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
 * NEO4J_TEST_URI names) and loads the real seed into it, replacing whatever was there. Fails loudly
 * when Neo4j cannot be reached: integration tests are never skipped.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = readConfig(process.env, { forTests: true });
  const started = performance.now();
  neo4j = await openNeo4j(config.neo4j, {
    timeoutMs: 60_000,
    log: (line) => {
      console.error(`[neo4j] ${line}`);
    },
  });
  console.error(
    `[neo4j] integration tests run against ${neo4j.uri}${neo4j.local ? " (local test server)" : ""}`,
  );
  await applyGraphSchema(neo4j.db);
  const seed = await readSeed(config.seedDir);
  if (!seed.ok) throw new Error(`The seed is invalid:\n${seed.problems.map(formatProblem).join("\n")}`);
  const loaded = await loadSeed(neo4j.db, seed.seed, { replace: true });
  console.error(
    `[neo4j] real seed loaded in ${loaded.seconds.toFixed(1)} s; ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
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
