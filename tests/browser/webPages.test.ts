import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";
import type { Context } from "../../src/context.js";
import type { Database } from "../../src/graph/database.js";
import { createDefaultAsOf } from "../../src/graphql/defaultAsOf.js";
import { createHttpServer } from "../../src/http/httpServer.js";
import { readSavedOperations, type SavedOperation } from "../../src/http/savedOperations.js";
import { createWebRoutes } from "../../src/http/webRoutes.js";
import { createServer } from "../../src/server.js";
import { ensureWebBuild } from "../../web/ensureWebBuild.js";
import { launchHeadlessChromium, type HeadlessChromium } from "../helpers/headlessChromium.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";

let db: Database;
let apollo: ApolloServer<Context>;
let http: Server;
let baseUrl: string;
let browser: HeadlessChromium;
let operations: SavedOperation[];
/** The page the running test opened; closed after it. */
let openPage: Page | undefined;

beforeAll(async () => {
  ensureWebBuild();
  operations = await readSavedOperations(path.join(repoRoot, "operations"));
  db = connectTestDatabase();
  apollo = createServer({ introspection: true, logError: () => undefined });
  await apollo.start();
  // The HTTP server npm start runs, on the tests' Neo4j and a free port.
  http = createHttpServer({
    routes: createWebRoutes(),
    apollo,
    db,
    defaultAsOf: createDefaultAsOf(db),
    maxPageSize: 100,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await launchHeadlessChromium();
});

afterAll(async () => {
  await browser.close();
  await new Promise<void>((resolve) => {
    http.close(() => {
      resolve();
    });
    http.closeAllConnections();
  });
  await apollo.stop();
  await db.close();
});

afterEach(async () => {
  await openPage?.close();
  openPage = undefined;
  // The pages work offline: nothing they load or ask for leaves this machine.
  expect(browser.offMachineRequests).toEqual([]);
});

/** Opens a page; `before` runs once the tab exists, before it navigates (to catch its first requests). */
async function open(pathAndQuery: string, before?: (tab: Page) => void): Promise<Page> {
  const tab = await browser.context.newPage();
  openPage = tab;
  before?.(tab);
  await tab.goto(`${baseUrl}${pathAndQuery}`);
  return tab;
}

/** The JSON body of the next POST /graphql whose operation contains `text`. */
async function nextGraphQLAnswer(where: Page, text: string): Promise<unknown> {
  const response = await where.waitForResponse(
    (candidate) =>
      candidate.url().endsWith("/graphql") && (candidate.request().postData() ?? "").includes(text),
  );
  return response.json();
}

describe("the explorer (/explorer)", () => {
  it("opens every saved operation as a tab, with its title, and runs one", async () => {
    let introspection: Promise<unknown> = Promise.resolve(undefined);
    const page = await open("/explorer", (tab) => {
      introspection = nextGraphQLAnswer(tab, "IntrospectionQuery");
    });
    // Introspection is on: GraphiQL has the schema.
    expect(await introspection).toMatchObject({ data: { __schema: { queryType: { name: "Query" } } } });

    await expect
      .poll(() => page.locator(".graphiql-tab").count(), { timeout: 30_000 })
      .toBe(operations.length);
    for (const operation of operations) {
      await expect
        .poll(() => page.locator(`button[data-operation="${operation.name}"]`).innerText())
        .toContain(operation.title);
    }

    await page.locator('button[data-operation="ldrsAcrossStps"]').click();
    await expect.poll(() => page.locator(".graphiql-tab-active").innerText()).toContain("LdrsAcrossStps");
    const answer = nextGraphQLAnswer(page, "LdrsAcrossStps");
    await page.locator(".graphiql-execute-button").click();
    const body = (await answer) as {
      data: { coterminosity: { geographies: { geography: { code: string }; verdict: string }[] } };
    };
    const peninsula = body.data.coterminosity.geographies.find(
      (entry) => entry.geography.code === "LDR-PENINSULA",
    );
    expect(peninsula?.verdict).toBe("UNION");
    await expect
      .poll(() => page.locator(".graphiql-response").innerText(), { timeout: 15_000 })
      .toContain('"coterminosity"');
    await page.screenshot({ path: browser.screenshotPath("explorer-ldrs-across-stps") });
  });

  it("is what a browser gets from GET /graphql, while other GETs still reach Apollo", async () => {
    const page = await open("/graphql");
    await expect
      .poll(() => page.locator(".graphiql-tab").count(), { timeout: 30_000 })
      .toBe(operations.length);

    const apolloAnswer = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(await apolloAnswer.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("the relationship view (/view)", () => {
  let page: Page;
  const row = (code: string) => page.locator(`g.row[data-row="${code}"]`);

  it("shows Devon and Cornwall nested in the one LDR that spans them, Peninsula", async () => {
    page = await open("/view");
    await row("E54000037").waitFor({ timeout: 30_000 });
    for (const code of ["E54000037", "E54000036"]) {
      expect(await row(code).getAttribute("data-verdict")).toBe("NESTED");
      expect(await row(code).getAttribute("data-highlighted")).toBe("true");
    }
    const peninsula = page.locator('g.column-label[data-column="LDR-PENINSULA"]');
    expect(await peninsula.getAttribute("data-highlighted")).toBe("true");
    // Every LDR is reconstructed from documents: drawn as less certain.
    expect(await peninsula.getAttribute("data-less-certain")).toBe("true");
    expect(await page.locator(".findings").innerText()).toContain(
      "Peninsula Local Digital Roadmap spans 2 STPs",
    );
    // STPs with no LDR at all are a gap in the data, not a verdict to highlight.
    expect(await page.locator('g.row[data-verdict="NONE"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: browser.screenshotPath("view-stp-ldr"), fullPage: true });
  });

  it("shows Peninsula as the union of two STPs when LDRs are the rows", async () => {
    page = await open("/view");
    await row("E54000037").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "LDR × STP" }).click();
    await row("LDR-PENINSULA").waitFor();
    expect(await row("LDR-PENINSULA").getAttribute("data-verdict")).toBe("UNION");
    expect(await row("LDR-PENINSULA").getAttribute("data-highlighted")).toBe("true");
    await page.screenshot({ path: browser.screenshotPath("view-ldr-stp"), fullPage: true });
  });

  it("highlights the 17 councils that straddle STP boundaries on 2017-06-01", async () => {
    page = await open("/view");
    await row("E54000037").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Councils × STP" }).click();
    await row("E06000047").waitFor();
    expect(await page.locator('input[name="asOf"]').inputValue()).toBe("2017-06-01");
    const straddling = page.locator('g.row[data-verdict="STRADDLES"][data-highlighted="true"]');
    expect(await straddling.count()).toBe(17);
    for (const code of ["E06000047", "E08000025"]) {
      expect(await row(code).getAttribute("data-verdict")).toBe("STRADDLES");
    }
    await page.locator('button.chip[data-verdict="STRADDLES"]').click();
    await expect.poll(() => page.locator("g.row").count()).toBe(17);
    expect(await page.locator(".findings").innerText()).toContain("17 councils straddle STP boundaries");
    await row("E08000025").click();
    const panel = page.getByTestId("geography-panel");
    await expect.poll(() => panel.getAttribute("data-code"), { timeout: 15_000 }).toBe("E08000025");
    expect(await panel.getByTestId("overlaps").innerText()).toContain(
      "The Black Country and West Birmingham",
    );
    await page.screenshot({ path: browser.screenshotPath("view-councils-stp-straddles"), fullPage: true });
  });

  it("opens a geography's members, leaders and overlaps on click", async () => {
    page = await open("/view");
    await row("E54000037").click({ timeout: 30_000 });
    const panel = page.getByTestId("geography-panel");
    await expect.poll(() => panel.getAttribute("data-code"), { timeout: 15_000 }).toBe("E54000037");
    expect(await panel.getByTestId("members").innerText()).toContain(
      "NHS Northern, Eastern and Western Devon CCG",
    );
    expect(await panel.getByTestId("leaders").innerText()).toContain("Angela Pedder");
    expect(await panel.getByTestId("overlaps").innerText()).toContain("Peninsula Local Digital Roadmap");
    await page.screenshot({ path: browser.screenshotPath("view-devon-details") });

    await page.locator('g.column-label[data-column="LDR-PENINSULA"]').click();
    await expect.poll(() => panel.getAttribute("data-code"), { timeout: 15_000 }).toBe("LDR-PENINSULA");
    expect(await panel.getByTestId("members").innerText()).toContain("NHS Kernow CCG");
    expect(await panel.innerText()).toContain("Reconstructed from published documents");
    await page.screenshot({ path: browser.screenshotPath("view-peninsula-details") });
  });
});
