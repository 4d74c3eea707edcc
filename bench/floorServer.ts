import { createServer, type Server } from "node:http";
import neo4j, { type Driver } from "neo4j-driver";
import { runWithoutCallSite } from "../src/graph/database.js";
import { OPERATIONS } from "./operations.js";
import { readBody, sendJsonText } from "./readBody.js";

/** The floor's parameters: whole numbers as Cypher integers (JS numbers arrive as floats, which slices refuse). */
export function floorParameters(parsed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [
      key,
      typeof value === "number" && Number.isInteger(value) ? neo4j.int(value) : value,
    ]),
  );
}

/**
 * The floor: a bare node:http handler that answers POST /floor/<operation id> (body: the
 * parameters as JSON) with `{"data": …}`, running the operation's one hand-written statement as an
 * auto-commit read (one round trip) through neo4j-driver, and the operation's own finishing step
 * where it has one (the reports' classification). No GraphQL.
 */
export function createFloorServer(driver: Driver): Server {
  const statements = new Map(OPERATIONS.map((op) => [op.id, op.floor]));
  return createServer((request, response) => {
    const floor = statements.get((request.url ?? "").slice("/floor/".length));
    if (request.method !== "POST" || floor === undefined) {
      sendJsonText(response, 404, '{"error":"no such operation"}');
      return;
    }
    void (async () => {
      const parameters = floorParameters(JSON.parse(await readBody(request)) as Record<string, unknown>);
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        // As our API runs a read: without the driver's per-result call-site stack.
        const result = await runWithoutCallSite(() => session.run(floor.statement, parameters));
        const value: unknown =
          floor.finish !== undefined
            ? floor.finish(result.records)
            : (result.records[0]?.get(floor.field) ?? null);
        sendJsonText(response, 200, JSON.stringify({ data: { [floor.field]: value } }));
      } finally {
        await session.close();
      }
    })().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) sendJsonText(response, 500, '{"error":"internal"}');
    });
  });
}
