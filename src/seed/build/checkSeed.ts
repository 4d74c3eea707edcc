import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { holdsOn } from "./isoDate.js";
import type { LsoaVintages } from "./readLsoaVintages.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { AreaMembershipRow, MembershipRow, SeedContent } from "./seedRows.js";
import { SEED_BUILD_SOURCE_ID } from "./sourceCatalogue.js";

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list === undefined) map.set(key, [row]);
    else list.push(row);
  }
  return map;
}

function fail(problems: string[], what: string): void {
  if (problems.length > 0) {
    throw new SeedBuildError(`${what}: ${problems.length} problems, e.g. ${problems.slice(0, 5).join("; ")}`);
  }
}

/** The CCG of every area on a day, from the area memberships; fails unless each area has exactly one. */
export function ccgOfAreasOn(
  areaMemberships: readonly AreaMembershipRow[],
  day: string,
): Map<string, string> {
  const result = new Map<string, string>();
  const problems: string[] = [];
  for (const row of areaMemberships) {
    if (!row.geographyCode.startsWith("E38") || !holdsOn(row.validFrom, row.validTo, day)) continue;
    if (result.has(row.areaCode)) problems.push(`${row.areaCode} in two CCGs on ${day}`);
    result.set(row.areaCode, row.geographyCode);
  }
  fail(problems, "CCG placement");
  return result;
}

/**
 * The STP of every area on a day, composing area → CCG with CCG → STP, and using an area's own STP
 * placement where its CCG's membership is partial. Areas that cannot be placed are left out.
 */
export function stpOfAreasOn(
  areaMemberships: readonly AreaMembershipRow[],
  memberships: readonly MembershipRow[],
  day: string,
): Map<string, string> {
  const ccgStps = groupBy(
    memberships.filter((m) => m.groupCode.startsWith("E54") && holdsOn(m.validFrom, m.validTo, day)),
    (m) => m.memberCode,
  );
  const placed = new Map(
    areaMemberships
      .filter((a) => a.geographyCode.startsWith("E54") && holdsOn(a.validFrom, a.validTo, day))
      .map((a) => [a.areaCode, a.geographyCode]),
  );
  const result = new Map<string, string>();
  for (const [area, ccg] of ccgOfAreasOn(areaMemberships, day)) {
    const stps = ccgStps.get(ccg) ?? [];
    const [only] = stps;
    if (stps.length === 1 && only !== undefined && !only.partial) result.set(area, only.groupCode);
    else if (stps.some((s) => s.partial)) {
      const stp = placed.get(area);
      if (stp !== undefined) result.set(area, stp);
    } else if (stps.length > 1) {
      throw new SeedBuildError(`CCG ${ccg} is wholly in ${stps.length} STPs on ${day}`);
    }
  }
  return result;
}

function compareMaps(actual: Map<string, string>, expected: Map<string, string>, what: string): void {
  const problems: string[] = [];
  for (const [key, value] of expected) {
    const got = actual.get(key);
    if (got !== value) problems.push(`${key}: seed ${got ?? "none"}, source ${value}`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${key}: not in the source`);
  fail(problems, what);
}

/**
 * Fails loudly unless: composing area → CCG → STP on 2017-06-01 and 2018-06-01 reproduces the STP
 * columns of the April 2017 and April 2018 LSOA lookups; the derived April 2019 and 2020 CCGs are
 * exactly the CCGs of the ONS CCG → STP lookups; every code and source a row cites exists; and every
 * interval is non-empty.
 */
export function checkSeed(seed: SeedContent, lsoas: LsoaVintages, vintages: readonly CcgStpVintage[]): void {
  for (const [label, day] of [
    ["2017", "2017-06-01"],
    ["2018", "2018-06-01"],
  ] as const) {
    const expected = new Map<string, string>();
    for (const [area, placement] of lsoas.get(label) ?? []) {
      if (placement.stpCode !== null) expected.set(area, placement.stpCode);
    }
    compareMaps(
      stpOfAreasOn(seed.areaMemberships, seed.memberships, day),
      expected,
      `area → STP on ${day} vs the ${label} LSOA lookup`,
    );
  }
  for (const [label, day] of [
    ["2019", "2019-06-01"],
    ["2020", "2020-06-01"],
  ] as const) {
    const derived = new Set(ccgOfAreasOn(seed.areaMemberships, day).values());
    const published = new Set(vintages.find((v) => v.label === label)?.ccgs.keys() ?? []);
    const problems = [
      ...[...derived].filter((c) => !published.has(c)).map((c) => `${c} derived but not published`),
      ...[...published].filter((c) => !derived.has(c)).map((c) => `${c} published but no area derived`),
    ];
    fail(problems, `derived April ${label} CCGs vs the ONS CCG → STP lookup`);
  }

  const organisations = new Set(seed.organisations.map((o) => o.code));
  const footprints = new Set(seed.footprints.map((f) => f.code));
  const areas = new Set(seed.areas.map((a) => a.code));
  const sources = new Set(seed.sources.map((s) => s.id));
  const problems: string[] = [];
  const known = (code: string) => organisations.has(code) || footprints.has(code);
  const interval = (what: string, from: string | null, to: string | null) => {
    if (from !== null && to !== null && from >= to) problems.push(`${what}: empty interval ${from}..${to}`);
  };
  for (const m of seed.memberships) {
    if (!organisations.has(m.memberCode)) problems.push(`membership member ${m.memberCode} unknown`);
    if (!known(m.groupCode)) problems.push(`membership group ${m.groupCode} unknown`);
    interval(`${m.memberCode} → ${m.groupCode}`, m.validFrom, m.validTo);
  }
  for (const a of seed.areaMemberships) {
    if (!areas.has(a.areaCode)) problems.push(`area ${a.areaCode} unknown`);
    if (!known(a.geographyCode)) problems.push(`geography ${a.geographyCode} unknown`);
    interval(`${a.areaCode} → ${a.geographyCode}`, a.validFrom, a.validTo);
  }
  for (const o of seed.organisations) interval(o.code, o.validFrom, o.validTo);
  for (const f of seed.footprints) interval(f.code, f.validFrom, f.validTo);
  for (const l of seed.leaders) {
    if (!footprints.has(l.footprintCode)) problems.push(`leader footprint ${l.footprintCode} unknown`);
    if (l.dayJobOrgCode !== null && !organisations.has(l.dayJobOrgCode))
      problems.push(`leader org ${l.dayJobOrgCode} unknown`);
  }
  for (const s of seed.statusHistory) {
    if (!footprints.has(s.footprintCode)) problems.push(`status footprint ${s.footprintCode} unknown`);
  }
  const allRefs = [
    ...seed.areas,
    ...seed.organisations,
    ...seed.footprints,
    ...seed.memberships,
    ...seed.areaMemberships,
    ...seed.leaders,
    ...seed.statusHistory,
  ].flatMap((row) => row.refs);
  for (const ref of allRefs) {
    if (!sources.has(ref.sourceId)) problems.push(`source ${ref.sourceId} unknown`);
    if ((ref.line === null) !== (ref.sourceId === SEED_BUILD_SOURCE_ID))
      problems.push(`source ${ref.sourceId} without a row`);
  }
  fail(problems, "seed consistency");
}
