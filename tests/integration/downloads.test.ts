import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSavedOperations } from "../../src/downloads/savedOperations.js";
import type { Database } from "../../src/graph/database.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { startTestHttp } from "../helpers/testHttp.js";
import { readOperation, startTestServer, type TestServer } from "../helpers/testServer.js";

let db: Database;
let http: { url: string; stop: () => Promise<void> };
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  http = await startTestHttp(db);
  server = await startTestServer(db);
});

afterAll(async () => {
  await server.stop();
  await http.stop();
  await db.close();
});

const COLUMNS = [
  "left_code",
  "left_name",
  "right_code",
  "right_name",
  "verdict",
  "relation",
  "shared_areas",
  "left_share",
  "right_share",
];

describe("downloads", () => {
  it("serves coterminosity as CSV with exactly the rows the GraphQL operation returns", async () => {
    const response = await fetch(`${http.url}/download/coterminosity.csv?left=STP&right=LDR&asOf=2017-03-01`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    // UTF-8 byte-order mark, so that Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual(COLUMNS);

    const graphql = await server.execute(readOperation("coterminosity"), {
      left: "STP",
      right: "LDR",
      asOf: "2017-03-01",
    });
    const report = (
      graphql.data as {
        coterminosity: {
          geographies: {
            geography: { code: string; name: string };
            verdict: string;
            overlaps: {
              right: { code: string; name: string };
              relation: string;
              sharedAreas: number;
              leftShare: number;
              rightShare: number;
            }[];
          }[];
        };
      }
    ).coterminosity;
    const expected = report.geographies.flatMap((g) =>
      g.overlaps.length === 0
        ? [
            {
              left_code: g.geography.code,
              left_name: g.geography.name,
              right_code: "",
              right_name: "",
              verdict: g.verdict,
              relation: "",
              shared_areas: "",
              left_share: "",
              right_share: "",
            },
          ]
        : g.overlaps.map((o) => ({
            left_code: g.geography.code,
            left_name: g.geography.name,
            right_code: o.right.code,
            right_name: o.right.name,
            verdict: g.verdict,
            relation: o.relation,
            shared_areas: String(o.sharedAreas),
            left_share: String(o.leftShare),
            right_share: String(o.rightShare),
          })),
    );
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r.right_code === "")).toBe(true);
  });

  it("serves the same rows as JSON", async () => {
    const csv = parse<Record<string, string>>(
      await (await fetch(`${http.url}/download/coterminosity.csv?left=LDR&right=STP`)).text(),
      { bom: true, columns: true },
    );
    const json = (await (
      await fetch(`${http.url}/download/coterminosity.json?left=LDR&right=STP`)
    ).json()) as Record<string, unknown>[];
    expect(
      json.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, v === null ? "" : String(v as string | number | boolean)]),
        ),
      ),
    ).toEqual(csv);
  });

  it("downloads every saved analyst operation as CSV and as JSON", async () => {
    for (const name of readSavedOperations().keys()) {
      for (const format of ["csv", "json"]) {
        const response = await fetch(`${http.url}/download/${name}.${format}`);
        expect(response.status, `${name}.${format}`).toBe(200);
        const body = await response.text();
        if (format === "csv") expect(parse(body, { bom: true, columns: true }), name).toBeInstanceOf(Array);
        else expect(JSON.parse(body), name).toBeInstanceOf(Array);
      }
    }
  });

  it.each([
    ["left=NOPE&right=LDR", "left"],
    ["left=STP&right=LDR&asOf=2017-02-30", "asOf"],
    ["left=STP&right=LDR&onlyMismatches=maybe", "onlyMismatches"],
    ["left=STP&right=LDR&colour=red", "colour"],
  ])("refuses %s with 400 naming %s", async (query, argument) => {
    const response = await fetch(`${http.url}/download/coterminosity.csv?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { argument?: string; error: string };
    expect(body.argument).toBe(argument);
  });
});
