import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import { neo4jJvms } from "../helpers/neo4jJvms.js";
import { OWN_BOLT_PORT, OWN_HTTP_PORT, ownNeo4j } from "../helpers/ownNeo4j.js";

const TINY_SEED = path.join(repoRoot, "tests", "fixtures", "tinySeed");
// Only its home is used: `npm start` runs the server itself.
const neo4j = ownNeo4j("shutdown-test");
let service: ChildProcess | undefined;

afterAll(async () => {
  if (service?.exitCode === null && service.signalCode === null) service.kill("SIGKILL");
  await neo4j.dispose();
});

/** Starts `npm start`'s entry point on a free port with its own local Neo4j and the tiny seed. */
function startService(): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    NEO4J_LOCAL_HOME: neo4j.home,
    NEO4J_LOCAL_BOLT_PORT: String(OWN_BOLT_PORT),
    NEO4J_LOCAL_HTTP_PORT: String(OWN_HTTP_PORT),
    NEO4J_LOCAL_HEAP: "512m",
    NEO4J_LOCAL_PAGECACHE: "64m",
    SEED_DIR: TINY_SEED,
  };
  delete env["NEO4J_URI"];
  // As under npm start: vitest's NODE_ENV=test would switch Apollo's own signal handling off.
  delete env["NODE_ENV"];
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  service = child;
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(`[service] ${chunk.toString()}`);
      stderr += chunk.toString();
      const ready = /GraphQL API ready at (http:\/\/\S+)\/graphql/.exec(stderr);
      if (ready?.[1] !== undefined) resolve({ child, url: ready[1], log: () => stderr });
    });
    child.on("exit", (code) => {
      reject(new Error(`The service exited before it was ready (code ${code ?? "none"}):\n${stderr}`));
    });
  });
}

function waitFor(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
}

describe("SIGTERM", () => {
  it("lets a request in flight finish, then closes the driver and stops the local Neo4j", async () => {
    const { child, url, log } = await startService();
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const body = JSON.stringify({ query: '{ dataset { areaCount } geography(code: "E54000001") { name } }' });
    const half = Math.floor(body.length / 2);

    // The server has the request once it answers 100 Continue; the body follows after SIGTERM.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          expect: "100-continue",
        },
      });
      req.on("continue", () => {
        req.write(body.slice(0, half));
        child.kill("SIGTERM");
        void waitFor(() => log().includes("SIGTERM: draining requests")).then(() => {
          req.end(body.slice(half));
        });
      });
      req.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, text });
        });
      });
      req.on("error", reject);
    });

    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      data: { dataset: { areaCount: 4 }, geography: { name: "Alpha and Beta" } },
    });
    expect(await exited).toBe(0);
    expect(log()).toMatch(/Neo4j stopped/);
    expect(neo4jJvms(neo4j.home)).toEqual([]);
  }, 300_000);
});
