import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config/readConfig.js";
import { isDatasetLoaded } from "./graph/dataset.js";
import { applyGraphSchema } from "./graph/graphSchema.js";
import { createDatasetDefaults } from "./graphql/datasetDefaults.js";
import { readSavedOperations } from "./downloads/savedOperations.js";
import { createDownloadRoute } from "./http/downloadRoute.js";
import { createHttpServer } from "./http/httpServer.js";
import { createWebRoutes } from "./http/webRoutes.js";
import { hasLocalStore } from "./neo4j/localNeo4j.js";
import { openNeo4j, type OpenNeo4j } from "./neo4j/openNeo4j.js";
import { loadSeed } from "./seed/loadSeed.js";
import { importSeedIntoNewStore } from "./seed/importSeed.js";
import { readValidSeed } from "./seed/readSeed.js";
import { createServer } from "./server.js";

/** A running service: its address, and how to stop it (drain HTTP, close the driver, stop a local Neo4j). */
export interface RunningService {
  url: string;
  neo4j: OpenNeo4j;
  stop(): Promise<void>;
}

/**
 * Starts everything `npm start` runs: Neo4j (local when NEO4J_URI is unset; a new local store gets
 * the seed by bulk import first), constraints and indexes, the seed when the database is empty, then
 * GraphQL over HTTP.
 */
export async function startService(config: Config, log: (line: string) => void): Promise<RunningService> {
  if (config.neo4j.kind === "local" && config.seedWhenEmpty && !hasLocalStore(config.neo4j.home)) {
    // A new local store: the bulk importer builds it with the seed before the server first starts.
    log(`A new local store: importing the seed from ${config.seedDir} …`);
    const imported = await importSeedIntoNewStore(
      config.neo4j.home,
      await readValidSeed(config.seedDir),
      log,
    );
    log(
      `Seed imported in ${imported.seconds.toFixed(1)} s (${imported.nodes} nodes, ${imported.relationships} relationships, ${imported.report.areaGroups} area groups).`,
    );
  }
  const neo4j = await openNeo4j(config.neo4j, { timeoutMs: config.queryTimeoutMs, log });
  try {
    log(`Neo4j: ${neo4j.uri}${neo4j.local ? " (local server)" : ""}`);
    await applyGraphSchema(neo4j.db);
    if (config.seedWhenEmpty && !(await isDatasetLoaded(neo4j.db))) {
      log(`The database is empty: loading the seed from ${config.seedDir} …`);
      const seed = await readValidSeed(config.seedDir);
      const loaded = await loadSeed(neo4j.db, seed, { replace: false });
      log(
        `Seed loaded in ${loaded.seconds.toFixed(1)} s (${seed.areas.length} areas, ${loaded.report.areaGroups} area groups).`,
      );
    }
    const apollo = createServer({
      introspection: config.introspection,
      limits: {
        maxDepth: config.maxDepth,
        maxCost: config.maxCost,
        maxAliases: config.maxAliases,
        maxTokens: config.maxTokens,
        maxPageSize: config.maxPageSize,
      },
    });
    await apollo.start();
    const defaults = createDatasetDefaults(neo4j.db);
    const downloads = createDownloadRoute({
      apollo,
      db: neo4j.db,
      defaults,
      maxPageSize: config.maxPageSize,
      operations: readSavedOperations(),
    });
    const http: Server = createHttpServer({
      routes: [...createWebRoutes(), downloads],
      apollo,
      db: neo4j.db,
      defaults,
      maxPageSize: config.maxPageSize,
    });
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(config.port, config.host, () => {
        resolve();
      });
    });
    const address = http.address() as AddressInfo;
    const host = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}`,
      neo4j,
      stop: () => {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            http.close(() => {
              resolve();
            });
            http.closeIdleConnections();
          });
          await apollo.stop();
          await neo4j.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await neo4j.close();
    throw error;
  }
}
