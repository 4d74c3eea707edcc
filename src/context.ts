import type { KindCoverage } from "./analysis/classifyOverlaps.js";
import type { Database } from "./graph/database.js";
import type { FootprintReadAlong } from "./graph/entityList.js";
import type { EntityModel, LeadershipModel } from "./graph/models.js";
import type { DatasetDefaults } from "./graphql/datasetDefaults.js";
import { createLoaders, type Loaders } from "./loaders/createLoaders.js";

/** What every resolver receives: the database view of this request and its loaders. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /**
   * What a lookup or a list read along with each footprint it returned, for the arguments its
   * `members`, `regions` and `leaders` were selected with there: those fields answer from it
   * without a load.
   */
  listedReads: WeakMap<EntityModel, ListedFootprintReads>;
  /** The date that dated fields use when no `asOf` is given: the latest date the data covers. */
  defaultAsOf: () => Promise<string>;
  /** For each geography kind, the intervals on which the data places areas in it. */
  kindCoverage: () => Promise<ReadonlyMap<string, KindCoverage>>;
  /** The largest `first` a list accepts (MAX_PAGE_SIZE). */
  maxPageSize: number;
}

/** A footprint's reads along with its lookup or list, with the field arguments each answers (null: not read). */
export interface ListedFootprintReads extends FootprintReadAlong {
  leaders?: LeadershipModel[];
  membersArguments: Readonly<Record<string, unknown>> | null;
  regionsArguments: Readonly<Record<string, unknown>> | null;
  leadersArguments: Readonly<Record<string, unknown>> | null;
}

/** A fresh context per request; loaders never share a cache across requests. */
export function createContext(db: Database, defaults: DatasetDefaults, maxPageSize = 100): Context {
  return {
    db,
    loaders: createLoaders(db),
    listedReads: new WeakMap(),
    defaultAsOf: () => defaults.asOf(),
    kindCoverage: () => defaults.kindCoverage(),
    maxPageSize,
  };
}
