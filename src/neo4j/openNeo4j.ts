import type { Neo4jTarget } from "../config/readConfig.js";
import { connectDatabase, type Database } from "../graph/database.js";
import { startLocalNeo4j } from "./localNeo4j.js";

/** A connected database, and how to let it go (closing the driver, stopping a local server). */
export interface OpenNeo4j {
  db: Database;
  uri: string;
  local: boolean;
  close(): Promise<void>;
}

/**
 * Connects to the configured Neo4j: an external server as given, or the project's own local
 * server, started first (and stopped again by close()).
 */
export async function openNeo4j(
  target: Neo4jTarget,
  options: { timeoutMs: number; log?: (line: string) => void },
): Promise<OpenNeo4j> {
  if (target.kind === "external") {
    const db = connectDatabase({ ...target, timeoutMs: options.timeoutMs });
    return { db, uri: target.uri, local: false, close: () => db.close() };
  }
  const server = await startLocalNeo4j({
    home: target.home,
    boltPort: target.boltPort,
    httpPort: target.httpPort,
    heap: target.heap,
    pageCache: target.pageCache,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const db = connectDatabase({ uri: server.uri, timeoutMs: options.timeoutMs });
  return {
    db,
    uri: server.uri,
    local: true,
    close: async () => {
      await db.close();
      await server.stop();
    },
  };
}
