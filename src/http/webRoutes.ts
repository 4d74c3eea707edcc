import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { repoRoot } from "../config/readConfig.js";
import { readSavedOperations } from "../downloads/savedOperations.js";
import type { HttpRoute } from "./httpServer.js";
import { sendJson } from "./httpServer.js";
import { renderSandboxPage } from "./sandboxPage.js";
import type { RequestTarget } from "./requestTarget.js";

/** Where the web pages and saved operations are read from. */
export interface WebRoutesOptions {
  /** The output of `npm run build:web` (default: dist/web). */
  distDir?: string;
  /** The saved analyst operations the explorer opens (default: operations/). */
  operationsDir?: string;
}

/** Where `npm run build:web` writes the pages, and the URL prefix their assets are served under. */
export const WEB_DIST_DIR = path.join(repoRoot, "dist", "web");
export const WEB_ASSET_PREFIX = "/web/";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Web pages not built</title></head>
  <body style="font-family: sans-serif; margin: 2rem">
    <h1>The web pages are not built</h1>
    <p>Run <code>npm run build:web</code> (or restart with <code>npm start</code>, which builds them when
    they are missing), then reload this page. The GraphQL API itself answers at <code>POST /graphql</code>.</p>
  </body>
</html>
`;

function isRead(request: IncomingMessage): boolean {
  return request.method === "GET" || request.method === "HEAD";
}

/** A browser navigating to /graphql asks for HTML first; fetch clients and curl do not. */
function wantsHtml(request: IncomingMessage): boolean {
  return request.headers.accept?.includes("text/html") === true;
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}

/** A built page (explorer.html, view.html); 503 with how to build it when the build is missing. */
async function sendPage(
  request: IncomingMessage,
  response: ServerResponse,
  distDir: string,
  file: string,
): Promise<void> {
  let html: string;
  try {
    html = await readFile(path.join(distDir, file), "utf8");
  } catch (error) {
    if (!isMissing(error)) throw error;
    send(request, response, 503, "text/html; charset=utf-8", NOT_BUILT_PAGE);
    return;
  }
  send(request, response, 200, "text/html; charset=utf-8", html);
}

/** The file under `root` that `relative` (still URL-encoded) names; undefined when it would leave `root`. */
function resolveInside(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded === "" || decoded.includes("\0")) return undefined;
  const resolved = path.resolve(root, decoded);
  return resolved.startsWith(root + path.sep) ? resolved : undefined;
}

async function sendAsset(
  request: IncomingMessage,
  response: ServerResponse,
  distDir: string,
  url: RequestTarget,
): Promise<void> {
  const root = path.resolve(distDir);
  const file = resolveInside(root, url.pathname.slice(WEB_ASSET_PREFIX.length));
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || info === undefined || !info.isFile()) {
    sendJson(response, 404, { error: `No file at ${url.pathname}` });
    return;
  }
  // Vite names the files under assets/ after their content hash, so they never change.
  const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  await pipeline(createReadStream(file), response);
}

/**
 * The browser pages beside the API, all read from disk per request so a rebuild needs no restart:
 * - /explorer (and GET /graphql from a browser asking for HTML): GraphiQL, built from npm packages,
 *   opening every saved operation as a tab; /explorer/operations.json lists them.
 * - /view: the relationship view.
 * - /web/…: their scripts, styles and workers.
 * - /sandbox: Apollo's embedded Sandbox, which loads from Apollo's CDN (online only).
 */
export function createWebRoutes(options: WebRoutesOptions = {}): HttpRoute[] {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  const operationsDir = options.operationsDir ?? path.join(repoRoot, "operations");
  let sandboxPage: Promise<string> | undefined;
  return [
    {
      matches: (request, url) =>
        isRead(request) &&
        (url.pathname === "/explorer" ||
          url.pathname === "/explorer/" ||
          (url.pathname === "/graphql" && wantsHtml(request))),
      handle: (request, response) => sendPage(request, response, distDir, "explorer.html"),
    },
    {
      matches: (request, url) => isRead(request) && url.pathname === "/explorer/operations.json",
      // Read per request, like the pages: an edited operation shows without a restart.
      handle: (_request, response) => {
        const operations = [...readSavedOperations(operationsDir).values()].map(
          ({ name, title, document }) => ({ name, title, query: document }),
        );
        sendJson(response, 200, { operations });
        return Promise.resolve();
      },
    },
    {
      matches: (request, url) => isRead(request) && (url.pathname === "/view" || url.pathname === "/view/"),
      handle: (request, response) => sendPage(request, response, distDir, "view.html"),
    },
    {
      matches: (request, url) => isRead(request) && url.pathname.startsWith(WEB_ASSET_PREFIX),
      handle: (request, response, url) => sendAsset(request, response, distDir, url),
    },
    {
      matches: (request, url) => isRead(request) && url.pathname === "/sandbox",
      handle: async (request, response) => {
        sandboxPage ??= renderSandboxPage("/graphql").catch((error: unknown) => {
          sandboxPage = undefined;
          throw error;
        });
        send(request, response, 200, "text/html; charset=utf-8", await sandboxPage);
      },
    },
  ];
}
