import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/seed/csvTable.js";
import { readSeed } from "../../src/seed/readSeed.js";

const TINY_SEED = path.resolve(import.meta.dirname, "../fixtures/tinySeed");

/** A copy of the tiny seed with one file's text changed. */
async function brokenSeed(file: string, change: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "seed-"));
  await cp(TINY_SEED, dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, change(await readFile(target, "utf8")));
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  const result = await readSeed(dir);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("readSeed", () => {
  it("accepts a valid seed and reads every file", async () => {
    const result = await readSeed(TINY_SEED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.seed.areas).toHaveLength(4);
    expect(result.seed.memberships[0]).toEqual({
      memberCode: "E38000001",
      groupCode: "E54000001",
      validFrom: "2016-04-01",
      validTo: null,
      partial: false,
      evidence: "PUBLISHED",
      evidenceDetail: null,
      source: "ons-stp:2",
      note: null,
    });
    expect(result.seed.statusChanges[0]?.validFrom).toBe("2017-06");
  });

  it("names the file, line and column of a code that does not match its pattern", async () => {
    const dir = await brokenSeed("areas.csv", (t) => t.replace("E01000003", "E0100003"));
    expect(await problemsOf(dir)).toContain(
      'areas.csv:4: code: "E0100003" is not a valid LSOA (2011) code (expected /^E01\\d{6}$/)',
    );
  });

  it("refuses a reference that does not resolve", async () => {
    const dir = await brokenSeed("memberships.csv", (t) =>
      t.replace("E38000002,E54000001", "E38000009,E54000001"),
    );
    expect(await problemsOf(dir)).toEqual([
      'memberships.csv:3: member_code: "E38000009" is not in organisations.csv or footprints.csv',
    ]);
  });

  it("refuses a duplicated key and points at the first occurrence", async () => {
    const dir = await brokenSeed("organisations.csv", (t) => t.replace("E38000002,01B", "E38000001,01B"));
    expect(await problemsOf(dir)).toContain('organisations.csv:3: code: "E38000001" duplicates line 2');
  });

  it("refuses a date that does not parse, and an impossible one", async () => {
    const dir = await brokenSeed("memberships.csv", (t) =>
      t
        .replace("E38000002,E54000001,2016-04-01", "E38000002,E54000001,01/04/2016")
        .replace("RAA,E54000001,2017-04-01,2018-04-01", "RAA,E54000001,2017-02-30,2018-04-01"),
    );
    expect(await problemsOf(dir)).toEqual([
      'memberships.csv:3: valid_from: "01/04/2016" is not a date (YYYY-MM-DD)',
      'memberships.csv:5: valid_from: "2017-02-30" is not a date (YYYY-MM-DD)',
    ]);
  });

  it("refuses an interval whose end is not after its start", async () => {
    const dir = await brokenSeed("footprints.csv", (t) =>
      t.replace("2016-04-01,2017-04-01,reconstructed", "2017-04-01,2016-04-01,reconstructed"),
    );
    expect(await problemsOf(dir)).toEqual([
      "footprints.csv:3: valid_to: 2016-04-01 is not after valid_from 2017-04-01",
    ]);
  });

  it("refuses an area placed in two geographies of one kind on the same day", async () => {
    const dir = await brokenSeed(
      "area_memberships.csv",
      (t) => `${t}E01000001,E38000002,2017-04-01,,published,ons-lsoa:2\n`,
    );
    expect(await problemsOf(dir)).toEqual([
      "area_memberships.csv:8: valid_from: E01000001 is already in CCG E38000001 over part of this interval (line 2)",
    ]);
  });

  it("refuses an unknown evidence level, kind, status and source", async () => {
    const dir = await brokenSeed("status_history.csv", (t) =>
      t.replace("SHADOW_ACS", "SHADOWY").replace(",leads:2", ",nowhere:2"),
    );
    expect(await problemsOf(dir)).toEqual([
      'status_history.csv:2: status: "SHADOWY" is not one of CANDIDATE, DEVOLVED, SHADOW_ACS, ACS, SHADOW_ICS, ICS, ICP',
      'status_history.csv:2: source: source "nowhere" is not in sources.csv',
    ]);
  });

  it("reports a missing column once, at the header", async () => {
    const dir = await brokenSeed("leaders.csv", (t) => t.replace("person_id,", "person,"));
    expect(await problemsOf(dir)).toEqual([
      "leaders.csv:1: person_id: required column is missing from the header",
    ]);
  });

  it("reports every problem in every file, not only the first", async () => {
    const dir = await brokenSeed("areas.csv", (t) => t.replace("E01000001", "X").replace("E01000002", "Y"));
    const problems = await problemsOf(dir);
    expect(problems.filter((p) => p.startsWith("areas.csv:2:") || p.startsWith("areas.csv:3:"))).toHaveLength(
      2,
    );
    // The broken areas are also unknown where other files use them.
    expect(problems.some((p) => p.startsWith("area_memberships.csv:2: area_code"))).toBe(true);
  });
});
