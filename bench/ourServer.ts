import type { Server } from "node:http";
import type { Database } from "../src/graph/database.js";
import { createDatasetDefaults } from "../src/graphql/datasetDefaults.js";
import { createHttpServer } from "../src/http/httpServer.js";
import { createServer } from "../src/server.js";

/** Our API as `npm start` serves it (default configuration), on a given database, not yet listening. */
export async function createOurServer(db: Database): Promise<{ server: Server; stop: () => Promise<void> }> {
  const apollo = createServer({ introspection: true });
  await apollo.start();
  const server = createHttpServer({ apollo, db, defaults: createDatasetDefaults(db), maxPageSize: 100 });
  return { server, stop: () => apollo.stop() };
}
