import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/graph/database.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { readOperation, startTestServer, type TestServer } from "../helpers/testServer.js";

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  server = await startTestServer(db);
});

afterAll(async () => {
  await server.stop();
  await db.close();
});

async function withStatus(status: string, asOf: string): Promise<string[]> {
  const result = await server.execute(readOperation("footprintsWithStatus"), { status, asOf });
  expect(result.errors).toBeUndefined();
  return (result.data as { footprintsWithStatus: { code: string }[] }).footprintsWithStatus.map(
    (f) => f.code,
  );
}

async function history(
  code: string,
): Promise<
  { status: string; system: string; wholeFootprint: boolean; effectiveFrom: string | null; source: string }[]
> {
  const result = await server.execute(readOperation("statusHistory"), { code });
  expect(result.errors).toBeUndefined();
  return (result.data as { statusHistory: [] }).statusHistory;
}

describe("footprint status over time", () => {
  it("has Frimley a shadow ACS on 2017-09-01 and a shadow ICS on 2018-06-01", async () => {
    expect(await withStatus("SHADOW_ACS", "2017-09-01")).toContain("E54000034");
    expect(await withStatus("SHADOW_ICS", "2018-06-01")).toContain("E54000034");
    expect(await withStatus("SHADOW_ACS", "2018-06-01")).not.toContain("E54000034");
  });

  it("has Greater Manchester and Surrey Heartlands as ICSs on 2018-06-01", async () => {
    const ics = await withStatus("ICS", "2018-06-01");
    expect(ics).toEqual(expect.arrayContaining(["E54000007", "E54000035"]));
  });

  it("gives Derbyshire an empty history: a gap, not a guess", async () => {
    expect(await history("E54000012")).toEqual([]);
  });

  it("keeps Blackpool and Fylde Coast in Lancashire and South Cumbria's history without making the footprint a shadow ACS", async () => {
    const rows = await history("E54000048");
    const blackpool = rows.filter((r) => r.system.includes("Blackpool"));
    expect(blackpool.length).toBeGreaterThan(0);
    expect(blackpool.every((r) => !r.wholeFootprint)).toBe(true);
    expect(await withStatus("SHADOW_ACS", "2017-09-01")).not.toContain("E54000048");
  });

  it("lists a history oldest first, each change with its source address", async () => {
    const rows = await history("E54000034");
    const dates = rows.map((r) => r.effectiveFrom).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort());
    expect(rows.every((r) => r.source.startsWith("http"))).toBe(true);
  });

  it("follows a footprint across its April 2020 recode", async () => {
    const before = await history("E54000005");
    const after = await history("E54000054");
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });

  it("gives each footprint's status on a date as a field, for lists of footprints", async () => {
    const result = await server.execute(`{
      frimley: geography(code: "E54000034", asOf: "2017-09-01") { ... on Footprint { status { status effectiveFrom } } }
      derbyshire: geography(code: "E54000012", asOf: "2019-06-01") { ... on Footprint { status { status } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      frimley: {
        status: { status: "SHADOW_ACS", effectiveFrom: expect.stringMatching(/^2017-/) as unknown },
      },
      derbyshire: { status: null },
    });
  });
});
