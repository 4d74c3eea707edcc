/** How the ground of two geographies relates. */
export type OverlapRelation = "EQUAL" | "LEFT_WITHIN_RIGHT" | "RIGHT_WITHIN_LEFT" | "PARTIAL";

/** How one left-hand geography sits against the right-hand geographies of another kind. */
export type Verdict = "COTERMINOUS" | "NESTED" | "UNION" | "STRADDLES" | "NONE";

export const VERDICTS: readonly Verdict[] = ["COTERMINOUS", "NESTED", "UNION", "STRADDLES", "NONE"];

/**
 * The relation of a left-hand geography (`leftAreas` areas) to a right-hand one (`rightAreas`),
 * given the `sharedAreas` they have in common. Both counts must include the shared areas.
 */
export function classifyRelation(
  sharedAreas: number,
  leftAreas: number,
  rightAreas: number,
): OverlapRelation {
  const leftInside = sharedAreas === leftAreas;
  const rightInside = sharedAreas === rightAreas;
  if (leftInside && rightInside) return "EQUAL";
  if (leftInside) return "LEFT_WITHIN_RIGHT";
  if (rightInside) return "RIGHT_WITHIN_LEFT";
  return "PARTIAL";
}

/**
 * The verdict of a left-hand geography from the relations of its overlaps (over its covered areas):
 * none → NONE; one overlap equal → COTERMINOUS; one overlap containing it → NESTED; several
 * overlaps each wholly inside it → UNION; anything else → STRADDLES.
 */
export function classifyVerdict(relations: readonly OverlapRelation[]): Verdict {
  if (relations.length === 0) return "NONE";
  if (relations.length === 1) {
    if (relations[0] === "EQUAL") return "COTERMINOUS";
    if (relations[0] === "LEFT_WITHIN_RIGHT") return "NESTED";
    return "STRADDLES";
  }
  return relations.every((relation) => relation === "RIGHT_WITHIN_LEFT") ? "UNION" : "STRADDLES";
}

/** An ISO date plus or minus whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Dated coverage of one kind: parallel lists of interval starts and (exclusive, null = open) ends. */
export interface KindCoverage {
  validFrom: readonly string[];
  validTo: readonly (string | null)[];
}

/**
 * The latest date on which both kinds have area-level data: the last day of the latest overlap of
 * their coverage intervals; for an open-ended overlap, the data's latest date (`latestDate`, the
 * latest day a vintage begins) or the overlap's start if later. Null when they never overlap.
 */
export function latestCommonDate(a: KindCoverage, b: KindCoverage, latestDate: string): string | null {
  let best: string | null = null;
  a.validFrom.forEach((aFrom, i) => {
    b.validFrom.forEach((bFrom, j) => {
      const from = aFrom > bFrom ? aFrom : bFrom;
      const aTo = a.validTo[i] ?? null;
      const bTo = b.validTo[j] ?? null;
      const to = aTo === null ? bTo : bTo === null ? aTo : aTo < bTo ? aTo : bTo;
      if (to !== null && from >= to) return;
      const last = to === null ? (from > latestDate ? from : latestDate) : addDays(to, -1);
      if (best === null || last > best) best = last;
    });
  });
  return best;
}
