import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { refOf, type SourceRef } from "./sourceRef.js";
import { SeedBuildError } from "./seedBuildError.js";

/** A CCG as one CCG → STP lookup lists it, with the STP row(s) it is in. */
export interface CcgEntry {
  code: string;
  odsCode: string;
  name: string;
  stps: { stpCode: string; ref: SourceRef }[];
  refs: SourceRef[];
}

/** An STP as one lookup names it. */
export interface StpEntry {
  code: string;
  name: string;
  refs: SourceRef[];
}

/** The CCGs and STPs of one vintage of the CCG → STP lookups. */
export interface CcgStpVintage {
  label: string;
  ccgs: Map<string, CcgEntry>;
  stps: Map<string, StpEntry>;
}

interface Layout {
  label: string;
  sourceId: string;
  ccg: string;
  ods: string;
  name: string;
  stp: string;
  stpName: string;
}

const LAYOUTS: readonly Layout[] = [
  {
    label: "2016",
    sourceId: "nhs111-ccg16-stp17",
    ccg: "CCG16CD",
    ods: "CCG16CDH",
    name: "CCG16NM",
    stp: "STP17CD",
    stpName: "STP17NM",
  },
  {
    label: "2017",
    sourceId: "ons-ccg17-stp17",
    ccg: "CCG17CD",
    ods: "CCG17CDH",
    name: "CCG17NM",
    stp: "STP17CD",
    stpName: "STP17NM",
  },
  {
    label: "2018",
    sourceId: "ons-ccg18-stp18",
    ccg: "CCG18CD",
    ods: "CCG18CDH",
    name: "CCG18NM",
    stp: "STP18CD",
    stpName: "STP18NM",
  },
  {
    label: "2019",
    sourceId: "ons-ccg19-stp19",
    ccg: "CCG19CD",
    ods: "CCG19CDH",
    name: "CCG19NM",
    stp: "STP19CD",
    stpName: "STP19NM",
  },
  {
    label: "2020",
    sourceId: "ons-ccg20-stp20",
    ccg: "CCG20CD",
    ods: "CCG20CDH",
    name: "CCG20NM",
    stp: "STP20CD",
    stpName: "STP20NM",
  },
];

function readVintage(raw: RawData, layout: Layout): CcgStpVintage {
  const ccgs = new Map<string, CcgEntry>();
  const stps = new Map<string, StpEntry>();
  for (const row of rawTable(raw, layout.sourceId).rows) {
    const code = row.get(layout.ccg);
    const stpCode = row.get(layout.stp);
    const stpName = row.get(layout.stpName);
    if (!/^E38\d{6}$/.test(code))
      throw new SeedBuildError(`${layout.sourceId}:${row.line}: bad CCG code ${code}`);
    if (!/^E54\d{6}$/.test(stpCode))
      throw new SeedBuildError(`${layout.sourceId}:${row.line}: bad STP code ${stpCode}`);
    const entry = ccgs.get(code);
    if (entry === undefined) {
      ccgs.set(code, {
        code,
        odsCode: row.get(layout.ods),
        name: row.get(layout.name),
        stps: [{ stpCode, ref: refOf(row) }],
        refs: [refOf(row)],
      });
    } else {
      if (entry.stps.some((s) => s.stpCode === stpCode)) {
        throw new SeedBuildError(`${layout.sourceId}:${row.line}: ${code} listed twice in ${stpCode}`);
      }
      entry.stps.push({ stpCode, ref: refOf(row) });
      entry.refs.push(refOf(row));
    }
    const stp = stps.get(stpCode);
    if (stp === undefined) stps.set(stpCode, { code: stpCode, name: stpName, refs: [refOf(row)] });
    else if (stp.name !== stpName) {
      throw new SeedBuildError(
        `${layout.sourceId}:${row.line}: ${stpCode} named both "${stp.name}" and "${stpName}"`,
      );
    }
  }
  return { label: layout.label, ccgs, stps };
}

function checkSameCcgs(
  vintage: CcgStpVintage,
  rows: readonly RawRow[],
  columns: [string, string, string],
): void {
  const [codeColumn, odsColumn, nameColumn] = columns;
  const seen = new Set<string>();
  for (const row of rows) {
    const code = row.get(codeColumn);
    const entry = vintage.ccgs.get(code);
    if (entry === undefined) {
      throw new SeedBuildError(
        `${row.sourceId}:${row.line}: CCG ${code} is not in the ${vintage.label} CCG → STP lookup`,
      );
    }
    if (entry.odsCode !== row.get(odsColumn) || entry.name !== row.get(nameColumn)) {
      throw new SeedBuildError(
        `${row.sourceId}:${row.line}: CCG ${code} has another ODS code or name than the CCG → STP lookup`,
      );
    }
    seen.add(code);
  }
  if (seen.size !== vintage.ccgs.size) {
    throw new SeedBuildError(
      `${rows[0]?.sourceId ?? "?"}: lists ${seen.size} CCGs, the ${vintage.label} lookup ${vintage.ccgs.size}`,
    );
  }
}

/**
 * Reads the five CCG → STP vintages (April 2016 to April 2020) and checks the other CCG lists of
 * the same vintage (April 2017 names and codes, the LSOA lookups) against them.
 */
export function readCcgStpVintages(raw: RawData): CcgStpVintage[] {
  const vintages = LAYOUTS.map((layout) => readVintage(raw, layout));
  const [v2016, v2017, v2018] = vintages;
  if (v2016 === undefined || v2017 === undefined || v2018 === undefined)
    throw new SeedBuildError("missing vintages");
  checkSameCcgs(v2016, rawTable(raw, "ons-lsoa-ccg16-lad16").rows, ["CCG16CD", "CCG16CDH", "CCG16NM"]);
  checkSameCcgs(v2017, rawTable(raw, "ons-ccg17-names").rows, ["CCG17CD", "CCG_Code", "CCG17NM"]);
  checkSameCcgs(v2017, rawTable(raw, "ons-lsoa-ccg17-stp17-lad17").rows, ["CCG17CD", "CCG17CDH", "CCG17NM"]);
  checkSameCcgs(v2018, rawTable(raw, "ons-lsoa-ccg18-stp18-lad18").rows, ["CCG18CD", "CCG18CDH", "CCG18NM"]);
  for (const row of rawTable(raw, "ons-ccg17-names").rows) {
    v2017.ccgs.get(row.get("CCG17CD"))?.refs.push(refOf(row));
  }
  return vintages;
}
