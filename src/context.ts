import type { Database } from "./graph/database.js";
import { createLoaders, type Loaders } from "./loaders/createLoaders.js";

/** What every resolver receives: the database view of this request and its loaders. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** The date that dated fields use when no `asOf` is given: the latest date the data covers. */
  defaultAsOf: () => Promise<string>;
  /** The largest `first` a list accepts (MAX_PAGE_SIZE). */
  maxPageSize: number;
}

/** A fresh context per request; loaders never share a cache across requests. */
export function createContext(db: Database, defaultAsOf: () => Promise<string>, maxPageSize = 100): Context {
  return { db, loaders: createLoaders(db), defaultAsOf, maxPageSize };
}
