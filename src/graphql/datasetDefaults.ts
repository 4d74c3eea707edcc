import type { KindCoverage } from "../analysis/classifyOverlaps.js";
import type { Database } from "../graph/database.js";
import { readDatasetDefaults, type DatasetDefaultsRow } from "../graph/dataset.js";

const REFRESH_MS = 10_000;

/**
 * What requests fall back on when they give no date, read from the graph in one statement and kept
 * for a few seconds, since it only changes when a seed is loaded.
 */
export interface DatasetDefaults {
  /** The default `asOf` of every dated field: the latest date the data covers (today before a load). */
  asOf(): Promise<string>;
  /** For each geography kind, the intervals on which the data places areas in it. */
  kindCoverage(): Promise<ReadonlyMap<string, KindCoverage>>;
}

export function createDatasetDefaults(db: Database): DatasetDefaults {
  // The promise is kept, so that requests arriving together share one read.
  let cached: { row: Promise<DatasetDefaultsRow>; at: number } | undefined;
  const current = (): Promise<DatasetDefaultsRow> => {
    if (cached !== undefined && Date.now() - cached.at < REFRESH_MS) return cached.row;
    const row = readDatasetDefaults(db);
    const entry = { row, at: Date.now() };
    cached = entry;
    row.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return row;
  };
  return {
    asOf: async () => (await current()).latestDate ?? new Date().toISOString().slice(0, 10),
    kindCoverage: async () => (await current()).kindCoverage,
  };
}
