import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalNeo4j, type LocalNeo4j } from "../../src/neo4j/localNeo4j.js";
import { neo4jJvms } from "./neo4jJvms.js";

/** Bolt and HTTP ports of the reliability tests' own Neo4j, away from the shared test server (7691). */
export const OWN_BOLT_PORT = 7696;
export const OWN_HTTP_PORT = 7483;

/** A Neo4j of a test's own, in a temporary home: it can be stopped and started again without harm. */
export interface OwnNeo4j {
  home: string;
  uri: string;
  /** Starts the server on the same home and ports (a restart keeps the data). */
  start(): Promise<void>;
  /** Stops the server and waits until its JVMs are gone. */
  stop(): Promise<void>;
  /** Stops the server, kills any JVM left under the home and removes it. */
  dispose(): Promise<void>;
}

export function ownNeo4j(name: string, log: (line: string) => void = () => undefined): OwnNeo4j {
  const root = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const home = path.join(root, "neo4j");
  let server: LocalNeo4j | undefined;
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  return {
    home,
    uri: `bolt://127.0.0.1:${OWN_BOLT_PORT}`,
    start: async () => {
      server = await startLocalNeo4j({
        home,
        boltPort: OWN_BOLT_PORT,
        httpPort: OWN_HTTP_PORT,
        heap: "1g",
        pageCache: "128m",
        log,
      });
    },
    stop,
    dispose: async () => {
      await stop().catch(() => undefined);
      for (const { pid } of neo4jJvms(root)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Resolves once `condition` holds, checking every 250 ms; the calling test's timeout bounds the wait. */
export async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 250));
}
