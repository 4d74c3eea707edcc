import { inject } from "vitest";
import { connectDatabase, type Database } from "../../src/graph/database.js";

/** A Database on the tests' Neo4j, which the global setup started and seeded. */
export function connectTestDatabase(timeoutMs = 30_000): Database {
  const database = inject("neo4jDatabase");
  return connectDatabase({
    uri: inject("neo4jUri"),
    username: inject("neo4jUsername"),
    password: inject("neo4jPassword"),
    database: database === "" ? undefined : database,
    timeoutMs,
  });
}
