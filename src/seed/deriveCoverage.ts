import { createHash } from "node:crypto";
import type { EvidenceLevel } from "../graph/models.js";
import type { SeedAreaMembership, SeedMembership } from "./seedTypes.js";

const OPEN_END = "9999-12-31";
const EVIDENCE_RANK: Record<EvidenceLevel, number> = {
  PUBLISHED: 0,
  TRANSCRIBED: 1,
  DERIVED: 2,
  RECONSTRUCTED: 3,
};

/** The weaker of two evidence levels: a fact is only as good as the weakest one it rests on. */
export function weakerEvidence(a: EvidenceLevel, b: EvidenceLevel): EvidenceLevel {
  return EVIDENCE_RANK[a] >= EVIDENCE_RANK[b] ? a : b;
}

/** One geography an area lies in over [validFrom, validTo); validTo null = still holds. */
export interface Coverage {
  geographyCode: string;
  validFrom: string;
  validTo: string | null;
  evidence: EvidenceLevel;
}

/** Areas whose coverage is identical, so that one group stands in for all of them. */
export interface AreaGroup {
  id: string;
  areaCodes: string[];
  coverage: Coverage[];
}

function intersect(
  aFrom: string,
  aTo: string | null,
  bFrom: string,
  bTo: string | null,
): [string, string | null] | null {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = (aTo ?? OPEN_END) < (bTo ?? OPEN_END) ? aTo : bTo;
  return from < (to ?? OPEN_END) ? [from, to] : null;
}

/** Joins touching or overlapping intervals of one geography with the same evidence; sorted. */
export function mergeCoverage(entries: readonly Coverage[]): Coverage[] {
  const sorted = [...entries].sort(
    (a, b) =>
      a.geographyCode.localeCompare(b.geographyCode) ||
      a.evidence.localeCompare(b.evidence) ||
      a.validFrom.localeCompare(b.validFrom),
  );
  const merged: Coverage[] = [];
  for (const entry of sorted) {
    const last = merged[merged.length - 1];
    if (
      last !== undefined &&
      last.geographyCode === entry.geographyCode &&
      last.evidence === entry.evidence &&
      entry.validFrom <= (last.validTo ?? OPEN_END)
    ) {
      if ((entry.validTo ?? OPEN_END) > (last.validTo ?? OPEN_END)) last.validTo = entry.validTo;
      continue;
    }
    merged.push({ ...entry });
  }
  return merged.sort(
    (a, b) => a.geographyCode.localeCompare(b.geographyCode) || a.validFrom.localeCompare(b.validFrom),
  );
}

/**
 * Every geography each area lies in, over time: its direct facts (area → CCG, area → local
 * authority, area placements) plus, for each whole (non-partial) membership of a geography it is
 * directly in, the membership's group over the overlap of the two intervals. A partial membership
 * places no area: only explicit area rows do, so the sources are never guessed past.
 */
export function deriveAreaCoverage(
  areaCodes: readonly string[],
  areaMemberships: readonly SeedAreaMembership[],
  memberships: readonly SeedMembership[],
  isGeography: (code: string) => boolean,
): Map<string, Coverage[]> {
  const groupsOf = new Map<string, SeedMembership[]>();
  for (const membership of memberships) {
    if (membership.partial || !isGeography(membership.groupCode)) continue;
    const list = groupsOf.get(membership.memberCode) ?? [];
    list.push(membership);
    groupsOf.set(membership.memberCode, list);
  }
  const coverage = new Map<string, Coverage[]>(areaCodes.map((code) => [code, []]));
  for (const fact of areaMemberships) {
    const list = coverage.get(fact.areaCode);
    if (list === undefined) continue;
    list.push({
      geographyCode: fact.geographyCode,
      validFrom: fact.validFrom,
      validTo: fact.validTo,
      evidence: fact.evidence,
    });
    for (const membership of groupsOf.get(fact.geographyCode) ?? []) {
      const overlap = intersect(fact.validFrom, fact.validTo, membership.validFrom, membership.validTo);
      if (overlap === null) continue;
      list.push({
        geographyCode: membership.groupCode,
        validFrom: overlap[0],
        validTo: overlap[1],
        evidence: weakerEvidence(fact.evidence, membership.evidence),
      });
    }
  }
  for (const [code, list] of coverage) coverage.set(code, mergeCoverage(list));
  return coverage;
}

/** Groups areas with identical coverage; the id is a hash of the coverage, so it is stable across loads. */
export function groupAreas(coverage: ReadonlyMap<string, Coverage[]>): AreaGroup[] {
  const groups = new Map<string, AreaGroup>();
  for (const [areaCode, entries] of coverage) {
    const signature = entries
      .map((e) => `${e.geographyCode}|${e.validFrom}|${e.validTo ?? ""}|${e.evidence}`)
      .join(";");
    let group = groups.get(signature);
    if (group === undefined) {
      const id = createHash("sha256").update(signature).digest("hex").slice(0, 16);
      group = { id, areaCodes: [], coverage: entries };
      groups.set(signature, group);
    }
    group.areaCodes.push(areaCode);
  }
  return [...groups.values()].sort((a, b) => a.id.localeCompare(b.id));
}
