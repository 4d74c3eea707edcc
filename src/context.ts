import type { KindCoverage } from "./analysis/classifyOverlaps.js";
import type { Database } from "./graph/database.js";
import type { DatasetDefaults } from "./graphql/datasetDefaults.js";
import { createLoaders, type Loaders } from "./loaders/createLoaders.js";

/** What every resolver receives: the database view of this request and its loaders. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** The date that dated fields use when no `asOf` is given: the latest date the data covers. */
  defaultAsOf: () => Promise<string>;
  /** For each geography kind, the intervals on which the data places areas in it. */
  kindCoverage: () => Promise<ReadonlyMap<string, KindCoverage>>;
  /** The largest `first` a list accepts (MAX_PAGE_SIZE). */
  maxPageSize: number;
}

/** A fresh context per request; loaders never share a cache across requests. */
export function createContext(db: Database, defaults: DatasetDefaults, maxPageSize = 100): Context {
  return {
    db,
    loaders: createLoaders(db),
    defaultAsOf: () => defaults.asOf(),
    kindCoverage: () => defaults.kindCoverage(),
    maxPageSize,
  };
}
