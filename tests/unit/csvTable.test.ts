import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsvTable, type SeedProblem } from "../../src/seed/csvTable.js";

const dir = mkdtempSync(path.join(tmpdir(), "csv-table-"));

async function read(text: string) {
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  const problems: SeedProblem[] = [];
  const table = await readCsvTable(file, "t.csv", ["a", "b"], problems);
  return { rows: table.rows.map((r) => [r.line, r.get("a"), r.get("b")]), problems };
}

describe("readCsvTable", () => {
  it("reads a file without quotes as the CSV parser reads the same file with them: rows, lines, problems", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const plain = ["\uFEFFa,b", "x,1", "", "y,2", "z", "w,3,extra", ""].join(eol);
      const quoted = ['\uFEFF"a","b"', '"x","1"', "", '"y","2"', '"z"', '"w","3","extra"', ""].join(eol);
      const fast = await read(plain);
      const parsed = await read(quoted);
      expect(fast).toEqual(parsed);
      expect(fast.rows).toEqual([
        [2, "x", "1"],
        [4, "y", "2"],
      ]);
      expect(fast.problems.map((p) => p.line)).toEqual([5, 6]);
    }
  });
});
