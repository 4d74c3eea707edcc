import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  NEO4J_VERSION,
  ensureNeo4jJars,
  localNeo4jStatus,
  startLocalNeo4j,
  stopLocalNeo4j,
} from "./localNeo4j.js";

const USAGE = `Usage: npm run neo4j -- <command>

  start   run the local Neo4j ${NEO4J_VERSION} in the foreground until Ctrl-C
  stop    stop the local Neo4j, whoever started it
  status  tell whether it is running
  fetch   fetch its jars from Maven Central (start does this when needed)

Home: .neo4j/main. Ports: NEO4J_LOCAL_BOLT_PORT (default 7690), NEO4J_LOCAL_HTTP_PORT (default 7477).`;

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const home = join(repoRoot, ".neo4j", "main");

function port(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port number (1-65535), got "${text}"`);
  }
  return value;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function start(): Promise<void> {
  const boltPort = port("NEO4J_LOCAL_BOLT_PORT", 7690);
  const httpPort = port("NEO4J_LOCAL_HTTP_PORT", 7477);
  const server = await startLocalNeo4j({ home, boltPort, httpPort });
  say(
    `Neo4j ${NEO4J_VERSION} is running at ${server.uri} (HTTP http://127.0.0.1:${httpPort}). Ctrl-C stops it.`,
  );
  // startLocalNeo4j leaves this process's lifetime to us: stay up until the server stops.
  const keepAlive = setInterval(() => undefined, 60_000);
  await server.exited;
  clearInterval(keepAlive);
  say("Neo4j has stopped.");
}

async function stop(): Promise<void> {
  const stopped = await stopLocalNeo4j(home, say);
  say(stopped.length > 0 ? "Neo4j has stopped." : "No local Neo4j is running in .neo4j/main.");
}

function status(): void {
  const state = localNeo4jStatus(home);
  if (!state.running) {
    say(`Not running. Jars ${state.jarsFetched ? "fetched" : "not fetched yet"}.`);
  } else if (state.launcherAlive === false) {
    say(
      `Running (pid ${state.pid ?? "?"}) but its launcher has exited; ` +
        "`npm run neo4j -- stop` or the next start stops it.",
    );
  } else {
    say(
      `Running at ${state.uri ?? "?"} (pid ${state.pid ?? "?"}, started by process ${state.launcherPid ?? "?"}).`,
    );
  }
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "start":
      return start();
    case "stop":
      return stop();
    case "status":
      status();
      return;
    case "fetch":
      say(`Neo4j ${NEO4J_VERSION} jars are in ${await ensureNeo4jJars(say)}.`);
      return;
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
