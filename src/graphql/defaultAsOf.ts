import type { Database } from "../graph/database.js";
import { readDataset } from "../graph/dataset.js";

const REFRESH_MS = 10_000;

/**
 * The default `asOf` of every dated field: the latest date the data covers, read from the graph
 * and kept for a few seconds, since it only changes when a seed is loaded.
 */
export function createDefaultAsOf(db: Database): () => Promise<string> {
  let cached: { value: string; at: number } | undefined;
  return async () => {
    if (cached !== undefined && Date.now() - cached.at < REFRESH_MS) return cached.value;
    const dataset = await readDataset(db);
    const value = dataset.latestDate ?? new Date().toISOString().slice(0, 10);
    cached = { value, at: Date.now() };
    return value;
  };
}
