import type { KindCoverage } from "../analysis/classifyOverlaps.js";
import type { Database } from "./database.js";
import type { DatasetModel, SourceModel } from "./models.js";
import { isoDate } from "./temporal.js";

const READ_DATASET = `
OPTIONAL MATCH (d:Dataset {key: 'seed'})
RETURN d.coversFrom AS coversFrom, d.latestDate AS latestDate, coalesce(d.areaCount, 0) AS areaCount,
       d.loadedAt AS loadedAt`;

/** What the loaded data covers; all nulls and zero before the first load. */
export async function readDataset(db: Database): Promise<DatasetModel> {
  const result = await db.read(READ_DATASET);
  const record = result.records[0];
  if (record === undefined) return { coversFrom: null, latestDate: null, areaCount: 0, loadedAt: null };
  return {
    coversFrom: isoDate(record.get("coversFrom")),
    latestDate: isoDate(record.get("latestDate")),
    areaCount: record.get("areaCount") as number,
    loadedAt: (record.get("loadedAt") as string | null) ?? null,
  };
}

const READ_DATASET_DEFAULTS = `
OPTIONAL MATCH (d:Dataset {key: 'seed'})
CALL () {
  MATCH (k:KindCoverage)
  RETURN collect({kind: k.kind, validFrom: k.validFrom, validTo: k.validTo}) AS coverage
}
RETURN d.latestDate AS latestDate, coverage`;

/** The data's latest date, and for each geography kind the intervals on which it places areas. */
export interface DatasetDefaultsRow {
  latestDate: string | null;
  kindCoverage: ReadonlyMap<string, KindCoverage>;
}

export async function readDatasetDefaults(db: Database): Promise<DatasetDefaultsRow> {
  const result = await db.read<{
    latestDate: unknown;
    coverage: { kind: string; validFrom: unknown[]; validTo: unknown[] }[];
  }>(READ_DATASET_DEFAULTS);
  const record = result.records[0];
  if (record === undefined) return { latestDate: null, kindCoverage: new Map() };
  return {
    latestDate: isoDate(record.get("latestDate")),
    kindCoverage: new Map(
      record.get("coverage").map((k) => [
        k.kind,
        {
          validFrom: k.validFrom.map((d) => isoDate(d) ?? ""),
          validTo: k.validTo.map((d) => {
            const end = isoDate(d);
            return end === "9999-12-31" ? null : end;
          }),
        },
      ]),
    ),
  };
}

const LIST_SOURCES = `
MATCH (s:Source)
RETURN s { .id, .file, .title, .publisher, .licence, .evidence, .url } AS source
ORDER BY s.id`;

/** Every source of the seed, ordered by id. */
export async function listSources(db: Database): Promise<SourceModel[]> {
  const result = await db.read<{ source: SourceModel }>(LIST_SOURCES);
  return result.records.map((record) => {
    const s = record.get("source");
    return {
      id: s.id,
      file: s.file,
      title: s.title,
      publisher: s.publisher ?? null,
      licence: s.licence ?? null,
      evidence: s.evidence,
      url: s.url ?? null,
    };
  });
}

const HAS_DATA = "MATCH (d:Dataset {key: 'seed'}) RETURN count(d) > 0 AS loaded";

/** True once a seed load has completed in this database. */
export async function isDatasetLoaded(db: Database): Promise<boolean> {
  const result = await db.read<{ loaded: boolean }>(HAS_DATA);
  return result.records[0]?.get("loaded") ?? false;
}
