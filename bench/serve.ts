/**
 * A benchmarked server in its own process, so that it never shares a core's event loop with the
 * load generator: `serve.ts ours|floor|neo4j-graphql`, the target in BENCH_TARGET. Prints
 * `{"port": n}` once listening on 127.0.0.1; SIGTERM stops it.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import neo4j from "neo4j-driver";
import { connectTarget, type BenchTarget } from "./benchTarget.js";
import type { ServerKind } from "./serverProcess.js";

// Each process imports only the server it runs, so that none carries another's modules in its
// memory (the benchmark reports each one's resident set).

/** Our API exactly as `npm start` runs it, on the benchmark's Neo4j (default configuration otherwise). */
async function startOurs(target: BenchTarget): Promise<{ port: number; stop: () => Promise<void> }> {
  const { readConfig } = await import("../src/config/readConfig.js");
  const { startService } = await import("../src/startService.js");
  const config = readConfig({
    NEO4J_URI: target.uri,
    NEO4J_USERNAME: target.username,
    NEO4J_PASSWORD: target.password,
    HOST: "127.0.0.1",
    PORT: "0",
    SEED_WHEN_EMPTY: "false",
    QUERY_TIMEOUT_MS: process.env["BENCH_QUERY_TIMEOUT_MS"],
  });
  const service = await startService(config, () => undefined);
  return { port: Number(new URL(service.url).port), stop: () => service.stop() };
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const target = JSON.parse(process.env["BENCH_TARGET"] ?? "{}") as BenchTarget;
  if (kind === "ours") {
    const ours = await startOurs(target);
    process.stdout.write(`${JSON.stringify({ port: ours.port })}\n`);
    process.once("SIGTERM", () => {
      void ours.stop().finally(() => process.exit(0));
    });
    return;
  }
  let server: Server;
  let stop: () => Promise<void>;
  if (kind === "floor") {
    const { createFloorServer } = await import("./floorServer.js");
    const db = connectTarget(target);
    server = createFloorServer(db.driver);
    stop = () => db.close();
  } else {
    // The library's own driver settings, as its documentation sets it up.
    const { createNeo4jGraphqlServer } = await import("./neo4jGraphqlServer.js");
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
    const theirs = await createNeo4jGraphqlServer(driver);
    server = theirs.server;
    stop = async () => {
      await theirs.stop();
      await driver.close();
    };
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.once("SIGTERM", () => {
    server.close();
    server.closeAllConnections();
    void stop().finally(() => process.exit(0));
  });
}

await main();
