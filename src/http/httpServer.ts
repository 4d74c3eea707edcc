import type { DatasetDefaults } from "../graphql/datasetDefaults.js";
import {
  createServer as createNodeServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Duplex } from "node:stream";
import type { ApolloServer, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { createContext, type Context } from "../context.js";
import type { Database } from "../graph/database.js";
import { preparedOperationsOf } from "../server.js";
import { checkReadiness } from "./readiness.js";
import { readRequestTarget, type RequestTarget } from "./requestTarget.js";

/** An extra route: pages, assets and downloads are served this way, beside /graphql. */
export interface HttpRoute {
  /** True when this route serves the request. Routes are tried in order, before /graphql. */
  matches(request: IncomingMessage, url: RequestTarget): boolean;
  handle(request: IncomingMessage, response: ServerResponse, url: RequestTarget): Promise<void>;
}

export interface HttpServerOptions {
  /** Tried in order before the built-in routes. */
  routes?: readonly HttpRoute[];
  apollo: ApolloServer<Context>;
  db: Database;
  defaults: DatasetDefaults;
  maxPageSize: number;
  /** Requests with a larger body are refused with 413 before they are parsed. */
  maxBodyBytes?: number;
}

class BodyTooLargeError extends Error {}

/** The request body as text; past `limit` bytes it fails, keeping none of it. */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // The rest is read and dropped, so that the connection stays readable for the answer.
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError(`Request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.once("end", () => {
      resolve((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8"));
    });
    request.once("error", reject);
  });
}

/** Answers a request Node's HTTP parser refused (URL and headers over 16 KB, malformed HTTP) with a coded error too. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "REQUEST_HEADERS_TOO_LARGE"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "REQUEST_TIMEOUT"]
        : [400, "Bad Request", "BAD_REQUEST"];
  const body = JSON.stringify({ errors: [{ message: reason, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const JSON_MEDIA_TYPE = "application/json; charset=utf-8";

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": JSON_MEDIA_TYPE,
    "cache-control": "no-store",
  });
  response.end(text);
}

/** Media ranges under which Apollo answers a single result as application/json (no q-values, no params). */
const PLAIN_JSON_ACCEPTS = new Set(["*/*", "application/json", "text/plain"]);

/** True when Apollo would answer this request as application/json; charset=utf-8. */
function acceptsPlainJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  const ranges = accept
    .toLowerCase()
    .split(",")
    .map((range) => range.trim());
  return (
    ranges.every((range) => PLAIN_JSON_ACCEPTS.has(range)) &&
    (ranges.includes("application/json") || ranges.includes("*/*"))
  );
}

/** The query text, operation name and variables of a POST body that holds nothing else. */
interface PlainQueryRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const PLAIN_QUERY_KEYS = new Set(["query", "operationName", "variables"]);

function asPlainQueryRequest(body: unknown): PlainQueryRequest | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== "string") return undefined;
  for (const key in body) if (!PLAIN_QUERY_KEYS.has(key)) return undefined;
  if (operationName != null && typeof operationName !== "string") return undefined;
  if (variables != null && (typeof variables !== "object" || Array.isArray(variables))) return undefined;
  return body as PlainQueryRequest;
}

async function handleGraphQL(
  request: IncomingMessage,
  response: ServerResponse,
  url: RequestTarget,
  options: HttpServerOptions & { maxBodyBytes: number },
): Promise<void> {
  let body: unknown = undefined;
  let context: Context | undefined;
  if (request.method === "POST") {
    const text = await readBody(request, options.maxBodyBytes);
    const contentType = request.headers["content-type"];
    if (contentType?.includes("application/json") === true) {
      try {
        body = text === "" ? undefined : (JSON.parse(text) as unknown);
      } catch {
        sendJson(response, 400, {
          errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
        });
        return;
      }
    } else {
      body = text;
    }
    // A query Apollo has accepted before runs its compiled form at once; only an answer without
    // errors is sent from here. Anything else, and any answer with errors, goes through Apollo.
    const plain =
      contentType?.split(";")[0]?.trim().toLowerCase() === "application/json" &&
      acceptsPlainJson(request.headers.accept)
        ? asPlainQueryRequest(body)
        : undefined;
    const preparedOperations = preparedOperationsOf(options.apollo);
    const prepared = plain && preparedOperations?.find(plain.query, plain.operationName);
    if (plain !== undefined && prepared !== undefined) {
      context = createContext(options.db, options.defaults, options.maxPageSize);
      const result = await prepared.query(undefined, context, plain.variables ?? {});
      if (result.errors === undefined) {
        response.writeHead(200, { "content-type": JSON_MEDIA_TYPE });
        response.end(`${JSON.stringify({ data: result.data })}\n`);
        return;
      }
      // Variables it could not coerce are coerced again by Apollo, for graphql-js's own errors.
      if ("data" in result) preparedOperations?.handOver(context, result);
    }
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: request.method ?? "GET",
    headers,
    search: url.search,
    body,
  };
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () =>
      Promise.resolve(context ?? createContext(options.db, options.defaults, options.maxPageSize)),
  });
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of result.headers) responseHeaders[name] = value;
  response.writeHead(result.status ?? 200, responseHeaders);
  if (result.body.kind === "complete") {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Answers one request by the first route that serves it. */
async function route(
  request: IncomingMessage,
  response: ServerResponse,
  url: RequestTarget,
  options: HttpServerOptions & { maxBodyBytes: number },
): Promise<void> {
  const extra = options.routes?.find((candidate) => candidate.matches(request, url));
  if (extra !== undefined) {
    await extra.handle(request, response, url);
    return;
  }
  if (url.pathname === "/health" && request.method === "GET") {
    sendJson(response, 200, {
      status: "ok",
      uptimeSeconds: Math.round(process.uptime()),
      memoryRss: process.memoryUsage.rss(),
    });
    return;
  }
  if (url.pathname === "/ready" && request.method === "GET") {
    const readiness = await checkReadiness(options.db);
    sendJson(response, readiness.ready ? 200 : 503, readiness);
    return;
  }
  if (url.pathname === "/graphql") {
    await handleGraphQL(request, response, url, options);
    return;
  }
  if (url.pathname === "/" && request.method === "GET") {
    response.writeHead(302, { location: "/graphql" });
    response.end();
    return;
  }
  sendJson(response, 404, { error: `No route for ${request.method ?? "GET"} ${url.pathname}` });
}

/**
 * The HTTP front door: /graphql, /health (the process is up) and /ready (Neo4j reachable,
 * schema applied, data present). The caller listens and closes.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const settings = { ...options, maxBodyBytes: options.maxBodyBytes ?? 1_000_000 };
  const server = createNodeServer((request, response) => {
    // Once the server is closing, every answer ends its connection: keep-alive clients cannot hold the drain open.
    if (!server.listening) response.setHeader("connection", "close");
    const url = readRequestTarget(request.url);
    if (url === null) {
      sendJson(response, 400, { error: `Not a request target: ${request.url ?? ""}` });
      return;
    }
    route(request, response, url, settings).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is never read, so the connection cannot carry another request.
        response.setHeader("connection", "close");
        sendJson(response, 413, {
          errors: [{ message: error.message, extensions: { code: "PAYLOAD_TOO_LARGE" } }],
        });
        return;
      }
      console.error(error);
      sendJson(response, 500, {
        errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
    });
  });
  server.on("clientError", answerClientError);
  return server;
}
