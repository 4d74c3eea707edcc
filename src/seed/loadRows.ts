import { toSearchName } from "../graph/searchName.js";
import type { Coverage } from "./deriveCoverage.js";
import type { GroundByKindRow } from "./deriveSharedGround.js";
import type { DerivedSeed } from "./loadSeed.js";
import { firstDayOf } from "./readSeed.js";
import type { Seed, SeedFootprint, SeedLeader, SeedOrganisation, SeedStatusChange } from "./seedTypes.js";

/**
 * The rows a load writes, one builder per kind of record, shared by the two ways a seed reaches the
 * graph: the transactional load (seedStore's statements) and the bulk import into a new store
 * (importFiles). A list property is never empty: an empty list is left out, as the bulk import
 * cannot write one, and readers take a missing list as empty.
 */

export type OrganisationRow = SeedOrganisation & { searchName: string };
export type FootprintRow = Omit<SeedFootprint, "formerCodes"> & {
  searchName: string;
  formerCodes: string[] | null;
};

export interface PersonRow {
  id: string;
  name: string;
  searchName: string;
}

/** A leadership with its dates as the source gives them and as the first day they stand for. */
export type LeadershipRow = SeedLeader & { effectiveFrom: string | null; effectiveTo: string | null };

export interface DayJobRow {
  personId: string;
  organisationCode: string;
  title: string | null;
  line: number;
  validFrom: string | null;
  validTo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  evidence: string;
  source: string;
}

export type StatusChangeRow = SeedStatusChange & { line: number; effectiveFrom: string | null };

/** A geography's ground as one kind divides it, its lists left out when empty. */
export type GroundRow = Omit<GroundByKindRow, "rightCodes" | "sharedAreas" | "sharedLessCertain"> & {
  rightCodes: string[] | null;
  sharedAreas: number[] | null;
  sharedLessCertain: number[] | null;
};

export interface DatasetRow {
  coversFrom: string | null;
  latestDate: string | null;
  areaCount: number;
  loadedAt: string;
  seedDir: string;
}

function listOrNull<T>(list: T[]): T[] | null {
  return list.length === 0 ? null : list;
}

export function organisationRows(seed: Seed): OrganisationRow[] {
  return seed.organisations.map((o) => ({ ...o, searchName: toSearchName(o.name) }));
}

export function footprintRows(seed: Seed): FootprintRow[] {
  return seed.footprints.map((f) => ({
    ...f,
    formerCodes: listOrNull(f.formerCodes),
    searchName: toSearchName(f.name),
  }));
}

/** One person per id, named as on their first leadership line. */
export function personRows(seed: Seed): PersonRow[] {
  const people = new Map<string, string>();
  for (const leader of seed.leaders)
    if (!people.has(leader.personId)) people.set(leader.personId, leader.name);
  return [...people].map(([id, name]) => ({ id, name, searchName: toSearchName(name) }));
}

export function leadershipRows(seed: Seed): LeadershipRow[] {
  return seed.leaders.map((l) => ({
    ...l,
    effectiveFrom: l.validFrom === null ? null : firstDayOf(l.validFrom),
    effectiveTo: l.validTo === null ? null : firstDayOf(l.validTo),
  }));
}

export function dayJobRows(seed: Seed): DayJobRow[] {
  return seed.leaders.flatMap((l) =>
    l.dayJobOrgCode === null
      ? []
      : [
          {
            personId: l.personId,
            organisationCode: l.dayJobOrgCode,
            title: l.dayJobTitle,
            line: l.line,
            validFrom: l.validFrom,
            validTo: l.validTo,
            effectiveFrom: l.validFrom === null ? null : firstDayOf(l.validFrom),
            effectiveTo: l.validTo === null ? null : firstDayOf(l.validTo),
            evidence: l.evidence,
            source: l.source,
          },
        ],
  );
}

export function statusChangeRows(seed: Seed): StatusChangeRow[] {
  return seed.statusChanges.map((s) => ({
    ...s,
    line: Number(s.id.split(":")[1]),
    // An undated change stays in the history but never holds on a date.
    effectiveFrom:
      s.validFrom === null && s.announced === null ? null : firstDayOf(s.validFrom ?? s.announced ?? ""),
  }));
}

export function groundRows(derived: DerivedSeed): GroundRow[] {
  return derived.sharedGround.byKind.map((row) => ({
    ...row,
    rightCodes: listOrNull(row.rightCodes),
    sharedAreas: listOrNull(row.sharedAreas),
    sharedLessCertain: listOrNull(row.sharedLessCertain),
  }));
}

/** Each area group's dated coverage of a geography, one row per WITHIN relationship. */
export function groupCoverageRows(derived: DerivedSeed): (Coverage & { groupId: string })[] {
  return derived.groups.flatMap((g) => g.coverage.map((c) => ({ groupId: g.id, ...c })));
}

export function datasetRow(seed: Seed, derived: DerivedSeed, loadedAt: string): DatasetRow {
  return {
    coversFrom: derived.coversFrom,
    latestDate: derived.latestDate,
    areaCount: seed.areas.length,
    loadedAt,
    seedDir: seed.dir,
  };
}
