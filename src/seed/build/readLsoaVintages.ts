import { rawTable, type RawData } from "./readRaw.js";
import { refOf, type SourceRef } from "./sourceRef.js";
import { SeedBuildError } from "./seedBuildError.js";

/** One LSOA as one LSOA lookup places it. */
export interface LsoaPlacement {
  name: string;
  ccgCode: string;
  ladCode: string;
  ladName: string;
  /** Null where the lookup has no STP column (April 2016). */
  stpCode: string | null;
  ref: SourceRef;
}

/** The LSOA-level lookups by vintage label (2016, 2017, 2018), each keyed by LSOA code. */
export type LsoaVintages = Map<string, Map<string, LsoaPlacement>>;

interface Layout {
  label: string;
  sourceId: string;
  ccg: string;
  lad: string;
  ladName: string;
  stp: string | null;
}

const LAYOUTS: readonly Layout[] = [
  {
    label: "2016",
    sourceId: "ons-lsoa-ccg16-lad16",
    ccg: "CCG16CD",
    lad: "LAD16CD",
    ladName: "LAD16NM",
    stp: null,
  },
  {
    label: "2017",
    sourceId: "ons-lsoa-ccg17-stp17-lad17",
    ccg: "CCG17CD",
    lad: "LAD17CD",
    ladName: "LAD17NM",
    stp: "STP17CD",
  },
  {
    label: "2018",
    sourceId: "ons-lsoa-ccg18-stp18-lad18",
    ccg: "CCG18CD",
    lad: "LAD18CD",
    ladName: "LAD18NM",
    stp: "STP18CD",
  },
];

/**
 * Reads the April 2016, 2017 and 2018 LSOA lookups. Fails unless all hold the same LSOAs with the
 * same names, and unless the April 2017 Version 4 lookup agrees with the April 2017 STP lookup.
 */
export function readLsoaVintages(raw: RawData): LsoaVintages {
  const vintages: LsoaVintages = new Map();
  for (const layout of LAYOUTS) {
    const byCode = new Map<string, LsoaPlacement>();
    for (const row of rawTable(raw, layout.sourceId).rows) {
      const code = row.get("LSOA11CD");
      if (!/^E01\d{6}$/.test(code))
        throw new SeedBuildError(`${layout.sourceId}:${row.line}: bad LSOA code ${code}`);
      if (byCode.has(code))
        throw new SeedBuildError(`${layout.sourceId}:${row.line}: LSOA ${code} listed twice`);
      byCode.set(code, {
        name: row.get("LSOA11NM"),
        ccgCode: row.get(layout.ccg),
        ladCode: row.get(layout.lad),
        ladName: row.get(layout.ladName),
        stpCode: layout.stp === null ? null : row.get(layout.stp),
        ref: refOf(row),
      });
    }
    vintages.set(layout.label, byCode);
  }
  const first = vintages.get("2016") ?? new Map<string, LsoaPlacement>();
  for (const [label, byCode] of vintages) {
    if (byCode.size !== first.size)
      throw new SeedBuildError(`LSOA lookup ${label} has ${byCode.size} areas, 2016 has ${first.size}`);
    for (const [code, placement] of byCode) {
      const base = first.get(code);
      if (base === undefined || base.name !== placement.name) {
        throw new SeedBuildError(`LSOA ${code} is missing or named differently in the ${label} lookup`);
      }
    }
  }
  const april2017 = vintages.get("2017") ?? new Map<string, LsoaPlacement>();
  const version4 = rawTable(raw, "ons-lsoa-ccg17-lad17-v4").rows;
  if (version4.length !== april2017.size)
    throw new SeedBuildError("the April 2017 LSOA lookups differ in size");
  for (const row of version4) {
    const placement = april2017.get(row.get("LSOA11CD"));
    if (
      placement === undefined ||
      placement.ccgCode !== row.get("CCG17CD") ||
      placement.ladCode !== row.get("LAD17CD") ||
      placement.name !== row.get("LSOA11NM")
    ) {
      throw new SeedBuildError(
        `ons-lsoa-ccg17-lad17-v4:${row.line}: disagrees with the April 2017 STP lookup`,
      );
    }
  }
  return vintages;
}
