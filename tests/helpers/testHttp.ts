import type { AddressInfo } from "node:net";
import type { Database } from "../../src/graph/database.js";
import { createDatasetDefaults } from "../../src/graphql/datasetDefaults.js";
import { readSavedOperations } from "../../src/downloads/savedOperations.js";
import { createDownloadRoute } from "../../src/http/downloadRoute.js";
import { createHttpServer } from "../../src/http/httpServer.js";
import { createServer } from "../../src/server.js";

/** The API over HTTP on a free loopback port, against the tests' database. */
export async function startTestHttp(db: Database): Promise<{ url: string; stop: () => Promise<void> }> {
  const apollo = createServer({ introspection: true, logError: () => undefined });
  await apollo.start();
  const defaults = createDatasetDefaults(db);
  const downloads = createDownloadRoute({
    apollo,
    db,
    defaults,
    maxPageSize: 100,
    operations: readSavedOperations(),
  });
  const http = createHttpServer({ routes: [downloads], apollo, db, defaults, maxPageSize: 100 });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
      await apollo.stop();
    },
  };
}
