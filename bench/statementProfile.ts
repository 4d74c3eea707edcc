import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import neo4j, { type Driver } from "neo4j-driver";
import { Database } from "../src/graph/database.js";
import { connectTarget, type BenchTarget } from "./benchTarget.js";
import { floorParameters } from "./floorServer.js";
import { createNeo4jGraphqlServer } from "./neo4jGraphqlServer.js";
import type { BenchOperation } from "./operations.js";
import { createOurServer } from "./ourServer.js";
import { recordingDriver, sequentialRoundTrips, type RecordedStatement } from "./recordingDriver.js";
import { post, requestFor, SERVERS, type BenchServer } from "./requests.js";

/** What one server's answer to one operation cost Neo4j. */
export interface StatementCost {
  /** Cypher statements sent (ours: counted by Database.withListener through createContext). */
  statements: number;
  /** Sequential round trips to Neo4j (statements sent together count once). */
  roundTrips: number;
  /** Database hits from PROFILE, summed over the statements. */
  dbHits: number;
  /** Each statement's database hits, with the start of its text. */
  parts: { statement: string; dbHits: number }[];
}

/** The first lines of a statement, whitespace collapsed: enough to tell which one it is. */
function statementStart(statement: string): string {
  const text = statement
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("CYPHER "))
    .slice(0, 2)
    .join(" ")
    .replace(/\s+/g, " ");
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}

export type OperationCosts = Partial<Record<BenchServer, StatementCost>>;

interface ProfileNode {
  dbHits: number;
  children: ProfileNode[];
}

function totalDbHits(plan: ProfileNode): number {
  return plan.children.reduce((sum, child) => sum + totalDbHits(child), plan.dbHits);
}

/** The database hits of one statement, from PROFILE with the same parameters. */
export async function profileDbHits(
  driver: Driver,
  statement: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${statement}`, parameters);
    const profile = result.summary.profile;
    return profile === false ? 0 : totalDbHits(profile);
  } finally {
    await session.close();
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function cost(
  driver: Driver,
  recorded: readonly RecordedStatement[],
  counted: number,
): Promise<StatementCost> {
  const parts: StatementCost["parts"] = [];
  for (const s of recorded) {
    parts.push({
      statement: statementStart(s.statement),
      dbHits: await profileDbHits(driver, s.statement, s.parameters),
    });
  }
  return {
    statements: counted,
    roundTrips: sequentialRoundTrips(recorded),
    dbHits: parts.reduce((sum, p) => sum + p.dbHits, 0),
    parts,
  };
}

/**
 * Asks each operation of each server once, warm, in this process, recording the statements the
 * answer ran; then PROFILEs each of them with its parameters.
 */
export async function measureStatementCosts(
  target: BenchTarget,
  operations: readonly BenchOperation[],
  servers: readonly BenchServer[] = SERVERS,
): Promise<Map<string, OperationCosts>> {
  const plain = connectTarget(target, 600_000);
  const ourRecording = recordingDriver(plain.driver);
  const heard: string[] = [];
  const ourDb = new Database(ourRecording.driver, { timeoutMs: 600_000 }).withListener((statement) => {
    heard.push(statement);
  });
  const ours = await createOurServer(ourDb);
  const theirDriver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
  const theirRecording = recordingDriver(theirDriver);
  const theirs = servers.some((s) => s === "generated" || s === "rootCypher")
    ? await createNeo4jGraphqlServer(theirRecording.driver)
    : undefined;
  const bases = {
    ours: await listen(ours.server),
    theirs: theirs === undefined ? "" : await listen(theirs.server),
  };
  const costs = new Map<string, OperationCosts>();
  try {
    for (const op of operations) {
      const asked = async (server: BenchServer, base: string, recorded: RecordedStatement[]) => {
        const request = requestFor(server, op, base);
        await post(request);
        recorded.length = 0;
        heard.length = 0;
        await post(request);
        return [...recorded];
      };
      const opCosts: OperationCosts = {};
      for (const server of servers) {
        if (server === "ours") {
          const recorded = await asked("ours", bases.ours, ourRecording.statements);
          opCosts.ours = await cost(plain.driver, recorded, heard.length);
        } else if (server === "floor") {
          const dbHits = await profileDbHits(
            plain.driver,
            op.floor.statement,
            floorParameters(op.floor.parameters),
          );
          opCosts.floor = {
            statements: 1,
            roundTrips: 1,
            dbHits,
            parts: [{ statement: statementStart(op.floor.statement), dbHits }],
          };
        } else {
          const recorded = await asked(server, bases.theirs, theirRecording.statements);
          opCosts[server] = await cost(plain.driver, recorded, recorded.length);
        }
      }
      costs.set(op.id, opCosts);
    }
  } finally {
    ours.server.close();
    ours.server.closeAllConnections();
    theirs?.server.close();
    theirs?.server.closeAllConnections();
    await ours.stop();
    await theirs?.stop();
    await theirDriver.close();
    await plain.close();
  }
  return costs;
}
