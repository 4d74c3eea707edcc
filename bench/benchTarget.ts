import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import neo4j from "neo4j-driver";
import { repoRoot } from "../src/config/readConfig.js";
import { connectDatabase, type Database } from "../src/graph/database.js";
import { localNeo4jStatus, startLocalNeo4j, type LocalNeo4j } from "../src/neo4j/localNeo4j.js";

/** The Neo4j the benchmark uses, as the child processes receive it (in BENCH_TARGET, never on a command line). */
export interface BenchTarget {
  uri: string;
  username: string;
  password: string;
}

/** The benchmark's own local server: its own data folder and ports, never .neo4j/main or .neo4j/test. */
export const BENCH_HOME = path.join(repoRoot, ".neo4j", "bench");
export const BENCH_BOLT_PORT = 7692;
export const BENCH_HTTP_PORT = 7479;
/** The same memory as `npm start`'s local server, and as the marks in the performance notes. */
export const BENCH_HEAP = "1g";
export const BENCH_PAGE_CACHE = "512m";

const STORE_DIR = path.join(BENCH_HOME, "data", "databases", "neo4j");
const TRANSACTIONS_DIR = path.join(BENCH_HOME, "data", "transactions", "neo4j");

/** A Database on the target, configured as the API configures its own. */
export function connectTarget(target: BenchTarget, timeoutMs = 10_000): Database {
  return connectDatabase({ ...target, timeoutMs });
}

/** The bytes of every file under a directory (0 when it does not exist). */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    total += stat.isDirectory() ? directoryBytes(full) : stat.size;
  }
  return total;
}

/** Bytes on disk of the benchmark's database, read while the server is stopped (after its checkpoint). */
export interface StoreBytes {
  store: number;
  transactionLogs: number;
}

/** The benchmark's Neo4j and what the benchmark may do to it. */
export interface BenchNeo4j {
  target: BenchTarget;
  local: boolean;
  /** Neo4j's version, as the server reports it. */
  version: string;
  /**
   * Empties the graph (constraints and indexes are for the caller to apply). `fresh` on the local
   * server restarts it on a new, empty store, so that store sizes measure one load only, and
   * reports the bytes of the store it leaves (Community Edition checkpoints only on a stop);
   * otherwise everything is deleted in batches of transactions.
   */
  reset(
    fresh: boolean,
  ): Promise<{ seconds: number; how: "fresh store" | "deleted"; storeBefore: StoreBytes | null }>;
  /** Stops a local server and reports its store's bytes (null when not ours). Idempotent. */
  stop(): Promise<StoreBytes | null>;
  /**
   * The local server only (null otherwise): stops it, removes its store, has `build` make a new one
   * while no server runs (the bulk import), and starts it again on that store.
   */
  rebuildStore: (<T>(build: () => Promise<T>) => Promise<{ built: T; serverStartSeconds: number }>) | null;
}

async function deleteEverything(target: BenchTarget): Promise<void> {
  const db = connectTarget(target, 600_000);
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, which Database does not run.
  const session = db.driver.session();
  try {
    await session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS");
    await session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS");
  } finally {
    await session.close();
    await db.close();
  }
}

async function readVersion(target: BenchTarget): Promise<string> {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
  try {
    return (await driver.getServerInfo()).agent ?? "unknown";
  } finally {
    await driver.close();
  }
}

/**
 * The server named by NEO4J_BENCH_URI (with NEO4J_BENCH_USERNAME and NEO4J_BENCH_PASSWORD; its
 * default database, whose whole graph the benchmark replaces), else the benchmark's own local
 * server on a fresh store in .neo4j/bench (Bolt 7692, HTTP 7479), started here.
 */
export async function openBenchNeo4j(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<BenchNeo4j> {
  const uri = env["NEO4J_BENCH_URI"];
  if (uri !== undefined && uri !== "") {
    const target = {
      uri,
      username: env["NEO4J_BENCH_USERNAME"] ?? "neo4j",
      password: env["NEO4J_BENCH_PASSWORD"] ?? "",
    };
    return {
      target,
      local: false,
      version: await readVersion(target),
      reset: async () => {
        const started = performance.now();
        await deleteEverything(target);
        return { seconds: (performance.now() - started) / 1000, how: "deleted", storeBefore: null };
      },
      stop: () => Promise.resolve(null),
      rebuildStore: null,
    };
  }
  if (localNeo4jStatus(BENCH_HOME).running) {
    throw new Error(`A Neo4j already runs in ${BENCH_HOME}: is another benchmark running?`);
  }
  const startOn = async (freshStore: boolean): Promise<LocalNeo4j> => {
    if (freshStore) {
      // A fresh store for the default database; the system database and the configuration stay.
      rmSync(STORE_DIR, { recursive: true, force: true });
      rmSync(TRANSACTIONS_DIR, { recursive: true, force: true });
    }
    return startLocalNeo4j({
      home: BENCH_HOME,
      boltPort: BENCH_BOLT_PORT,
      httpPort: BENCH_HTTP_PORT,
      heap: BENCH_HEAP,
      pageCache: BENCH_PAGE_CACHE,
      log,
    });
  };
  const start = (): Promise<LocalNeo4j> => startOn(true);
  let server = await start();
  let stopped: StoreBytes | null = null;
  const stop = async (): Promise<StoreBytes> => {
    if (stopped !== null) return stopped;
    await server.stop();
    stopped = { store: directoryBytes(STORE_DIR), transactionLogs: directoryBytes(TRANSACTIONS_DIR) };
    return stopped;
  };
  const target = { uri: server.uri, username: "neo4j", password: "" };
  return {
    target,
    local: true,
    version: await readVersion(target),
    reset: async (fresh) => {
      const started = performance.now();
      if (!fresh) {
        await deleteEverything(target);
        return { seconds: (performance.now() - started) / 1000, how: "deleted", storeBefore: null };
      }
      const storeBefore = await stop();
      server = await start();
      stopped = null;
      return { seconds: (performance.now() - started) / 1000, how: "fresh store", storeBefore };
    },
    stop,
    rebuildStore: async (build) => {
      await stop();
      rmSync(STORE_DIR, { recursive: true, force: true });
      rmSync(TRANSACTIONS_DIR, { recursive: true, force: true });
      const built = await build();
      const started = performance.now();
      server = await startOn(false);
      stopped = null;
      return { built, serverStartSeconds: (performance.now() - started) / 1000 };
    },
  };
}
