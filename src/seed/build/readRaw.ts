import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { SOURCE_CATALOGUE, type SourceDefinition } from "./sourceCatalogue.js";
import { SeedBuildError } from "./seedBuildError.js";

/** One data row of a raw file, with the 1-based line it starts on. */
export interface RawRow {
  sourceId: string;
  line: number;
  cells: readonly string[];
  /** The trimmed value of a named column; throws when the file has no such column. */
  get(column: string): string;
  /** The trimmed value of a 1-based column; throws when the row is shorter. */
  at(column: number): string;
}

/** The rows of one raw file. */
export interface RawTable {
  source: SourceDefinition;
  header: readonly string[] | null;
  rows: readonly RawRow[];
}

/** Every raw file of the catalogue, by source id. */
export type RawData = ReadonlyMap<string, RawTable>;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Parses CSV text (BOM stripped) into rows numbered by the line each record starts on. */
export function parseRawTable(source: SourceDefinition, text: string): RawTable {
  let records: ParsedRecord[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (error) {
    throw new SeedBuildError(`${source.file}: malformed CSV (${(error as Error).message})`);
  }
  const header = source.hasHeader ? (records[0]?.record.map((cell) => cell.trim()) ?? []) : null;
  const index = new Map((header ?? []).map((name, i) => [name, i]));
  const dataRecords = source.hasHeader ? records.slice(1) : records;
  const rows = dataRecords.map(({ record, info }): RawRow => {
    // info.lines is the line a record ends on; quoted newlines make it start earlier.
    const embedded = record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - embedded;
    const cellAt = (i: number, label: string): string => {
      const value = record[i];
      if (value === undefined)
        throw new SeedBuildError(`${source.file}:${line}: no value for column ${label}`);
      return value.trim();
    };
    return {
      sourceId: source.id,
      line,
      cells: record,
      get(column) {
        const i = index.get(column);
        if (i === undefined) throw new SeedBuildError(`${source.file}: no column "${column}" in the header`);
        return cellAt(i, column);
      },
      at(column) {
        return cellAt(column - 1, String(column));
      },
    };
  });
  return { source, header, rows };
}

/** Reads every file of the catalogue from rawDir; a missing or malformed file stops the build. */
export async function readRaw(rawDir: string): Promise<RawData> {
  const tables = new Map<string, RawTable>();
  for (const source of SOURCE_CATALOGUE) {
    let text: string;
    try {
      text = await readFile(join(rawDir, source.file), "utf8");
    } catch (error) {
      throw new SeedBuildError(`cannot read ${source.file} in ${rawDir} (${(error as Error).message})`);
    }
    tables.set(source.id, parseRawTable(source, text));
  }
  return tables;
}

/** The table of a source id; throws when the catalogue has no such source. */
export function rawTable(raw: RawData, sourceId: string): RawTable {
  const table = raw.get(sourceId);
  if (table === undefined) throw new SeedBuildError(`no raw table for source ${sourceId}`);
  return table;
}
