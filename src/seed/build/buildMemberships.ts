import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { weakestEvidence } from "./evidence.js";
import { COUNTY_LOOKUPS } from "./buildOrganisations.js";
import { mergeTouching } from "./interval.js";
import type { LdrFootprint } from "./readLdrFootprints.js";
import { rawTable, type RawData } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { MembershipRow, OrganisationRow, SeedFinding } from "./seedRows.js";
import { shortenText } from "./shortenText.js";
import { refOf } from "./sourceRef.js";
import type { StpCodeChanges } from "./readStpCodeChanges.js";
import {
  CCG_VINTAGES,
  LDR_VALID_FROM,
  LDR_VALID_TO,
  REGION_VALID_FROM,
  REGION_VALID_TO,
  TRUST_STP_VALID_FROM,
  TRUST_STP_VALID_TO,
  vintageByLabel,
} from "./vintage.js";

/** memberships.csv rows sorted by member, group and date, and what the build found missing or in conflict. */
export interface MembershipsResult {
  rows: MembershipRow[];
  gaps: SeedFinding[];
  conflicts: SeedFinding[];
}

/** Trusts the Health Foundation's README says no STP plan named; it placed them by main site. */
const ASSIGNED_BY_MAIN_SITE = new Set(["RLN", "RR7", "RTF", "RE9"]);
/** Trusts its README says two STPs named; it assigned each to one. */
const NAMED_BY_TWO_STPS = new Set(["RFS", "RVR"]);

const LDR_NOTE_LENGTH = 240;

/** The end of the last LAD vintage (April 2018) that the LSOA lookups describe. */
const LAD_VINTAGES_END = "2019-04-01";

function joinNotes(a: string | null, b: string | null): string | null {
  const notes = [...new Set([a, b].filter((n): n is string => n !== null && n !== ""))];
  return notes.length > 0 ? notes.join(" ") : null;
}

/** Joins two touching rows of one relationship (the later one's interval end is kept by mergeTouching). */
export function joinMemberships(a: MembershipRow, b: MembershipRow): MembershipRow {
  return {
    ...a,
    evidence: weakestEvidence([a.evidence, b.evidence]),
    evidenceDetail:
      a.evidenceDetail === b.evidenceDetail
        ? a.evidenceDetail
        : joinNotes(a.evidenceDetail, b.evidenceDetail),
    refs: [...a.refs, ...b.refs],
    note: joinNotes(a.note, b.note),
  };
}

function ccgToStp(vintages: readonly CcgStpVintage[], changes: StpCodeChanges): MembershipRow[] {
  const rows: MembershipRow[] = [];
  for (const vintage of vintages) {
    const { from, to } = vintageByLabel(CCG_VINTAGES, vintage.label);
    for (const ccg of vintage.ccgs.values()) {
      const partial = ccg.stps.length > 1;
      if (partial && vintage.label !== "2016") {
        // Only the April 2016 split (Cumbria) has an LSOA-level lookup that can place its areas.
        throw new SeedBuildError(
          `CCG ${ccg.code} is split between STPs in ${vintage.label}; no rule places its areas`,
        );
      }
      const partialNote = partial
        ? `${ccg.name} is listed in ${ccg.stps.map((s) => s.stpCode).join(" and ")}: split between STPs. Its areas are placed per LSOA in area_memberships.csv from ${changes.border.effective} (the February 2017 border); before that the sources cannot place them.`
        : null;
      for (const stp of ccg.stps) {
        const base: MembershipRow = {
          memberCode: ccg.code,
          groupCode: stp.stpCode,
          validFrom: from,
          validTo: to,
          partial,
          evidence: "published",
          evidenceDetail: null,
          refs: [stp.ref],
          note: partialNote,
        };
        if (vintage.label === "2016" && ccg.code === changes.move.ccgCode) {
          const { fromStp, toStp, effective, ref } = changes.move;
          if (partial || stp.stpCode !== toStp) {
            throw new SeedBuildError(`${ccg.code} is not listed in ${toStp} alone in the April 2016 lookup`);
          }
          const note = `${ccg.name} moved from ${fromStp} to ${toStp} in December 2016 (published figures: "${effective.slice(0, 7)}"; a month-only date takes effect on its first day).`;
          rows.push(
            { ...base, groupCode: fromStp, validTo: effective, evidence: "transcribed", refs: [ref], note },
            { ...base, validFrom: effective, evidence: "transcribed", refs: [stp.ref, ref], note },
          );
        } else {
          rows.push(base);
        }
      }
    }
  }
  return rows;
}

function ccgToLdr(ldrs: readonly LdrFootprint[]): MembershipRow[] {
  return ldrs.flatMap((ldr) =>
    ldr.rows.map((row): MembershipRow => {
      const quote = row.get("source_quote");
      const parts = [shortenText(row.get("note"), LDR_NOTE_LENGTH), `source: ${row.get("source_url")}`];
      if (quote !== "") parts.push(`quote: "${quote}"`);
      return {
        memberCode: row.get("ccg16cd"),
        groupCode: ldr.code,
        validFrom: LDR_VALID_FROM,
        validTo: LDR_VALID_TO,
        partial: false,
        evidence: "reconstructed",
        evidenceDetail: row.get("evidence"),
        refs: [refOf(row)],
        note: parts.join(" | "),
      };
    }),
  );
}

function regions(raw: RawData, ccgs2017: CcgStpVintage): MembershipRow[] {
  const rows: MembershipRow[] = [];
  const officeRegion = new Map<string, MembershipRow>();
  for (const row of rawTable(raw, "ons-ccg17-region17").rows) {
    const ccg = row.get("CCG17CD");
    if (!ccgs2017.ccgs.has(ccg))
      throw new SeedBuildError(`ons-ccg17-region17:${row.line}: ${ccg} is not an April 2017 CCG`);
    const office = row.get("NHSRLO17CD");
    const region = row.get("NHSER17CD");
    const base = {
      validFrom: REGION_VALID_FROM,
      validTo: REGION_VALID_TO,
      partial: false,
      evidence: "published" as const,
      evidenceDetail: null,
      note: null,
    };
    rows.push({ ...base, memberCode: ccg, groupCode: office, refs: [refOf(row)] });
    rows.push({ ...base, memberCode: ccg, groupCode: region, refs: [refOf(row)] });
    const known = officeRegion.get(office);
    if (known === undefined)
      officeRegion.set(office, { ...base, memberCode: office, groupCode: region, refs: [refOf(row)] });
    else if (known.groupCode !== region)
      throw new SeedBuildError(`ons-ccg17-region17:${row.line}: ${office} in two regions`);
    else known.refs.push(refOf(row));
  }
  if (rows.length / 2 !== ccgs2017.ccgs.size)
    throw new SeedBuildError("the region lookup does not list every April 2017 CCG once");
  return [...rows, ...officeRegion.values()];
}

function trustsToStp(
  raw: RawData,
  ccgs2017: CcgStpVintage,
  organisations: readonly OrganisationRow[],
  result: MembershipsResult,
): MembershipRow[] {
  const trusts = new Map(organisations.filter((o) => o.kind === "NHS_TRUST").map((o) => [o.code, o]));
  const later = new Map(rawTable(raw, "ods-etr-2025").rows.map((row) => [row.at(1), row]));
  const rows: MembershipRow[] = [];
  const mapped = new Set<string>();
  for (const row of rawTable(raw, "hf-trust-stp-2017-18").rows) {
    const code = row.get("code");
    const stpCode = row.get("STP_code");
    const stp = ccgs2017.stps.get(stpCode);
    if (stp === undefined)
      throw new SeedBuildError(`hf-trust-stp-2017-18:${row.line}: ${stpCode} is not an April 2017 STP`);
    const trust = trusts.get(code);
    if (trust === undefined) {
      const ods = later.get(code);
      const opened = ods === undefined ? "not in ODS" : `ODS open date ${ods.at(11)}`;
      result.gaps.push({
        topic: "Trust → STP",
        text: `${code} ${row.get("Trust")} (${opened}) is listed in ${stpCode} by the 2017/18 table but is not one of the FY2016/17 trusts, so neither it nor this membership is in the seed. Its predecessors' 2017/18 STP is not sourced.`,
      });
      continue;
    }
    mapped.add(code);
    const validFrom = trust.validFrom > TRUST_STP_VALID_FROM ? trust.validFrom : TRUST_STP_VALID_FROM;
    const validTo =
      trust.validTo !== null && trust.validTo < TRUST_STP_VALID_TO ? trust.validTo : TRUST_STP_VALID_TO;
    if (validFrom >= validTo) {
      result.gaps.push({
        topic: "Trust → STP",
        text: `${code}: the trust did not exist in 2017/18; its row is not used.`,
      });
      continue;
    }
    const notes: string[] = [];
    let evidenceDetail: string | null = null;
    if (ASSIGNED_BY_MAIN_SITE.has(code)) {
      evidenceDetail = "assigned_by_main_site";
      notes.push(
        "No STP plan named this trust; the table's author assigned it by the location of its main site.",
      );
    }
    if (NAMED_BY_TWO_STPS.has(code)) {
      evidenceDetail = "named_by_two_stps";
      notes.push("Two STPs named this trust; the table's author assigned it to this one.");
    }
    const sourceStpName = row.get("STP");
    if (sourceStpName !== stp.name) notes.push(`The table names the STP '${sourceStpName}'.`);
    if (validTo !== TRUST_STP_VALID_TO) notes.push("Ends when the trust closed (ODS).");
    rows.push({
      memberCode: code,
      groupCode: stpCode,
      validFrom,
      validTo,
      partial: false,
      evidence: "transcribed",
      evidenceDetail,
      refs: [refOf(row)],
      note: notes.length > 0 ? notes.join(" ") : null,
    });
  }
  const unmapped = [...trusts.values()].filter((t) => !mapped.has(t.code));
  const byType = new Map<string, string[]>();
  for (const trust of unmapped) {
    const type = trust.trustType ?? "no type";
    byType.set(type, [...(byType.get(type) ?? []), trust.code]);
  }
  result.gaps.push({
    topic: "Trust → STP",
    text: `${unmapped.length} of the ${trusts.size} trusts have no STP: the only trust → STP source covers acute trusts (2017/18). ${[
      ...byType,
    ]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, codes]) => `${type} (${codes.length}): ${codes.sort().join(" ")}`)
      .join("; ")}.`,
  });
  return rows;
}

function districtsToCounties(raw: RawData, organisations: readonly OrganisationRow[]): MembershipRow[] {
  const lads = new Map(organisations.filter((o) => o.kind === "LOCAL_AUTHORITY").map((o) => [o.code, o]));
  const rows: MembershipRow[] = [];
  for (const lookup of COUNTY_LOOKUPS) {
    for (const row of rawTable(raw, lookup.sourceId).rows) {
      const lad = row.get(lookup.lad);
      const county = row.get(lookup.county);
      const ladRow = lads.get(lad);
      if (ladRow === undefined)
        throw new SeedBuildError(`${lookup.sourceId}:${row.line}: ${lad} is not in the LSOA lookups`);
      if (!lad.startsWith("E07")) continue;
      if (!county.startsWith("E10"))
        throw new SeedBuildError(`${lookup.sourceId}:${row.line}: district ${lad} is not in a shire county`);
      rows.push({
        memberCode: lad,
        groupCode: county,
        // December 2016 stands for April 2016 (no English change in 2016); December 2017 runs to the
        // end of the April 2018 LAD vintage, whose codes it shares.
        validFrom: lookup.label === "2016" ? "2016-04-01" : "2017-04-01",
        validTo:
          lookup.label === "2016"
            ? "2017-04-01"
            : ladRow.validTo !== null && ladRow.validTo < LAD_VINTAGES_END
              ? ladRow.validTo
              : LAD_VINTAGES_END,
        partial: false,
        evidence: "published",
        evidenceDetail: null,
        refs: [refOf(row)],
        note: null,
      });
    }
  }
  return rows;
}

/** Builds memberships.csv: CCG → STP, LDR, local office and region; local office → region; trust → STP; district → county. */
export function buildMemberships(
  raw: RawData,
  vintages: readonly CcgStpVintage[],
  changes: StpCodeChanges,
  ldrs: readonly LdrFootprint[],
  organisations: readonly OrganisationRow[],
): MembershipsResult {
  const result: MembershipsResult = { rows: [], gaps: [], conflicts: [] };
  const ccgs2017 = vintages.find((v) => v.label === "2017");
  if (ccgs2017 === undefined) throw new SeedBuildError("no April 2017 CCG vintage");
  const all = [
    ...ccgToStp(vintages, changes),
    ...ccgToLdr(ldrs),
    ...regions(raw, ccgs2017),
    ...trustsToStp(raw, ccgs2017, organisations, result),
    ...districtsToCounties(raw, organisations),
  ];
  result.rows = mergeTouching(
    all,
    (r) => `${r.memberCode}|${r.groupCode}|${String(r.partial)}`,
    joinMemberships,
  );
  return result;
}
