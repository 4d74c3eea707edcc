import { Neo4jError, type QueryResult, type RecordShape } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGraphQLError } from "../../src/errors.js";
import { Database } from "../../src/graph/database.js";
import { countGraph } from "../../src/graph/graphStats.js";
import { countToABillion, createNodeThroughRead } from "../../src/graph/probes.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { startTestServer } from "../helpers/testServer.js";

let db: Database;

/** A Database whose every read runs for minutes, so that the transaction timeout always ends it. */
class SlowReads extends Database {
  override async read<R extends RecordShape = RecordShape>(): Promise<QueryResult<R>> {
    await countToABillion(new Database(this.driver, { timeoutMs: this.timeoutMs }));
    throw new Error("The transaction timeout did not end the read");
  }

  override withListener(): Database {
    return this;
  }
}

beforeAll(() => {
  db = connectTestDatabase();
});

afterAll(async () => {
  await db.close();
});

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the work to fail");
}

describe("every transaction has a timeout", () => {
  it("cuts off a read that would run for minutes, as DATABASE_TIMEOUT", async () => {
    const short = connectTestDatabase(500);
    try {
      const error = await failure(countToABillion(short));
      expect(error).toBeInstanceOf(Neo4jError);
      expect((error as Neo4jError).code).toMatch(/TransactionTimedOut/);
      expect(toGraphQLError(error)?.extensions).toEqual({ code: "DATABASE_TIMEOUT" });
    } finally {
      await short.close();
    }
  });

  it("answers DATABASE_TIMEOUT through the API when a read outlasts the timeout", async () => {
    const server = await startTestServer(new SlowReads(db.driver, { timeoutMs: 500 }));
    try {
      const result = await server.execute("{ dataset { areaCount } }");
      expect(result.data).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.["code"])).toEqual(["DATABASE_TIMEOUT"]);
    } finally {
      await server.stop();
    }
  });
});

describe("reads run in read mode", () => {
  it("has a CREATE sent through Database.read refused by Neo4j, writing nothing", async () => {
    const before = await countGraph(db);
    const error = await failure(createNodeThroughRead(db));
    expect(error).toBeInstanceOf(Neo4jError);
    expect((error as Neo4jError).code).toBe("Neo.ClientError.Statement.AccessMode");
    const after = await countGraph(db);
    expect(after).toEqual(before);
    expect(after.nodes["ReadModeProbe"]).toBeUndefined();
  });

  it("keeps Neo4j's code and message on a failed read, and the process's stack depth as it was", async () => {
    const depth = Error.stackTraceLimit;
    const error = await failure(createNodeThroughRead(db));
    expect((error as Neo4jError).code).toBe("Neo.ClientError.Statement.AccessMode");
    expect((error as Neo4jError).message).toMatch(/write/i);
    expect(Error.stackTraceLimit).toBe(depth);
    expect(new Error("after").stack?.split("\n").length).toBeGreaterThan(1);
  });
});
