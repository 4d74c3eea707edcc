import type { Database } from "./database.js";

/**
 * Constraints and indexes: a unique constraint on every code (which also indexes it), and an
 * index for every other lookup the API makes. Every statement is idempotent.
 */
export const GRAPH_SCHEMA_STATEMENTS: readonly string[] = [
  "CREATE CONSTRAINT area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE",
  "CREATE CONSTRAINT area_group_id IF NOT EXISTS FOR (n:AreaGroup) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT organisation_code IF NOT EXISTS FOR (n:Organisation) REQUIRE n.code IS UNIQUE",
  "CREATE CONSTRAINT footprint_code IF NOT EXISTS FOR (n:Footprint) REQUIRE n.code IS UNIQUE",
  "CREATE CONSTRAINT entity_code IF NOT EXISTS FOR (n:Entity) REQUIRE n.code IS UNIQUE",
  "CREATE CONSTRAINT geography_code IF NOT EXISTS FOR (n:Geography) REQUIRE n.code IS UNIQUE",
  "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT status_change_id IF NOT EXISTS FOR (n:StatusChange) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (n:Dataset) REQUIRE n.key IS UNIQUE",
  "CREATE INDEX entity_ods_code IF NOT EXISTS FOR (n:Entity) ON (n.odsCode)",
  "CREATE INDEX organisation_ods_code IF NOT EXISTS FOR (n:Organisation) ON (n.odsCode)",
  "CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
  "CREATE INDEX footprint_kind IF NOT EXISTS FOR (n:Footprint) ON (n.kind)",
  "CREATE INDEX geography_kind IF NOT EXISTS FOR (n:Geography) ON (n.kind)",
  "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Organisation|Footprint|Person) ON EACH [n.searchName]",
];

/** Applies every constraint and index, then waits until the indexes are online. */
export async function applyGraphSchema(db: Database): Promise<void> {
  for (const statement of GRAPH_SCHEMA_STATEMENTS) await db.write(statement);
  await db.write("CALL db.awaitIndexes(300)");
}

const COUNT_INDEXES =
  "SHOW INDEXES YIELD name, state RETURN count(*) AS total, sum(CASE WHEN state = 'ONLINE' THEN 1 ELSE 0 END) AS online";

/** How many of the project's indexes exist and are online. */
export async function countOnlineIndexes(db: Database): Promise<{ total: number; online: number }> {
  const result = await db.read<{ total: number; online: number }>(COUNT_INDEXES);
  const record = result.records[0];
  return { total: record?.get("total") ?? 0, online: record?.get("online") ?? 0 };
}
