import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Context } from "../../src/context.js";
import type { Database } from "../../src/graph/database.js";
import { createDatasetDefaults } from "../../src/graphql/datasetDefaults.js";
import { createHttpServer } from "../../src/http/httpServer.js";
import { createServer, preparedOperationsOf } from "../../src/server.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";

/** One HTTP server over one Apollo server, with the statements it sends and Apollo's requests counted. */
interface Served {
  url: string;
  apollo: ApolloServer<Context>;
  statements: string[];
  apolloRequests: () => number;
  stop: () => Promise<void>;
}

let db: Database;

async function serve(): Promise<Served> {
  const apollo = createServer({ introspection: true, logError: () => undefined });
  await apollo.start();
  const statements: string[] = [];
  const counted = db.withListener((statement) => statements.push(statement));
  const execute = vi.spyOn(apollo, "executeHTTPGraphQLRequest");
  const http: Server = createHttpServer({
    apollo,
    db: counted,
    defaults: createDatasetDefaults(db),
    maxPageSize: 100,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    apollo,
    statements,
    apolloRequests: () => execute.mock.calls.length,
    stop: async () => {
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
      await apollo.stop();
    },
  };
}

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.text(),
  };
}

const GEOGRAPHY = `query Geography($code: ID!, $asOf: Date) {
  geography(code: $code, asOf: $asOf) { __typename code name kind areaCount validFrom validTo }
}`;
const MEMBERS = `query Members($code: ID!, $first: Int) {
  geography(code: $code, asOf: "2017-03-01") { code ... on Footprint { members(first: $first) { totalCount } } }
}`;

let served: Served;

/** The answer of a server that has not seen the request's query before. */
async function answerOfAFreshServer(body: unknown): Promise<Answer> {
  const fresh = await serve();
  try {
    return await post(fresh.url, body);
  } finally {
    await fresh.stop();
  }
}

beforeAll(async () => {
  db = connectTestDatabase();
  served = await serve();
});

afterAll(async () => {
  await served.stop();
  await db.close();
});

describe("a query Apollo has accepted before", () => {
  it("is answered again without Apollo, with the same status, type and body as Apollo gave", async () => {
    const request = { query: GEOGRAPHY, variables: { code: "E54000046", asOf: "2017-03-01" } };
    const first = await post(served.url, request);
    expect(served.apolloRequests()).toBe(1);
    expect(JSON.parse(first.body)).toMatchObject({ data: { geography: { code: "E54000046", kind: "STP" } } });

    const statementsBefore = served.statements.length;
    const second = await post(served.url, request);
    expect(served.apolloRequests()).toBe(1);
    expect(second).toEqual(first);
    expect(served.statements.length - statementsBefore).toBe(1);

    // Other variables, the same text: still without Apollo, and the answer is about the other geography.
    const other = await post(served.url, {
      query: GEOGRAPHY,
      variables: { code: "E38000116", asOf: "2017-03-01" },
    });
    expect(served.apolloRequests()).toBe(1);
    expect(JSON.parse(other.body)).toMatchObject({ data: { geography: { code: "E38000116", kind: "CCG" } } });
  });

  it("is asked with the same body by a server that has not seen it: identical answers", async () => {
    const request = { query: MEMBERS, operationName: "Members", variables: { code: "E54000046", first: 2 } };
    await post(served.url, request);
    const fast = await post(served.url, request);
    expect(await answerOfAFreshServer(request)).toEqual(fast);
  });

  it("sends an answer with errors through Apollo's formatting, without reading the database again", async () => {
    await post(served.url, { query: MEMBERS, variables: { code: "E54000046", first: 1 } });
    const apolloBefore = served.apolloRequests();
    const statementsBefore = served.statements.length;
    const overLimit = { query: MEMBERS, variables: { code: "E54000046", first: 1_000 } };
    const answer = await post(served.url, overLimit);
    expect(served.apolloRequests()).toBe(apolloBefore + 1);
    expect(served.statements.length - statementsBefore).toBe(1);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { errors: { path: string[]; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]?.path).toEqual(["geography", "members"]);

    expect(await answerOfAFreshServer(overLimit)).toEqual(answer);
  });

  it("leaves variables it cannot coerce to Apollo: 400 with graphql-js's message", async () => {
    await post(served.url, { query: GEOGRAPHY, variables: { code: "E54000046" } });
    const apolloBefore = served.apolloRequests();
    const answer = await post(served.url, { query: GEOGRAPHY, variables: { asOf: "2017-03-01" } });
    expect(served.apolloRequests()).toBe(apolloBefore + 1);
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]?.message).toContain('Variable "$code" of required type "ID!" was not provided');
  });

  it("goes through Apollo when the client asks for another media type or sends extensions", async () => {
    const request = { query: GEOGRAPHY, variables: { code: "E54000046" } };
    await post(served.url, request);
    let apolloBefore = served.apolloRequests();
    const graphqlResponse = await post(served.url, request, { accept: "application/graphql-response+json" });
    expect(served.apolloRequests()).toBe(apolloBefore + 1);
    expect(graphqlResponse.contentType).toBe("application/graphql-response+json; charset=utf-8");

    apolloBefore = served.apolloRequests();
    const withExtensions = await post(served.url, { ...request, extensions: { note: "kept" } });
    expect(served.apolloRequests()).toBe(apolloBefore + 1);
    expect(withExtensions.status).toBe(200);
  });

  it("is told apart by operation name, and is forgotten when the server stops", async () => {
    const document = `query A { dataset { areaCount } } query B { geography(code: "E54000046") { code } }`;
    const a = await post(served.url, { query: document, operationName: "A" });
    const apolloBefore = served.apolloRequests();
    const b = await post(served.url, { query: document, operationName: "B" });
    expect(served.apolloRequests()).toBe(apolloBefore + 1);
    expect(JSON.parse(b.body)).toEqual({ data: { geography: { code: "E54000046" } } });
    expect(await post(served.url, { query: document, operationName: "A" })).toEqual(a);
    expect(served.apolloRequests()).toBe(apolloBefore + 1);

    const other = await serve();
    await post(other.url, { query: document, operationName: "A" });
    expect(preparedOperationsOf(other.apollo)?.size).toBe(1);
    await other.stop();
    expect(preparedOperationsOf(other.apollo)?.size).toBe(0);
  });
});
