import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer } from "@apollo/server";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context.js";
import { readSavedOperations, type SavedOperation } from "../../src/downloads/savedOperations.js";
import type { Database } from "../../src/graph/database.js";
import { createDatasetDefaults } from "../../src/graphql/datasetDefaults.js";
import { createDownloadRoute } from "../../src/http/downloadRoute.js";
import { createHttpServer } from "../../src/http/httpServer.js";
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
  operations = [...readSavedOperations().values()];
  db = connectTestDatabase();
  apollo = createServer({ introspection: true, logError: () => undefined });
  await apollo.start();
  // The HTTP server npm start runs, with its downloads, on the tests' Neo4j and a free port.
  const defaults = createDatasetDefaults(db);
  const downloads = createDownloadRoute({
    apollo,
    db,
    defaults,
    maxPageSize: 100,
    operations: readSavedOperations(),
  });
  http = createHttpServer({
    routes: [...createWebRoutes(), downloads],
    apollo,
    db,
    defaults,
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

/** Fetches a link the page holds, as a browser following it would, from the test's own server. */
async function follow(href: string | null): Promise<Response> {
  expect(href).not.toBeNull();
  return fetch(new URL(href ?? "", baseUrl));
}

/** The JSON body of the next POST /graphql whose query document contains `text`. */
async function nextGraphQLAnswer(where: Page, text: string): Promise<unknown> {
  const response = await where.waitForResponse(
    (candidate) =>
      candidate.url().endsWith("/graphql") && queryDocumentOf(candidate.request().postData()).includes(text),
  );
  return response.json();
}

function queryDocumentOf(postData: string | null): string {
  try {
    const body = JSON.parse(postData ?? "{}") as { query?: unknown };
    return typeof body.query === "string" ? body.query : "";
  } catch {
    return "";
  }
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
    // The editor follows the tab a moment later; executing before then would send the previous query.
    await expect.poll(() => page.locator(".graphiql-query-editor").innerText()).toContain("LdrsAcrossStps");
    const answer = nextGraphQLAnswer(page, "LdrsAcrossStps");
    await page.locator(".graphiql-execute-button").click();
    const body = (await answer) as {
      data: { coterminosity: { geographies: { geography: { code: string }; verdict: string }[] } };
    };
    expect(body, JSON.stringify(body).slice(0, 500)).toHaveProperty("data.coterminosity.geographies");
    const peninsula = body.data.coterminosity.geographies.find(
      (entry) => entry.geography.code === "LDR-PENINSULA",
    );
    expect(peninsula?.verdict).toBe("UNION");
    await expect.poll(() => page.locator(".graphiql-response").innerText()).toContain('"coterminosity"');
    await page.screenshot({ path: browser.screenshotPath("explorer-ldrs-across-stps") });
  });

  it("shows the chosen tab's query once the editor has loaded, panel open or not, and offers saved operations only then", async () => {
    // Hold back the editor's code, so that the tabs show while the editor is still loading.
    let releaseEditor = (): void => undefined;
    const editorHeld = new Promise<void>((resolve) => {
      releaseEditor = resolve;
    });
    const page = await open("/explorer", (tab) => {
      void tab.route(/\/monaco-editor-[^/]*\.js$/, async (route) => {
        await editorHeld;
        await route.continue();
      });
    });
    await expect
      .poll(() => page.locator(".graphiql-tab").count(), { timeout: 30_000 })
      .toBe(operations.length);
    const savedOperation = page.locator('button[data-operation="peopleWithSeveralRoles"]');
    expect(await savedOperation.isDisabled()).toBe(true);
    expect(await page.locator(".saved-operations").innerText()).toContain("Loading the editor");
    await page.screenshot({ path: browser.screenshotPath("explorer-while-editor-loads") });

    // With the panel closed, choose a tab other than the one the editor would start with.
    await page.getByRole("button", { name: "Hide Saved operations" }).click();
    await expect.poll(() => page.locator(".saved-operations").count()).toBe(0);
    const activeTitle = await page.locator(".graphiql-tab-active").innerText();
    const chosenTitle = activeTitle.includes("LdrsAcrossStps") ? "PeopleWithSeveralRoles" : "LdrsAcrossStps";
    await page.locator(".graphiql-tab", { hasText: chosenTitle }).locator("button").first().click();
    await expect.poll(() => page.locator(".graphiql-tab-active").innerText()).toContain(chosenTitle);

    releaseEditor();
    await expect
      .poll(() => page.locator(".graphiql-query-editor").innerText(), { timeout: 30_000 })
      .toContain(chosenTitle);
    await page.getByRole("button", { name: "Show Saved operations" }).click();
    await expect.poll(() => savedOperation.isDisabled()).toBe(false);
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
    await expect.poll(() => panel.getAttribute("data-code")).toBe("E08000025");
    expect(await panel.getByTestId("overlaps").innerText()).toContain(
      "The Black Country and West Birmingham",
    );
    await page.screenshot({ path: browser.screenshotPath("view-councils-stp-straddles"), fullPage: true });
  });

  it("opens a geography's members, leaders and overlaps on click", async () => {
    page = await open("/view");
    await row("E54000037").click({ timeout: 30_000 });
    const panel = page.getByTestId("geography-panel");
    await expect.poll(() => panel.getAttribute("data-code")).toBe("E54000037");
    expect(await panel.getByTestId("members").innerText()).toContain(
      "NHS Northern, Eastern and Western Devon CCG",
    );
    expect(await panel.getByTestId("leaders").innerText()).toContain("Angela Pedder");
    expect(await panel.getByTestId("overlaps").innerText()).toContain("Peninsula Local Digital Roadmap");
    await page.screenshot({ path: browser.screenshotPath("view-devon-details") });

    await page.locator('g.column-label[data-column="LDR-PENINSULA"]').click();
    await expect.poll(() => panel.getAttribute("data-code")).toBe("LDR-PENINSULA");
    expect(await panel.getByTestId("members").innerText()).toContain("NHS Kernow CCG");
    expect(await panel.innerText()).toContain("Reconstructed from published documents");
    await page.screenshot({ path: browser.screenshotPath("view-peninsula-details") });
  });

  it("badges each STP with its status on the view's date and offers the table as a download", async () => {
    page = await open("/view?left=STP&right=CCG&asOf=2018-06-01&focus=E54000034");
    const badge = (code: string) => row(code).locator(".status-badge");
    await expect
      .poll(() => badge("E54000034").getAttribute("data-status"), { timeout: 30_000 })
      .toBe("SHADOW_ICS");
    expect(await badge("E54000034").locator("text").textContent()).toBe("SHADOW_ICS");
    expect(await badge("E54000007").getAttribute("data-status")).toBe("ICS");
    expect(await badge("E54000035").getAttribute("data-status")).toBe("ICS");
    // Derbyshire: no source gives a status, so no badge (a gap, never a guess).
    expect(await row("E54000012").count()).toBe(1);
    expect(await badge("E54000012").count()).toBe(0);
    expect(await page.getByTestId("status-legend").innerText()).toContain("status on 2018-06-01");

    const panel = page.getByTestId("geography-panel");
    await expect.poll(() => panel.getAttribute("data-code")).toBe("E54000034");
    expect(await panel.getByTestId("panel-status").innerText()).toContain("Status on 2018-06-01: SHADOW_ICS");
    const history = panel.getByTestId("status-history");
    const statuses = await history
      .locator("li")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
    expect(statuses).toEqual(expect.arrayContaining(["CANDIDATE", "SHADOW_ACS", "SHADOW_ICS"]));
    expect(await history.locator("li.current").getAttribute("data-status")).toBe("SHADOW_ICS");
    expect(await history.locator("a.source-link").first().getAttribute("href")).toMatch(/^https?:\/\//);
    await page.screenshot({ path: browser.screenshotPath("view-statuses") });

    const table = page.locator('[data-download="coterminosity"] a', { hasText: "CSV" });
    const href = await table.getAttribute("href");
    expect(href).toBe("/download/coterminosity.csv?left=STP&right=CCG&asOf=2018-06-01");
    const csv = await follow(href);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain("E54000034,Frimley Health and Care ICS,");
    const json = await follow(
      await page.locator('[data-download="coterminosity"] a', { hasText: "JSON" }).getAttribute("href"),
    );
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");

    const historyCsv = await follow(
      await history.locator('[data-download="statusHistory"] a', { hasText: "CSV" }).getAttribute("href"),
    );
    expect(historyCsv.url).toBe(`${baseUrl}/download/statusHistory.csv?code=E54000034`);
    expect(historyCsv.status).toBe(200);
    expect(historyCsv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await historyCsv.text()).toContain("SHADOW_ICS,Frimley Health,true");
  });

  it("badges STP columns too, and shows the status at the date it is set to", async () => {
    page = await open("/view?left=LOCAL_AUTHORITY&right=STP&asOf=2018-06-01");
    const badge = (code: string) => page.locator(`g.column-label[data-column="${code}"] .status-badge`);
    await expect
      .poll(() => badge("E54000034").getAttribute("data-status"), { timeout: 30_000 })
      .toBe("SHADOW_ICS");
    expect(await badge("E54000007").getAttribute("data-status")).toBe("ICS");

    await page.locator('input[name="asOf"]').fill("2017-09-01");
    await expect
      .poll(() => badge("E54000034").getAttribute("data-status"), { timeout: 30_000 })
      .toBe("SHADOW_ACS");
    expect(await page.getByTestId("status-legend").innerText()).toContain("status on 2017-09-01");
  });
});
