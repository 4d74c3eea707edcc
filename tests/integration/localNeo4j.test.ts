import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalNeo4j } from "../../src/neo4j/localNeo4j.js";
import { neo4jJvms } from "../helpers/neo4jJvms.js";

const BOLT_PORT = 7695;
const HTTP_PORT = 7482;
const TEST_TIMEOUT_MS = 180_000;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const moduleUrl = new URL("../../src/neo4j/localNeo4j.ts", import.meta.url).href;
const root = mkdtempSync(join(tmpdir(), "localNeo4j-test-"));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 200));
  }
  return Date.now() - started;
}

function recorder(): { messages: string[]; log: (line: string) => void } {
  const messages: string[] = [];
  return {
    messages,
    log: (line) => {
      messages.push(line);
      process.stderr.write(`${line}\n`);
    },
  };
}

// Run by a separate node process: starts the server, optionally writes a node and SIGKILLs the
// watchdog, then SIGKILLs itself, so that no exit handler of the launcher can run.
const LAUNCHER_SCRIPT = `
import { readFileSync, readdirSync } from "node:fs";
const { startLocalNeo4j } = await import(process.env.LOCAL_NEO4J_MODULE);
const { default: neo4j } = await import("neo4j-driver");
const server = await startLocalNeo4j({
  home: process.env.LOCAL_NEO4J_HOME,
  boltPort: Number(process.env.LOCAL_NEO4J_BOLT_PORT),
  httpPort: Number(process.env.LOCAL_NEO4J_HTTP_PORT),
});
const driver = neo4j.driver(server.uri);
await driver.executeQuery("CREATE (:LocalNeo4jTest {id: 'before the crash'})");
await driver.close();
if (process.env.LOCAL_NEO4J_KILL_WATCHDOG === "1") {
  for (const name of readdirSync("/proc").filter((entry) => /^\\d+$/.test(entry))) {
    try {
      const stat = readFileSync("/proc/" + name + "/stat", "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const args = readFileSync("/proc/" + name + "/cmdline", "utf8").split("\\0");
      if (parent === process.pid && args[1] === "-e") process.kill(Number(name), "SIGKILL");
    } catch {}
  }
}
process.stdout.write("READY " + server.pid + "\\n");
process.kill(process.pid, "SIGKILL");
`;

interface KilledLauncher {
  serverPid: number;
  signal: NodeJS.Signals | null;
  killedAt: number;
}

/** Runs LAUNCHER_SCRIPT in a child process and resolves once it has killed itself. */
function runKilledLauncher(home: string, killWatchdog: boolean): Promise<KilledLauncher> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", LAUNCHER_SCRIPT], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        LOCAL_NEO4J_MODULE: moduleUrl,
        LOCAL_NEO4J_HOME: home,
        LOCAL_NEO4J_BOLT_PORT: String(BOLT_PORT),
        LOCAL_NEO4J_HTTP_PORT: String(HTTP_PORT),
        LOCAL_NEO4J_KILL_WATCHDOG: killWatchdog ? "1" : "0",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      const ready = /READY (\d+)/.exec(stdout);
      if (!ready?.[1]) {
        reject(new Error(`The launcher ended before its server was ready:\n${stderr}`));
        return;
      }
      resolveRun({ serverPid: Number(ready[1]), signal, killedAt: Date.now() });
    });
  });
}

async function readTestIds(uri: string): Promise<string[]> {
  const driver = neo4j.driver(uri);
  try {
    const { records } = await driver.executeQuery(
      "MATCH (n:LocalNeo4jTest) RETURN n.id AS id ORDER BY id",
      {},
      { routing: neo4j.routing.READ },
    );
    return records.map((record) => record.get("id") as string);
  } finally {
    await driver.close();
  }
}

afterAll(() => {
  // Only reached with JVMs left when a test failed: do not let them outlive the run.
  for (const name of readdirSync(root)) {
    for (const jvm of neo4jJvms(join(root, name))) {
      try {
        process.kill(jvm.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
  rmSync(root, { recursive: true, force: true });
});

describe("startLocalNeo4j", () => {
  it(
    "serves writes and reads, refuses a second start of the same home or on taken ports, and leaves no JVM after stop",
    async () => {
      const home = join(root, "roundtrip");
      const { log } = recorder();
      const server = await startLocalNeo4j({ home, boltPort: BOLT_PORT, httpPort: HTTP_PORT, log });
      try {
        expect(server.uri).toBe(`bolt://127.0.0.1:${BOLT_PORT}`);
        const driver = neo4j.driver(server.uri);
        try {
          await driver.executeQuery("CREATE (:LocalNeo4jTest {id: $id})", { id: "round trip" });
        } finally {
          await driver.close();
        }
        expect(await readTestIds(server.uri)).toEqual(["round trip"]);
        expect(neo4jJvms(home).filter((jvm) => jvm.server)).toHaveLength(1);

        await expect(
          startLocalNeo4j({ home, boltPort: BOLT_PORT + 10, httpPort: HTTP_PORT + 10, log }),
        ).rejects.toThrow(
          `The local Neo4j in ${home} is already running under process ${process.pid}; stop it or set NEO4J_URI.`,
        );
        await expect(
          startLocalNeo4j({ home: join(root, "other"), boltPort: BOLT_PORT, httpPort: HTTP_PORT + 10, log }),
        ).rejects.toThrow(`Port ${BOLT_PORT} on 127.0.0.1, wanted for the local Neo4j's Bolt connector`);
        expect(neo4jJvms(home).filter((jvm) => jvm.server)).toHaveLength(1);
      } finally {
        await server.stop();
      }
      expect(neo4jJvms(home)).toEqual([]);
      expect(existsSync(join(home, "run", "launcher.lock"))).toBe(false);
      expect(existsSync(join(home, "run", "owner.json"))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "stops the server within 20 s through its watchdog when the launcher is SIGKILLed",
    async () => {
      const home = join(root, "watchdog");
      const launcher = await runKilledLauncher(home, false);
      expect(launcher.signal).toBe("SIGKILL");
      const waited = await waitFor(() => neo4jJvms(home).length === 0, 20_000);
      process.stderr.write(
        `The watchdog stopped Neo4j ${(waited / 1000).toFixed(1)} s after its launcher died.\n`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "stops a server orphaned by a SIGKILLed launcher and watchdog at the next start, keeping its data",
    async () => {
      const home = join(root, "orphan");
      const launcher = await runKilledLauncher(home, true);
      expect(launcher.signal).toBe("SIGKILL");
      // With no watchdog left, the server outlives its launcher.
      await new Promise((resolveSleep) => setTimeout(resolveSleep, 2_000));
      expect(neo4jJvms(home).filter((jvm) => jvm.server)).toHaveLength(1);

      const { messages, log } = recorder();
      const server = await startLocalNeo4j({ home, boltPort: BOLT_PORT, httpPort: HTTP_PORT, log });
      try {
        expect(messages).toContain(
          `Stopped an orphaned Neo4j (pid ${launcher.serverPid}) left by a previous run.`,
        );
        const jvms = neo4jJvms(home);
        expect(jvms.filter((jvm) => jvm.server)).toHaveLength(1);
        expect(jvms.filter((jvm) => !jvm.server).map((jvm) => jvm.pid)).toEqual([server.pid]);
        expect(await readTestIds(server.uri)).toEqual(["before the crash"]);
      } finally {
        await server.stop();
      }
      expect(neo4jJvms(home)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
