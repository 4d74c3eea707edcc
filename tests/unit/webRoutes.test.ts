import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSavedOperations } from "../../src/downloads/savedOperations.js";
import type { HttpRoute } from "../../src/http/httpServer.js";
import { createWebRoutes } from "../../src/http/webRoutes.js";

let root: string;
let server: Server;
let baseUrl: string;

/** Serves `routes` as createHttpServer tries them; anything they do not match is 404 "unrouted". */
function serve(routes: readonly HttpRoute[]): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = routes.find((candidate) => candidate.matches(request, url));
    if (route === undefined) {
      response.writeHead(404).end("unrouted");
      return;
    }
    route.handle(request, response, url).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
}

async function listen(routes: readonly HttpRoute[]): Promise<{ server: Server; baseUrl: string }> {
  const started = serve(routes);
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return { server: started, baseUrl: `http://127.0.0.1:${(started.address() as AddressInfo).port}` };
}

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${pathname}`, { method: "GET", path: pathname }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "web-routes-"));
  const dist = path.join(root, "dist");
  mkdirSync(path.join(dist, "assets"), { recursive: true });
  writeFileSync(path.join(dist, "explorer.html"), "<!doctype html><title>explorer</title>");
  writeFileSync(path.join(dist, "view.html"), "<!doctype html><title>view</title>");
  writeFileSync(path.join(dist, "assets", "app-1234.js"), "console.log(1);");
  writeFileSync(path.join(dist, "assets", "app-1234.css"), "body{}");
  writeFileSync(path.join(root, "secret.txt"), "secret");
  const operations = path.join(root, "operations");
  mkdirSync(operations);
  writeFileSync(
    path.join(operations, "b.graphql"),
    "# Second question?\n# rows: dataset\nquery B { dataset { areaCount } }\n",
  );
  writeFileSync(path.join(operations, "a.graphql"), "query A { dataset { latestDate } }\n");
  writeFileSync(path.join(operations, "notes.txt"), "not an operation");
  ({ server, baseUrl } = await listen(createWebRoutes({ distDir: dist, operationsDir: operations })));
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  rmSync(root, { recursive: true, force: true });
});

describe("createWebRoutes", () => {
  it("serves the built pages at /explorer and /view as HTML", async () => {
    for (const [pathname, title] of [
      ["/explorer", "explorer"],
      ["/explorer/", "explorer"],
      ["/view", "view"],
    ] as const) {
      const response = await fetch(`${baseUrl}${pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toContain(`<title>${title}</title>`);
    }
  });

  it("sends a browser's GET /graphql to the explorer and leaves every other /graphql request to Apollo", async () => {
    const browser = await fetch(`${baseUrl}/graphql`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(await browser.text()).toContain("<title>explorer</title>");
    const client = await fetch(`${baseUrl}/graphql?query=%7B__typename%7D`, {
      headers: { accept: "application/json" },
    });
    expect(await client.text()).toBe("unrouted");
    const post = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { accept: "text/html" },
      body: "{}",
    });
    expect(await post.text()).toBe("unrouted");
  });

  it("serves assets with their content type, hashed ones as immutable", async () => {
    const script = await fetch(`${baseUrl}/web/assets/app-1234.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await script.text()).toBe("console.log(1);");
    const style = await fetch(`${baseUrl}/web/assets/app-1234.css`);
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const head = await fetch(`${baseUrl}/web/assets/app-1234.js`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("15");
    expect(await head.text()).toBe("");
  });

  it("refuses paths that leave the build folder, however they are written", async () => {
    for (const pathname of [
      "/web/../secret.txt",
      "/web/assets/../../secret.txt",
      "/web/..%2fsecret.txt",
      "/web/%2e%2e/secret.txt",
      "/web/assets/..%2f..%2fsecret.txt",
      "/web/%2e%2e%2fsecret.txt",
      "/web/assets%00/../../secret.txt",
      "/web/%E0%A4%A",
      "/web/",
      "/web/assets",
    ]) {
      expect([404, 400], pathname).toContain(await rawGet(pathname));
    }
  });

  it("lists the saved operations in file order, titled by their first comment line", async () => {
    const response = await fetch(`${baseUrl}/explorer/operations.json`);
    expect(await response.json()).toEqual({
      operations: [
        { name: "a", title: "a", query: "query A { dataset { latestDate } }\n" },
        {
          name: "b",
          title: "Second question?",
          query: "# Second question?\n# rows: dataset\nquery B { dataset { areaCount } }\n",
        },
      ],
    });
  });

  it("lists operations/ as the downloads read it: one reader for both", async () => {
    const served = await listen(createWebRoutes());
    try {
      const response = await fetch(`${served.baseUrl}/explorer/operations.json`);
      const body = (await response.json()) as {
        operations: { name: string; title: string; query: string }[];
      };
      expect(body.operations).toEqual(
        [...readSavedOperations().values()].map(({ name, title, document }) => ({
          name,
          title,
          query: document,
        })),
      );
      expect(body.operations.find((operation) => operation.name === "statusHistory")?.title).toBe(
        "One footprint's path from STP to ICS, with every source",
      );
    } finally {
      await new Promise<void>((resolve) => {
        served.server.close(() => {
          resolve();
        });
      });
    }
  });

  it("serves Apollo's Sandbox at /sandbox, pointed at /graphql", async () => {
    const response = await fetch(`${baseUrl}/sandbox`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("EmbeddedSandbox");
    expect(html).toContain('var initialEndpoint = new URL("/graphql", window.location.href).href;');
  });

  it("answers 503 with how to build when the build is missing", async () => {
    const missing = await listen(createWebRoutes({ distDir: path.join(root, "nowhere") }));
    try {
      for (const pathname of ["/explorer", "/view"]) {
        const response = await fetch(`${missing.baseUrl}${pathname}`);
        expect(response.status).toBe(503);
        expect(await response.text()).toContain("npm run build:web");
      }
    } finally {
      await new Promise<void>((resolve) => {
        missing.server.close(() => {
          resolve();
        });
      });
    }
  });
});
