import type { DerivedSeed } from "./loadSeed.js";
import type { Seed } from "./seedTypes.js";

/** A data-quality finding: a gap in the sources or an oddity worth a look. */
export interface SeedWarning {
  kind: string;
  message: string;
  items: string[];
}

/** What a load (or a dry run) reports about the seed itself. */
export interface SeedReport {
  rows: Record<string, number>;
  areaGroups: number;
  orphans: SeedWarning[];
  warnings: SeedWarning[];
}

function activeOn(validFrom: string | null, validTo: string | null, date: string): boolean {
  return (validFrom === null || validFrom <= date) && (validTo === null || date < validTo);
}

/**
 * Orphans (organisations in no footprint, footprints with no members) and the gaps the data has:
 * CCGs with no sourced LDR, footprints with no sourced leader or status, areas that no geography
 * of a kind covers on a vintage's first day, and day jobs not resolved to an organisation.
 */
export function buildSeedReport(seed: Seed, derived: DerivedSeed): SeedReport {
  const footprintKind = new Map(seed.footprints.map((f) => [f.code, f.kind]));
  const inFootprint = new Set(
    seed.memberships.filter((m) => footprintKind.has(m.groupCode)).map((m) => m.memberCode),
  );
  const hasMembers = new Set([
    ...seed.memberships.map((m) => m.groupCode),
    ...seed.areaMemberships.map((a) => a.geographyCode),
  ]);
  const orphans: SeedWarning[] = [];
  const lonelyOrganisations = seed.organisations
    .filter((o) => (o.kind === "CCG" || o.kind === "NHS_TRUST") && !inFootprint.has(o.code))
    .map((o) => `${o.code} ${o.name}`);
  if (lonelyOrganisations.length > 0) {
    orphans.push({
      kind: "organisation-in-no-footprint",
      message: "CCGs and trusts that belong to no footprint at any date",
      items: lonelyOrganisations,
    });
  }
  const emptyFootprints = seed.footprints
    .filter((f) => !hasMembers.has(f.code))
    .map((f) => `${f.code} ${f.name}`);
  if (emptyFootprints.length > 0) {
    orphans.push({
      kind: "footprint-without-members",
      message: "footprints with no member at any date",
      items: emptyFootprints,
    });
  }

  const warnings: SeedWarning[] = [];
  const ccgsWithLdr = new Set(
    seed.memberships.filter((m) => footprintKind.get(m.groupCode) === "LDR").map((m) => m.memberCode),
  );
  const ldrDate = "2016-06-01";
  const ccgsWithoutLdr = seed.organisations
    .filter((o) => o.kind === "CCG" && activeOn(o.validFrom, o.validTo, ldrDate) && !ccgsWithLdr.has(o.code))
    .map((o) => `${o.code} ${o.name}`);
  if (ccgsWithoutLdr.length > 0) {
    warnings.push({
      kind: "ccg-without-ldr",
      message: `April 2016 CCGs with no sourced LDR (unknown, not "in no LDR")`,
      items: ccgsWithoutLdr,
    });
  }
  const led = new Set(seed.leaders.map((l) => l.footprintCode));
  const stps2016 = seed.footprints.filter(
    (f) => f.kind === "STP" && activeOn(f.validFrom, f.validTo, "2016-06-01"),
  );
  const unled = stps2016.filter((f) => !led.has(f.code)).map((f) => `${f.code} ${f.name}`);
  if (unled.length > 0)
    warnings.push({
      kind: "stp-without-leader",
      message: "2016/17 STPs with no sourced leader",
      items: unled,
    });
  const withStatus = new Set(seed.statusChanges.filter((s) => s.wholeFootprint).map((s) => s.footprintCode));
  const noStatus = seed.footprints
    .filter(
      (f) => f.kind === "STP" && !withStatus.has(f.code) && !f.formerCodes.some((c) => withStatus.has(c)),
    )
    .filter(
      (f) =>
        !seed.footprints.some((other) => other.formerCodes.includes(f.code) && withStatus.has(other.code)),
    )
    .map((f) => `${f.code} ${f.name}`);
  if (noStatus.length > 0) {
    warnings.push({
      kind: "stp-without-status",
      message: "STPs with no sourced whole-footprint status change",
      items: noStatus,
    });
  }
  const unresolved = seed.leaders
    .filter((l) => l.dayJobOrgCode === null && l.dayJobOrgName !== null)
    .map((l) => `${l.name}: ${l.dayJobOrgName ?? ""}`);
  if (unresolved.length > 0) {
    warnings.push({
      kind: "day-job-unresolved",
      message: "leaders' day-job organisations not matched to a code",
      items: unresolved,
    });
  }
  const undated = seed.statusChanges
    .filter((s) => s.validFrom === null && s.announced === null)
    .map((s) => `${s.footprintCode} ${s.systemName} ${s.status}`);
  if (undated.length > 0) {
    warnings.push({
      kind: "status-undated",
      message: "status changes no source dates (kept in the history; never in force on a date)",
      items: undated,
    });
  }
  const untypedTrusts = seed.organisations
    .filter((o) => o.kind === "NHS_TRUST" && o.trustType === null)
    .map((o) => `${o.code} ${o.name}`);
  if (untypedTrusts.length > 0)
    warnings.push({
      kind: "trust-without-type",
      message: "trusts whose type no source gives",
      items: untypedTrusts,
    });

  // Areas outside every geography of a kind on the first day of each coverage interval of that kind.
  const totalAreas = seed.areas.length;
  for (const kind of derived.kindCoverage) {
    const items: string[] = [];
    for (const date of kind.validFrom) {
      let covered = 0;
      for (const group of derived.groups) {
        const inKind = group.coverage.some((c) =>
          footprintKind.get(c.geographyCode) === kind.kind ||
          kindOfOrganisation(seed, c.geographyCode) === kind.kind
            ? activeOn(c.validFrom, c.validTo, date)
            : false,
        );
        if (inKind) covered += group.areaCodes.length;
      }
      if (covered < totalAreas)
        items.push(`${date}: ${totalAreas - covered} of ${totalAreas} areas in no ${kind.kind}`);
    }
    if (items.length > 0)
      warnings.push({ kind: "uncovered-areas", message: `areas that no ${kind.kind} covers`, items });
  }

  return {
    rows: {
      sources: seed.sources.length,
      areas: seed.areas.length,
      organisations: seed.organisations.length,
      footprints: seed.footprints.length,
      memberships: seed.memberships.length,
      areaMemberships: seed.areaMemberships.length,
      leaders: seed.leaders.length,
      statusChanges: seed.statusChanges.length,
    },
    areaGroups: derived.groups.length,
    orphans,
    warnings,
  };
}

const organisationKindCache = new WeakMap<Seed, Map<string, string>>();
function kindOfOrganisation(seed: Seed, code: string): string | undefined {
  let map = organisationKindCache.get(seed);
  if (map === undefined) {
    map = new Map(seed.organisations.map((o) => [o.code, o.kind]));
    organisationKindCache.set(seed, map);
  }
  return map.get(code);
}
