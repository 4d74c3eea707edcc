import type { Database } from "./database.js";

// A read that runs for minutes unless its transaction timeout stops it.
const COUNT_TO_A_BILLION = "UNWIND range(1, 1000000000) AS x RETURN count(x) AS total";

/** Counts to a billion in a read transaction: only the transaction timeout ends it early. */
export async function countToABillion(db: Database): Promise<number> {
  const result = await db.read<{ total: number }>(COUNT_TO_A_BILLION);
  return result.records[0]?.get("total") ?? 0;
}

const CREATE_READ_MODE_PROBE = "CREATE (p:ReadModeProbe) RETURN count(p) AS created";

/** Sends a CREATE through Database.read, which runs in read mode: Neo4j must refuse it. */
export async function createNodeThroughRead(db: Database): Promise<number> {
  const result = await db.read<{ created: number }>(CREATE_READ_MODE_PROBE);
  return result.records[0]?.get("created") ?? 0;
}
