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
import { checkReadiness } from "./readiness.js";

/** An extra route: pages, assets and downloads are served this way, beside /graphql. */
export interface HttpRoute {
  /** True when this route serves the request. Routes are tried in order, before /graphql. */
  matches(request: IncomingMessage, url: URL): boolean;
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
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

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`Request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
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

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(text);
}

async function handleGraphQL(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: HttpServerOptions & { maxBodyBytes: number },
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown = undefined;
  if (request.method === "POST") {
    const text = await readBody(request, options.maxBodyBytes);
    if (headers.get("content-type")?.includes("application/json") === true) {
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
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: request.method ?? "GET",
    headers,
    search: url.search,
    body,
  };
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => Promise.resolve(createContext(options.db, options.defaults, options.maxPageSize)),
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

/**
 * The HTTP front door: /graphql, /health (the process is up) and /ready (Neo4j reachable,
 * schema applied, data present). The caller listens and closes.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const settings = { ...options, maxBodyBytes: options.maxBodyBytes ?? 1_000_000 };
  const server = createNodeServer((request, response) => {
    // Once the server is closing, every answer ends its connection: keep-alive clients cannot hold the drain open.
    if (!server.listening) response.setHeader("connection", "close");
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = async (): Promise<void> => {
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
        await handleGraphQL(request, response, url, settings);
        return;
      }
      if (url.pathname === "/" && request.method === "GET") {
        response.writeHead(302, { location: "/graphql" });
        response.end();
        return;
      }
      sendJson(response, 404, { error: `No route for ${request.method ?? "GET"} ${url.pathname}` });
    };
    route().catch((error: unknown) => {
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
