import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSavedOperations } from "../../src/downloads/savedOperations.js";
import type { Database } from "../../src/graph/database.js";
import { DEFAULT_QUERY_LIMITS } from "../../src/graphql/limits.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { startTestHttp } from "../helpers/testHttp.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

let db: Database;
let server: TestServer;
let http: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  db = connectTestDatabase();
  server = await startTestServer(db);
  http = await startTestHttp(db);
});

afterAll(async () => {
  await http.stop();
  await server.stop();
  await db.close();
});

/** `{ a: { b: … } }` nested `levels` deep through Organisation.region, ending in `code`. */
function nestedRegions(levels: number): string {
  return `{ organisation(code: "E38000116") { ${"region { ".repeat(levels)}code${" }".repeat(levels)} } }`;
}

describe("operations over a limit", () => {
  it.each([
    ["QUERY_TOO_DEEP", nestedRegions(DEFAULT_QUERY_LIMITS.maxDepth)],
    [
      "QUERY_TOO_COMPLEX",
      "{ geographies(first: 100) { edges { node { areas(first: 100) { edges { node { code geographies { code } } } } } } } }",
    ],
    [
      "TOO_MANY_ALIASES",
      `{ ${Array.from({ length: DEFAULT_QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: dataset { areaCount }`).join(" ")} }`,
    ],
    ["QUERY_TOO_LARGE", `{ dataset { ${"areaCount ".repeat(DEFAULT_QUERY_LIMITS.maxTokens)} } }`],
  ])("are refused with %s before any Cypher runs", async (code, query) => {
    const result = await server.execute(query);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.["code"])).toEqual([code]);
    expect(result.statements).toEqual([]);
  });

  it("let an operation exactly as deep as the limit through", async () => {
    const result = await server.execute(nestedRegions(DEFAULT_QUERY_LIMITS.maxDepth - 2));
    expect(result.errors).toBeUndefined();
    expect(result.statements.length).toBeGreaterThan(0);
  });
});

describe("the saved operations", () => {
  it.each([...readSavedOperations().keys()])("answer %s within the default limits", async (name) => {
    const operation = readSavedOperations().get(name);
    const result = await server.execute(operation?.document ?? "");
    expect(result.errors).toBeUndefined();
    expect(result.data).not.toBeNull();
  });
});

async function post(
  body: string,
  contentType = "application/json",
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${http.url}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe("over HTTP", () => {
  it("refuses a batch of operations", async () => {
    const batch = JSON.stringify([
      { query: "{ dataset { areaCount } }" },
      { query: "{ dataset { areaCount } }" },
    ]);
    const { status, json } = await post(batch);
    expect(status).toBe(400);
    expect(json).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("refuses a body over 1 MB with 413 and reads none of it as GraphQL", async () => {
    const padding = "x".repeat(1_100_000);
    const body = JSON.stringify({ query: "{ dataset { areaCount } }", variables: { padding } });
    const { status, json } = await post(body);
    expect(status).toBe(413);
    expect(json).toEqual({
      errors: [
        { message: "Request body is larger than 1000000 bytes", extensions: { code: "PAYLOAD_TOO_LARGE" } },
      ],
    });
    // The server still answers afterwards.
    const after = await post(JSON.stringify({ query: "{ dataset { areaCount } }" }));
    expect(after).toEqual({ status: 200, json: { data: { dataset: { areaCount: 32_844 } } } });
  });

  it("answers a URL over 16 KB, which Node's parser refuses, with a coded 431", async () => {
    const query = encodeURIComponent(`{ dataset { areaCount } } # ${"x".repeat(20_000)}`);
    const response = await fetch(`${http.url}/graphql?query=${query}`);
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      errors: [
        { message: "Request Header Fields Too Large", extensions: { code: "REQUEST_HEADERS_TOO_LARGE" } },
      ],
    });
  });

  it("answers a request target that is no URL path with 400, and goes on serving", async () => {
    const { port } = new URL(http.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port, path: "//", method: "GET" }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end();
    });
    expect(status).toBe(400);
    const after = await post(JSON.stringify({ query: "{ dataset { areaCount } }" }));
    expect(after).toEqual({ status: 200, json: { data: { dataset: { areaCount: 32_844 } } } });
  });

  it("answers 400 with the limit's code", async () => {
    const deep = await post(JSON.stringify({ query: nestedRegions(DEFAULT_QUERY_LIMITS.maxDepth) }));
    expect(deep.status).toBe(400);
    expect(deep.json).toMatchObject({
      errors: [{ extensions: { code: "QUERY_TOO_DEEP", maxDepth: DEFAULT_QUERY_LIMITS.maxDepth } }],
    });
    const large = await post(
      JSON.stringify({ query: `{ dataset { ${"areaCount ".repeat(DEFAULT_QUERY_LIMITS.maxTokens)} } }` }),
    );
    expect(large.status).toBe(400);
    expect(large.json).toMatchObject({ errors: [{ extensions: { code: "QUERY_TOO_LARGE" } }] });
  });
});
