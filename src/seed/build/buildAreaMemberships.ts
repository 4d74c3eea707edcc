import { weakestEvidence } from "./evidence.js";
import { mergeTouching } from "./interval.js";
import type { LsoaPlacement, LsoaVintages } from "./readLsoaVintages.js";
import type { CcgMerger, CcgMergers } from "./readCcgMergers.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { AreaMembershipRow, MembershipRow, SeedFinding } from "./seedRows.js";
import { SEED_BUILD_REF, type SourceRef } from "./sourceRef.js";
import type { StpCodeChanges } from "./readStpCodeChanges.js";
import { CCG_VINTAGES, LAD_VINTAGES, vintageByLabel } from "./vintage.js";

/** area_memberships.csv rows sorted by area, geography and date, and the gaps found. */
export interface AreaMembershipsResult {
  rows: AreaMembershipRow[];
  gaps: SeedFinding[];
}

function placementsOf(lsoas: LsoaVintages, label: string): Map<string, LsoaPlacement> {
  const placements = lsoas.get(label);
  if (placements === undefined) throw new SeedBuildError(`no ${label} LSOA lookup`);
  return placements;
}

/** Joins two touching rows of one area and geography. */
export function joinAreaMemberships(a: AreaMembershipRow, b: AreaMembershipRow): AreaMembershipRow {
  return { ...a, evidence: weakestEvidence([a.evidence, b.evidence]), refs: [...a.refs, ...b.refs] };
}

function areaToCcg(lsoas: LsoaVintages, mergers: CcgMergers): AreaMembershipRow[] {
  const rows: AreaMembershipRow[] = [];
  for (const label of ["2016", "2017", "2018"]) {
    const { from, to } = vintageByLabel(CCG_VINTAGES, label);
    for (const [areaCode, placement] of placementsOf(lsoas, label)) {
      rows.push({
        areaCode,
        geographyCode: placement.ccgCode,
        validFrom: from,
        validTo: to,
        evidence: "published",
        refs: [placement.ref],
      });
    }
  }
  // April 2019 and 2020: the April 2018 CCG carried through each year's mergers (no LSOA-level file exists).
  const derivedLabels = ["2019", "2020"];
  const current = new Map<string, { ccg: string; refs: SourceRef[] }>();
  for (const [areaCode, placement] of placementsOf(lsoas, "2018")) {
    current.set(areaCode, { ccg: placement.ccgCode, refs: [placement.ref, SEED_BUILD_REF] });
  }
  for (const label of derivedLabels) {
    const { from, to } = vintageByLabel(CCG_VINTAGES, label);
    const merging: ReadonlyMap<string, CcgMerger> = mergers.get(label) ?? new Map<string, CcgMerger>();
    for (const [areaCode, state] of current) {
      const merger = merging.get(state.ccg);
      if (merger !== undefined) {
        state.ccg = merger.successor;
        state.refs = [...state.refs, ...merger.refs];
      }
      rows.push({
        areaCode,
        geographyCode: state.ccg,
        validFrom: from,
        validTo: to,
        evidence: "derived",
        refs: state.refs,
      });
    }
  }
  return rows;
}

function areaToLad(lsoas: LsoaVintages): AreaMembershipRow[] {
  return LAD_VINTAGES.flatMap(({ label, from, to }) =>
    [...placementsOf(lsoas, label)].map(([areaCode, placement]) => ({
      areaCode,
      geographyCode: placement.ladCode,
      validFrom: from,
      validTo: to,
      evidence: "published" as const,
      refs: [placement.ref],
    })),
  );
}

/**
 * Places the areas of a CCG split between STPs. Only the April 2016 split of the Cumbria STPs can be
 * placed: the April 2017 LSOA lookup draws their February 2017 border, so it holds from the border
 * correction to the end of the split; before it, the sources cannot place the areas.
 */
function areaToStp(
  lsoas: LsoaVintages,
  memberships: readonly MembershipRow[],
  changes: StpCodeChanges,
  gaps: SeedFinding[],
): AreaMembershipRow[] {
  const split = new Map<string, MembershipRow[]>();
  for (const m of memberships) {
    if (m.partial && m.groupCode.startsWith("E54"))
      split.set(m.memberCode, [...(split.get(m.memberCode) ?? []), m]);
  }
  const april2016 = placementsOf(lsoas, "2016");
  const april2017 = placementsOf(lsoas, "2017");
  const rows: AreaMembershipRow[] = [];
  for (const [ccgCode, parts] of split) {
    const stps = parts.map((p) => p.groupCode).sort();
    const first = parts[0];
    if (
      first === undefined ||
      parts.some((p) => p.validFrom !== first.validFrom || p.validTo !== first.validTo)
    ) {
      throw new SeedBuildError(`the STP memberships of ${ccgCode} do not share one interval`);
    }
    if (
      first.validTo === null ||
      first.validTo > "2017-04-01" ||
      stps.join() !== [...changes.border.stpCodes].sort().join()
    ) {
      throw new SeedBuildError(`${ccgCode} is split between ${stps.join(", ")}; no rule places its areas`);
    }
    const validFrom = first.validFrom > changes.border.effective ? first.validFrom : changes.border.effective;
    let count = 0;
    for (const [areaCode, placement] of april2016) {
      if (placement.ccgCode !== ccgCode) continue;
      const later = april2017.get(areaCode);
      if (later?.stpCode == null || !stps.includes(later.stpCode)) {
        throw new SeedBuildError(
          `area ${areaCode} of ${ccgCode} is not in ${stps.join(" or ")} in April 2017`,
        );
      }
      count++;
      rows.push({
        areaCode,
        geographyCode: later.stpCode,
        validFrom,
        validTo: first.validTo,
        evidence: "derived",
        refs: [placement.ref, later.ref, changes.border.ref, SEED_BUILD_REF],
      });
    }
    gaps.push({
      topic: "Area placement",
      text: `The ${count} areas of ${ccgCode} (split between ${stps.join(" and ")}) have no STP placement from ${first.validFrom} to ${validFrom}: the sources draw the border only as corrected in February 2017, so the API reports them as uncovered then.`,
    });
  }
  return rows;
}

/** Builds area_memberships.csv: LSOA → CCG (2016-2020), LSOA → LAD (2016-2018) and LSOA → STP where a CCG is split. */
export function buildAreaMemberships(
  lsoas: LsoaVintages,
  mergers: CcgMergers,
  memberships: readonly MembershipRow[],
  changes: StpCodeChanges,
): AreaMembershipsResult {
  const gaps: SeedFinding[] = [];
  const all = [
    ...areaToCcg(lsoas, mergers),
    ...areaToLad(lsoas),
    ...areaToStp(lsoas, memberships, changes, gaps),
  ];
  // Intervals of different evidence stay apart, so that a published placement is not weakened by a
  // derived one that follows it (the 2019 and 2020 CCGs are derived from mergers).
  const rows = mergeTouching(
    all,
    (r) => `${r.areaCode}|${r.geographyCode}`,
    joinAreaMemberships,
    (a, b) => a.evidence === b.evidence,
  );
  return { rows, gaps };
}
