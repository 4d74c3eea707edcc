import type { KindCoverage } from "./analysis/classifyOverlaps.js";
import type { Database } from "./graph/database.js";
import type { FootprintReadAlong } from "./graph/entityList.js";
import type { EntityModel } from "./graph/models.js";
import type { DatasetDefaults } from "./graphql/datasetDefaults.js";
import { createLoaders, type Loaders } from "./loaders/createLoaders.js";

/** What every resolver receives: the database view of this request and its loaders. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /**
   * What each lookup and list of this request read along with the footprints it returned, for
   * the arguments their `members`, `regions` and `leaders` were selected with there: those fields
   * answer from it without a load.
   */
  readsAlong: ReadsAlong[];
  /** The date that dated fields use when no `asOf` is given: the latest date the data covers. */
  defaultAsOf: () => Promise<string>;
  /** For each geography kind, the intervals on which the data places areas in it. */
  kindCoverage: () => Promise<ReadonlyMap<string, KindCoverage>>;
  /** The largest `first` a list accepts (MAX_PAGE_SIZE). */
  maxPageSize: number;
}

/** What one lookup or list read along with its footprints, with the field arguments each read answers (null: not read). */
export interface ReadsAlong {
  byFootprint: ReadonlyMap<EntityModel, FootprintReadAlong>;
  membersArguments: Readonly<Record<string, unknown>> | null;
  regionsArguments: Readonly<Record<string, unknown>> | null;
  leadersArguments: Readonly<Record<string, unknown>> | null;
}

/** A fresh context per request; loaders never share a cache across requests. */
export function createContext(db: Database, defaults: DatasetDefaults, maxPageSize = 100): Context {
  return {
    db,
    loaders: createLoaders(db),
    readsAlong: [],
    // Methods, not arrow functions: a per-request closure costs a name wrapper under tsx.
    defaultAsOf() {
      return defaults.asOf();
    },
    kindCoverage() {
      return defaults.kindCoverage();
    },
    maxPageSize,
  };
}
