import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BenchTarget } from "./benchTarget.js";

/** The server processes: our API, the floor, and @neo4j/graphql (serving both of its forms). */
export type ServerKind = "ours" | "floor" | "neo4j-graphql";

/** A server running in a child process. */
export interface ServerProcess {
  kind: ServerKind;
  baseUrl: string;
  pid: number;
  /** The process's resident set size now, in bytes (Linux /proc; 0 elsewhere). */
  rssBytes(): number;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));

/**
 * The Node options that `npm start` gives the API (package.json's start script: the options between
 * `tsx` and the entry file). Every server runs with them, so that each is run as ours is.
 */
function startNodeOptions(): string[] {
  const packageJson = JSON.parse(
    readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"),
  ) as { scripts?: Record<string, string> };
  const words = (packageJson.scripts?.["start"] ?? "").split(/\s+/);
  return words[0] === "tsx" ? words.slice(1).filter((word) => word.startsWith("--")) : [];
}

const START_NODE_OPTIONS = startNodeOptions();

/** Resident set size of a process in bytes, from /proc (0 where there is none). */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Starts bench/serve.ts in a child process (with this process's TypeScript loader and the Node
 * options of `npm start`) and waits until it listens. `queryTimeoutMs` overrides our API's
 * QUERY_TIMEOUT_MS (the synthetic scales need more).
 */
export async function startServerProcess(
  kind: ServerKind,
  target: BenchTarget,
  queryTimeoutMs?: number,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...process.execArgv, ...START_NODE_OPTIONS, SERVE, kind], {
    env: {
      ...process.env,
      BENCH_TARGET: JSON.stringify(target),
      BENCH_QUERY_TIMEOUT_MS: queryTimeoutMs === undefined ? "" : String(queryTimeoutMs),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const line = text.split("\n")[0];
      if (text.includes("\n") && line !== undefined) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => {
      reject(new Error(`The ${kind} server exited (code ${code ?? "none"})`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    kind,
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    rssBytes: () => rssOf(pid),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs a bench script in a child process and returns the JSON of its last stdout line. */
export async function runJsonProcess<T>(
  script: string,
  args: readonly string[],
  target: BenchTarget,
): Promise<T> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      env: { ...process.env, BENCH_TARGET: JSON.stringify(target) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const last = text.trim().split("\n").pop() ?? "";
  if (code !== 0 || last === "")
    throw new Error(`${script} ${args.join(" ")} failed (exit code ${code ?? "none"})`);
  return JSON.parse(last) as T;
}
