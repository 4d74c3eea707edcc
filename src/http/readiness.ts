import type { Database } from "../graph/database.js";
import { isDatasetLoaded } from "../graph/dataset.js";
import { countOnlineIndexes, GRAPH_SCHEMA_STATEMENTS } from "../graph/graphSchema.js";

/** The answer of GET /ready: each check, and whether all of them pass. */
export interface Readiness {
  ready: boolean;
  checks: { database: boolean; schema: boolean; data: boolean };
  message: string;
}

/** Checks that Neo4j answers, that the constraints and indexes are online, and that a seed is loaded. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  const checks = { database: false, schema: false, data: false };
  try {
    checks.database = await db.isReachable();
    if (checks.database) {
      const indexes = await countOnlineIndexes(db);
      checks.schema = indexes.online >= GRAPH_SCHEMA_STATEMENTS.length && indexes.online === indexes.total;
      checks.data = await isDatasetLoaded(db);
    }
  } catch {
    // A failure part-way leaves the remaining checks false, which is the answer.
  }
  const ready = checks.database && checks.schema && checks.data;
  const message = ready
    ? "ready"
    : !checks.database
      ? "Neo4j is unreachable"
      : !checks.schema
        ? "constraints and indexes are not all online"
        : "no seed has been loaded";
  return { ready, checks, message };
}
