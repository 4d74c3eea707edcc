import { ConfigError, readConfig } from "./config/readConfig.js";
import { startService } from "./startService.js";

const log = (line: string): void => {
  console.error(line);
};

try {
  const config = readConfig();
  const service = await startService(config, log);
  log(
    `GraphQL API ready at ${service.url}/graphql (health: ${service.url}/health, readiness: ${service.url}/ready)`,
  );
  let firstSignalAt: number | undefined;
  const shutdown = (signal: string): void => {
    // Ctrl-C reaches npm, tsx and this process at once: only a signal sent later forces an exit.
    if (firstSignalAt !== undefined) {
      if (Date.now() - firstSignalAt < 2_000) return;
      log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    firstSignalAt = Date.now();
    log(
      `${signal}: draining requests, closing the driver${service.neo4j.local ? " and stopping the local Neo4j" : ""} …`,
    );
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => {
    shutdown("SIGINT");
  });
  process.on("SIGTERM", () => {
    shutdown("SIGTERM");
  });
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
}
