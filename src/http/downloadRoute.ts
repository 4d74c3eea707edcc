import type { DatasetDefaults } from "../graphql/datasetDefaults.js";
import type { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { createContext, type Context } from "../context.js";
import { selectColumns, tabulate, toCsv } from "../downloads/tabulate.js";
import type { SavedOperation } from "../downloads/savedOperations.js";
import type { Database } from "../graph/database.js";
import { sendJson, type HttpRoute } from "./httpServer.js";

export interface DownloadRouteOptions {
  apollo: ApolloServer<Context>;
  db: Database;
  defaults: DatasetDefaults;
  maxPageSize: number;
  operations: ReadonlyMap<string, SavedOperation>;
}

class BadArgument extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

function readVariables(operation: SavedOperation, query: URLSearchParams): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, raw] of query) {
    const variable = operation.variables.find((v) => v.name === name);
    if (variable === undefined) {
      const known = operation.variables.map((v) => v.name).join(", ");
      throw new BadArgument(
        name,
        `is not an argument of ${operation.name}${known === "" ? "" : ` (its arguments: ${known})`}`,
      );
    }
    if (variable.type === "Boolean") {
      if (raw !== "true" && raw !== "false")
        throw new BadArgument(name, `must be true or false; got ${JSON.stringify(raw)}`);
      variables[name] = raw === "true";
    } else if (variable.type === "Int") {
      if (!/^-?\d+$/.test(raw))
        throw new BadArgument(name, `must be a whole number; got ${JSON.stringify(raw)}`);
      variables[name] = Number(raw);
    } else {
      variables[name] = raw;
    }
  }
  for (const variable of operation.variables) {
    if (variable.required && !variable.hasDefault && !(variable.name in variables)) {
      throw new BadArgument(variable.name, "is required");
    }
  }
  return variables;
}

function argumentOf(error: GraphQLFormattedError): string | undefined {
  const named = error.extensions?.["argument"];
  if (typeof named === "string") return named;
  // Variable coercion errors name the variable: 'Variable "$asOf" got invalid value …'.
  return /Variable "\$(\w+)"/.exec(error.message)?.[1];
}

/**
 * GET /download/<operation>.csv or .json: runs a saved analyst operation through the same Apollo
 * server, limits and loaders as /graphql (query parameters are its variables) and returns its
 * table. Bad arguments get 400 with a JSON body that names the argument.
 */
export function createDownloadRoute(options: DownloadRouteOptions): HttpRoute {
  return {
    matches: (request, url) => request.method === "GET" && url.pathname.startsWith("/download/"),
    handle: async (_request, response, url) => {
      const match = /^\/download\/([A-Za-z0-9]+)\.(csv|json)$/.exec(url.pathname);
      const operation = match === null ? undefined : options.operations.get(match[1] ?? "");
      if (match === null || operation === undefined) {
        sendJson(response, 404, {
          error: `No download at ${url.pathname}. Downloads: ${[...options.operations.keys()].map((n) => `/download/${n}.csv`).join(", ")} (or .json)`,
        });
        return;
      }
      let variables: Record<string, unknown>;
      try {
        variables = readVariables(operation, url.searchParams);
      } catch (error) {
        if (!(error instanceof BadArgument)) throw error;
        sendJson(response, 400, {
          error: `Argument "${error.argument}": ${error.message}`,
          argument: error.argument,
          code: "BAD_USER_INPUT",
        });
        return;
      }
      const result = await options.apollo.executeOperation(
        { query: operation.document, variables },
        { contextValue: createContext(options.db, options.defaults, options.maxPageSize) },
      );
      if (result.body.kind !== "single")
        throw new Error("Incremental delivery is not used by saved operations");
      const { data, errors } = result.body.singleResult;
      const first = errors?.[0];
      if (first !== undefined) {
        const code = first.extensions?.["code"];
        const argument = argumentOf(first);
        const status =
          code === "BAD_USER_INPUT"
            ? 400
            : code === "DATABASE_UNAVAILABLE"
              ? 503
              : code === "GRAPHQL_VALIDATION_FAILED"
                ? 400
                : 500;
        sendJson(response, status, {
          error: first.message,
          code,
          ...(argument === undefined ? {} : { argument }),
        });
        return;
      }
      const table = selectColumns(tabulate(data, operation.rowPath), operation.columns);
      const format = match[2];
      const filename = `${operation.name}.${format ?? "csv"}`;
      if (format === "json") {
        response.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${filename}"`,
        });
        response.end(JSON.stringify(table.rows));
        return;
      }
      response.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
      });
      response.end(toCsv(table.header, table.rows));
    },
  };
}
