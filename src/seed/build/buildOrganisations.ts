import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { presenceInterval } from "./interval.js";
import { nextDay, odsDateToIso } from "./isoDate.js";
import type { LsoaVintages } from "./readLsoaVintages.js";
import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { OrganisationRow, SeedFinding, TrustType } from "./seedRows.js";
import { refOf, type SourceRef } from "./sourceRef.js";
import { CCG_VINTAGES, LAD_VINTAGES, REGION_VALID_FROM, type Vintage } from "./vintage.js";

/** The organisations with every name the sources give them (for name resolution), and findings. */
export interface OrganisationsResult {
  rows: OrganisationRow[];
  /** Every name a code is known by in the sources, the graph's name first. */
  names: Map<string, string[]>;
  gaps: SeedFinding[];
  conflicts: SeedFinding[];
}

const FY_START = "20160401";
const FY_END = "20170331";

const ERIC_TYPES: Readonly<Record<string, TrustType>> = {
  "ACUTE - LARGE": "ACUTE",
  "ACUTE - MEDIUM": "ACUTE",
  "ACUTE - SMALL": "ACUTE",
  "ACUTE - TEACHING": "ACUTE",
  "ACUTE - MULTI-SERVICE": "ACUTE",
  "ACUTE - SPECIALIST": "ACUTE_SPECIALIST",
  "MENTAL HEALTH AND LEARNING DISABILITY": "MENTAL_HEALTH",
  COMMUNITY: "COMMUNITY",
  AMBULANCE: "AMBULANCE",
  "CARE TRUST": "CARE_TRUST",
};

/** A code seen in several vintages, with its name and first row in each. */
interface Sighting {
  names: { label: string; name: string }[];
  refs: SourceRef[];
  labels: Set<string>;
}

function sight(map: Map<string, Sighting>, code: string, label: string, name: string, ref: SourceRef): void {
  let sighting = map.get(code);
  if (sighting === undefined) {
    sighting = { names: [], refs: [], labels: new Set() };
    map.set(code, sighting);
  }
  if (!sighting.labels.has(label)) {
    sighting.labels.add(label);
    sighting.names.push({ label, name });
    sighting.refs.push(ref);
  }
}

/** The latest name, and a note naming the other ones (with their vintages) when they differ. */
function latestName(code: string, sighting: Sighting, conflicts: SeedFinding[], topic: string) {
  const last = sighting.names[sighting.names.length - 1];
  if (last === undefined) throw new SeedBuildError(`${code} has no name`);
  const labels = new Map<string, string[]>();
  for (const { label, name } of sighting.names) labels.set(name, [...(labels.get(name) ?? []), label]);
  if (labels.size === 1) return { name: last.name, note: null, allNames: [last.name] };
  const describe = (name: string) => `'${name}' (${(labels.get(name) ?? []).join(", ")})`;
  const others = [...labels.keys()].filter((name) => name !== last.name);
  conflicts.push({
    topic,
    text: `${code} is named ${others.map(describe).join(", ")} and ${describe(last.name)}; the graph uses the latest, '${last.name}'.`,
  });
  return {
    name: last.name,
    note: `Also named ${others.map(describe).join(", ")}.`,
    allNames: [last.name, ...others],
  };
}

function buildCcgs(vintages: readonly CcgStpVintage[], result: OrganisationsResult): void {
  const codes = new Set(vintages.flatMap((v) => [...v.ccgs.keys()]));
  for (const code of codes) {
    const sighting: Sighting = { names: [], refs: [], labels: new Set() };
    const odsCodes = new Set<string>();
    for (const vintage of vintages) {
      const entry = vintage.ccgs.get(code);
      if (entry === undefined) continue;
      sighting.labels.add(vintage.label);
      sighting.names.push({ label: vintage.label, name: entry.name });
      sighting.refs.push(...entry.refs);
      odsCodes.add(entry.odsCode);
    }
    if (odsCodes.size !== 1)
      throw new SeedBuildError(`CCG ${code} has several ODS codes: ${[...odsCodes].join(", ")}`);
    const { name, note, allNames } = latestName(code, sighting, result.conflicts, "CCG names");
    const interval = presenceInterval(`CCG ${code}`, sighting.labels, CCG_VINTAGES, true);
    result.names.set(code, allNames);
    result.rows.push({
      code,
      odsCode: [...odsCodes][0] ?? null,
      name,
      kind: "CCG",
      trustType: null,
      foundationTrust: null,
      ...interval,
      evidence: "published",
      refs: sighting.refs,
      note,
    });
  }
}

function buildTrusts(raw: RawData, result: OrganisationsResult): void {
  const active = rawTable(raw, "ods-etr-2025").rows.filter(
    (row) => row.at(11) !== "" && row.at(11) <= FY_END && (row.at(12) === "" || row.at(12) >= FY_START),
  );
  const older = new Map(rawTable(raw, "ods-etr-2016").rows.map((row) => [row.at(1), row]));
  const olderActive = [...older.values()]
    .filter((row) => row.at(11) !== "" && (row.at(12) === "" || row.at(12) >= FY_START))
    .map((row) => row.at(1))
    .sort();
  const activeCodes = active.map((row) => row.at(1)).sort();
  if (olderActive.join() !== activeCodes.join()) {
    throw new SeedBuildError(
      "the c. 2016 ODS snapshot does not hold the same FY2016/17 trusts as the 2025 snapshot",
    );
  }

  const eric = new Map<string, { label: string; refs: SourceRef[] }>();
  const ericLast = new Map<string, RawRow>();
  for (const row of rawTable(raw, "eric-trust-type").rows) {
    const code = row.get("trust_code");
    const year = row.get("fyear");
    const last = ericLast.get(code);
    if (last === undefined || last.get("fyear") < year) ericLast.set(code, row);
    if (year !== "201617") continue;
    const label = row.get("trust_type");
    const seen = eric.get(code);
    if (seen === undefined) eric.set(code, { label, refs: [refOf(row)] });
    else if (seen.label !== label)
      throw new SeedBuildError(`eric-trust-type:${row.line}: ${code} has two 2016/17 types`);
    else seen.refs.push(refOf(row));
  }

  for (const row of active) {
    const code = row.at(1);
    const oldRow = older.get(code);
    if (oldRow === undefined) throw new SeedBuildError(`trust ${code} is not in the c. 2016 ODS snapshot`);
    const name = oldRow.at(2);
    const laterName = row.at(2);
    const notes: string[] = [];
    if (laterName !== name)
      notes.push(`Name from the c. 2016 ODS snapshot; the 2025 snapshot names it '${laterName}'.`);
    const openDate = odsDateToIso(row.at(11));
    if (openDate === null) throw new SeedBuildError(`ods-etr-2025:${row.line}: ${code} has no open date`);
    if (oldRow.at(11) !== row.at(11))
      notes.push(`The c. 2016 ODS snapshot gives open date ${oldRow.at(11)}.`);
    const closeDate = odsDateToIso(row.at(12));
    const type = eric.get(code);
    let trustType: TrustType | null = null;
    const refs = [refOf(row), refOf(oldRow)];
    if (type !== undefined) {
      const mapped = ERIC_TYPES[type.label];
      if (mapped === undefined)
        throw new SeedBuildError(`unknown ERIC trust type "${type.label}" for ${code}`);
      trustType = mapped;
      refs.push(...type.refs);
      notes.push(`ERIC 2016/17 type: ${type.label}.`);
    } else {
      const last = ericLast.get(code);
      const grouping = row.at(3) || oldRow.at(3);
      const reason = [
        grouping.startsWith("W") ? `national grouping ${grouping} (Wales; ERIC covers England)` : null,
        last !== undefined
          ? `last ERIC row ${last.get("fyear")} says ${last.get("trust_type")}`
          : "not in ERIC at all",
        closeDate !== null ? `ODS close date ${closeDate}` : "no ODS close date",
      ]
        .filter((part) => part !== null)
        .join("; ");
      if (last !== undefined) refs.push(refOf(last));
      notes.push(`No ERIC 2016/17 trust type (${reason}).`);
      result.gaps.push({ topic: "Trusts without a type", text: `${code} ${name}: ${reason}.` });
    }
    result.names.set(code, laterName !== name ? [name, laterName] : [name]);
    result.rows.push({
      code,
      odsCode: code,
      name,
      kind: "NHS_TRUST",
      trustType,
      foundationTrust: name.includes("FOUNDATION TRUST"),
      validFrom: openDate,
      validTo: closeDate === null ? null : nextDay(closeDate),
      evidence: "published",
      refs,
      note: notes.join(" "),
    });
  }
}

function pushSightings(
  sightings: Map<string, Sighting>,
  vintages: readonly Vintage[],
  kind: "LOCAL_AUTHORITY" | "COUNTY_COUNCIL",
  topic: string,
  result: OrganisationsResult,
): void {
  for (const [code, sighting] of sightings) {
    const { name, note, allNames } = latestName(code, sighting, result.conflicts, topic);
    result.names.set(code, allNames);
    result.rows.push({
      code,
      odsCode: null,
      name,
      kind,
      trustType: null,
      foundationTrust: null,
      ...presenceInterval(`${kind} ${code}`, sighting.labels, vintages, true),
      evidence: "published",
      refs: sighting.refs,
      note,
    });
  }
}

function buildLocalAuthorities(lsoas: LsoaVintages, result: OrganisationsResult): void {
  const sightings = new Map<string, Sighting>();
  for (const vintage of LAD_VINTAGES) {
    for (const placement of lsoas.get(vintage.label)?.values() ?? []) {
      if (!/^E0[6-9]\d{6}$/.test(placement.ladCode))
        throw new SeedBuildError(`bad LAD code ${placement.ladCode}`);
      sight(sightings, placement.ladCode, vintage.label, placement.ladName, placement.ref);
    }
  }
  pushSightings(sightings, LAD_VINTAGES, "LOCAL_AUTHORITY", "Local authority names", result);
}

/** The county lookups: December 2016 holds from April 2016 (no English change in 2016), December 2017 from April 2017. */
export const COUNTY_LOOKUPS = [
  { label: "2016", sourceId: "ons-lad16-cty16", lad: "LAD16CD", county: "CTY16CD", countyName: "CTY16NM" },
  { label: "2017", sourceId: "ons-lad17-cty17", lad: "LAD17CD", county: "CTY17CD", countyName: "CTY17NM" },
] as const;

const COUNTY_VINTAGES: readonly Vintage[] = [
  { label: "2016", from: "2016-04-01", to: "2017-04-01" },
  { label: "2017", from: "2017-04-01", to: null },
];

function buildCounties(raw: RawData, result: OrganisationsResult): void {
  const sightings = new Map<string, Sighting>();
  for (const lookup of COUNTY_LOOKUPS) {
    for (const row of rawTable(raw, lookup.sourceId).rows) {
      const code = row.get(lookup.county);
      if (code.startsWith("E10"))
        sight(sightings, code, lookup.label, row.get(lookup.countyName), refOf(row));
    }
  }
  pushSightings(sightings, COUNTY_VINTAGES, "COUNTY_COUNCIL", "County names", result);
}

function buildRegions(raw: RawData, result: OrganisationsResult): void {
  const seen = new Map<string, { name: string; kind: "REGION" | "LOCAL_OFFICE"; ref: SourceRef }>();
  for (const row of rawTable(raw, "ons-ccg17-region17").rows) {
    for (const [column, nameColumn, kind] of [
      ["NHSRLO17CD", "NHSRLO17NM", "LOCAL_OFFICE"],
      ["NHSER17CD", "NHSER17NM", "REGION"],
    ] as const) {
      const code = row.get(column);
      const name = row.get(nameColumn);
      const known = seen.get(code);
      if (known === undefined) seen.set(code, { name, kind, ref: refOf(row) });
      else if (known.name !== name)
        throw new SeedBuildError(`ons-ccg17-region17:${row.line}: ${code} has two names`);
    }
  }
  for (const [code, { name, kind, ref }] of seen) {
    const prefix = kind === "REGION" ? "E40" : "E39";
    if (!code.startsWith(prefix))
      throw new SeedBuildError(`${kind} code ${code} does not start with ${prefix}`);
    result.names.set(code, [name]);
    result.rows.push({
      code,
      odsCode: null,
      name,
      kind,
      trustType: null,
      foundationTrust: null,
      validFrom: REGION_VALID_FROM,
      validTo: null,
      evidence: "published",
      refs: [ref],
      note: "Known only from the April 2017 lookup: no other vintage of regions is in the sources.",
    });
  }
}

/** Builds organisations.csv: CCGs of every vintage, the FY2016/17 trusts, councils, regions and local offices, sorted by code. */
export function buildOrganisations(
  raw: RawData,
  ccgVintages: readonly CcgStpVintage[],
  lsoas: LsoaVintages,
): OrganisationsResult {
  const result: OrganisationsResult = { rows: [], names: new Map(), gaps: [], conflicts: [] };
  buildCcgs(ccgVintages, result);
  buildTrusts(raw, result);
  buildLocalAuthorities(lsoas, result);
  buildCounties(raw, result);
  buildRegions(raw, result);
  result.rows.sort((a, b) => a.code.localeCompare(b.code));
  return result;
}
