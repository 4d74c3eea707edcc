import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { buildImportFiles, type ImportFile } from "../../src/seed/importFiles.js";
import { deriveSeed } from "../../src/seed/loadSeed.js";
import { readValidSeed } from "../../src/seed/readSeed.js";
import type { Seed } from "../../src/seed/seedTypes.js";

const TINY_SEED = path.resolve(import.meta.dirname, "../fixtures/tinySeed");
const STAMP = { loadId: 4242, loadedAt: "2026-01-01T00:00:00Z" };

let seed: Seed;

beforeAll(async () => {
  seed = await readValidSeed(TINY_SEED);
});

function fileNamed(files: ImportFile[], name: string): ImportFile {
  const file = files.find((f) => f.name === name);
  if (file === undefined) throw new Error(`no ${name}`);
  return file;
}

/** The file's rows as the import tool's CSV reader sees them, keyed by header. */
function rowsOf(file: ImportFile): Record<string, string>[] {
  return parse<Record<string, string>>(file.text, { columns: true });
}

describe("buildImportFiles", () => {
  it("writes one row per seed record, nodes before relationships", () => {
    const files = buildImportFiles(seed, deriveSeed(seed), STAMP);
    const kinds = files.map((f) => f.kind);
    expect(kinds.indexOf("relationships")).toBe(kinds.lastIndexOf("nodes") + 1);
    expect(fileNamed(files, "areas.csv").rows).toBe(seed.areas.length);
    expect(rowsOf(fileNamed(files, "in.csv"))).toHaveLength(seed.areaMemberships.length);
    expect(rowsOf(fileNamed(files, "member_of.csv"))).toHaveLength(seed.memberships.length);
    for (const file of files) expect(rowsOf(file)).toHaveLength(file.rows);
  });

  it("gives organisations that cover ground the Geography label, as the transactional load does", () => {
    const organisations = rowsOf(
      fileNamed(buildImportFiles(seed, deriveSeed(seed), STAMP), "organisations.csv"),
    );
    const labelsOf = (code: string) => organisations.find((o) => o["code:ID(Entity)"] === code)?.[":LABEL"];
    expect(labelsOf("E38000001")).toBe("Organisation;Entity;Geography");
    expect(labelsOf("E06000001")).toBe("Organisation;Entity;Geography");
    expect(labelsOf("RAA")).toBe("Organisation;Entity");
  });

  it("leaves a missing value unquoted (no property), quotes every text and doubles its quotes", () => {
    const withQuote: Seed = {
      ...seed,
      sources: seed.sources.map((s, i) =>
        i === 0 ? { ...s, note: 'called "the lookup"', licence: null } : s,
      ),
    };
    const text = fileNamed(buildImportFiles(withQuote, deriveSeed(withQuote), STAMP), "sources.csv").text;
    const first = text.split("\n")[1] ?? "";
    expect(first).toContain('"called ""the lookup"""');
    // The licence column is empty and unquoted, so the import tool sets no property.
    expect(first).toMatch(/,4242,"[^"]*","[^"]*","[^"]*",,"/);
  });

  it("writes lists with the delimiter, leaves an empty list out, and refuses an item holding the delimiter", () => {
    const withFormer: Seed = {
      ...seed,
      footprints: seed.footprints.map((f, i) =>
        i === 0 ? { ...f, formerCodes: ["E54000901", "E54000902"] } : f,
      ),
    };
    const footprints = rowsOf(
      fileNamed(buildImportFiles(withFormer, deriveSeed(withFormer), STAMP), "footprints.csv"),
    );
    expect(footprints[0]?.["formerCodes:string[]"]).toBe("E54000901;E54000902");
    expect(footprints[1]?.["formerCodes:string[]"]).toBe("");
    const broken: Seed = {
      ...seed,
      footprints: seed.footprints.map((f, i) => (i === 0 ? { ...f, formerCodes: ["E5400;0901"] } : f)),
    };
    expect(() => buildImportFiles(broken, deriveSeed(broken), STAMP)).toThrow(
      'footprints.csv, column formerCodes:string[]: the list item "E5400;0901" holds the list delimiter ";"',
    );
  });
});
