import type { BenchOperation } from "./operations.js";

/** The four ways the same operation is asked, one per measured server. */
export const SERVERS = ["ours", "floor", "generated", "rootCypher"] as const;
export type BenchServer = (typeof SERVERS)[number];

export const SERVER_LABELS: Record<BenchServer, string> = {
  ours: "ours (Apollo, compiled, DataLoader)",
  floor: "floor (node:http + driver)",
  generated: "@neo4j/graphql (a) generated",
  rootCypher: "@neo4j/graphql (b) root @cypher",
};

/** An HTTP POST with a JSON body. */
export interface HttpRequest {
  url: string;
  body: string;
}

/** How `server` is asked `op`, given the base URL of the process that serves it. */
export function requestFor(server: BenchServer, op: BenchOperation, baseUrl: string): HttpRequest {
  switch (server) {
    case "ours":
      return { url: `${baseUrl}/graphql`, body: JSON.stringify(op.ours) };
    case "floor":
      return { url: `${baseUrl}/floor/${op.id}`, body: JSON.stringify(op.floor.parameters) };
    case "generated":
      return {
        url: `${baseUrl}/graphql`,
        body: JSON.stringify({ query: op.generated.query, variables: op.generated.variables }),
      };
    case "rootCypher":
      return {
        url: `${baseUrl}/graphql`,
        body: JSON.stringify({ query: op.rootCypher.query, variables: op.rootCypher.variables }),
      };
  }
}

/** Sends one request and returns the parsed JSON answer. */
export async function post(request: HttpRequest): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(request.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: request.body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
