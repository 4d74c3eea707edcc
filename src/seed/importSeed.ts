import { newLoadId } from "../graph/seedStore.js";
import { importLocalStore } from "../neo4j/localNeo4j.js";
import { ARRAY_DELIMITER, buildImportFiles } from "./importFiles.js";
import { deriveSeed } from "./loadSeed.js";
import { buildSeedReport, type SeedReport } from "./seedReport.js";
import type { Seed } from "./seedTypes.js";

/** What a bulk import of a seed did and cost. */
export interface ImportResult {
  report: SeedReport;
  nodes: number;
  relationships: number;
  /** From the validated seed to the store in place (a first run's fetch of the jars excluded). */
  seconds: number;
  /** Of `seconds`: deriving the area groups and the shared ground. */
  deriveSeconds: number;
  /** Of `seconds`: writing the files, the import tool, and moving the store into place. */
  importSeconds: number;
}

/**
 * Builds a new store for the local Neo4j in `home` holding `seed`, with the bulk importer, before
 * the server first starts there. The graph is the one loadSeed writes into an empty database; the
 * constraints and indexes are left to applyGraphSchema once the server runs.
 */
export async function importSeedIntoNewStore(
  home: string,
  seed: Seed,
  log: (line: string) => void,
): Promise<ImportResult> {
  const started = performance.now();
  const derived = deriveSeed(seed);
  const deriveSeconds = (performance.now() - started) / 1000;
  const files = buildImportFiles(seed, derived, { loadId: newLoadId(), loadedAt: new Date().toISOString() });
  const filesSeconds = (performance.now() - started) / 1000 - deriveSeconds;
  const imported = await importLocalStore({ home, files, arrayDelimiter: ARRAY_DELIMITER, log });
  const count = (kind: string) => files.filter((f) => f.kind === kind).reduce((sum, f) => sum + f.rows, 0);
  return {
    report: buildSeedReport(seed, derived),
    nodes: count("nodes"),
    relationships: count("relationships"),
    seconds: deriveSeconds + filesSeconds + imported.seconds,
    deriveSeconds,
    importSeconds: imported.seconds,
  };
}
