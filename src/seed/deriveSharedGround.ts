import type { AreaGroup } from "./deriveCoverage.js";

const CERTAIN: ReadonlySet<string> = new Set(["PUBLISHED", "TRANSCRIBED"]);

/** The ground two different geographies share over [validFrom, validTo), in areas (validTo null: still holds). */
export interface SharedGroundRow {
  leftCode: string;
  rightCode: string;
  validFrom: string;
  validTo: string | null;
  areas: number;
  /** Areas whose placement in either geography rests on derived or reconstructed evidence. */
  lessCertain: number;
}

/**
 * One geography's ground over [validFrom, validTo) as the geographies of one kind divide it: its
 * total, what it shares with each of them (itself included when it is of that kind), largest
 * first, and what none of them covers. A geography that existed but held no areas has rows of 0.
 */
export interface GroundByKindRow {
  code: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
  areas: number;
  /** Areas whose placement in the geography rests on derived or reconstructed evidence. */
  lessCertain: number;
  rightCodes: string[];
  sharedAreas: number[];
  sharedLessCertain: number[];
  uncoveredAreas: number;
  uncoveredLessCertain: number;
}

/** What the load derives from the area groups for the questions that compare geographies. */
export interface SharedGround {
  pairs: SharedGroundRow[];
  byKind: GroundByKindRow[];
}

/** When a geography existed (null: since ever, or still). */
export interface GeographyLife {
  code: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The start of a geography that has no start date: it existed on every date asked about. */
const SINCE_EVER = "0001-01-01";

interface Tally {
  areas: number;
  lessCertain: number;
}

/** Appends `row` to `rows`, or extends the last row of its key when it continues it unchanged. */
function appendSpan<R extends { validFrom: string; validTo: string | null }>(
  last: Map<string, R>,
  rows: R[],
  key: string,
  row: R,
): void {
  const previous = last.get(key);
  const counts = (r: R) => JSON.stringify({ ...r, validFrom: null, validTo: null });
  if (previous !== undefined && previous.validTo === row.validFrom && counts(previous) === counts(row)) {
    previous.validTo = row.validTo;
    return;
  }
  last.set(key, row);
  rows.push(row);
}

/**
 * The ground geographies share, over time: what coterminosity, overlaps and area counts read at
 * request time, counted once here from the area groups. Time is cut wherever any placement starts
 * or ends; within each cut, a group counts once for each geography it lies in (certain when any of
 * its placements there is certain). Consecutive cuts with the same counts are joined, so a row
 * changes only when the ground does.
 */
export function deriveSharedGround(
  groups: readonly AreaGroup[],
  geographies: readonly GeographyLife[],
  kindOf: (code: string) => string,
  kinds: readonly string[],
): SharedGround {
  const cuts = new Set<string>();
  for (const group of groups) {
    for (const entry of group.coverage) {
      cuts.add(entry.validFrom);
      if (entry.validTo !== null) cuts.add(entry.validTo);
    }
  }
  for (const geography of geographies) {
    cuts.add(geography.validFrom ?? SINCE_EVER);
    if (geography.validTo !== null) cuts.add(geography.validTo);
  }
  const starts = [...cuts].sort();
  const pairs: SharedGroundRow[] = [];
  const byKind: GroundByKindRow[] = [];
  const lastPair = new Map<string, SharedGroundRow>();
  const lastByKind = new Map<string, GroundByKindRow>();
  for (let cut = 0; cut < starts.length; cut++) {
    const validFrom = starts[cut] as string;
    const validTo = starts[cut + 1] ?? null;
    // shared.get(left).get(right): the pair's tally; shared.get(code).get(code): the geography's own.
    const shared = new Map<string, Map<string, Tally>>();
    const uncovered = new Map<string, Map<string, Tally>>();
    for (const group of groups) {
      const placed = new Map<string, boolean>();
      for (const entry of group.coverage) {
        if (entry.validFrom > validFrom || (entry.validTo !== null && entry.validTo <= validFrom)) continue;
        const certain = CERTAIN.has(entry.evidence);
        placed.set(entry.geographyCode, (placed.get(entry.geographyCode) ?? false) || certain);
      }
      if (placed.size === 0) continue;
      const size = group.areaCodes.length;
      const kindsHere = new Set([...placed.keys()].map(kindOf));
      for (const [left, leftCertain] of placed) {
        const row = shared.get(left) ?? new Map<string, Tally>();
        shared.set(left, row);
        for (const [right, rightCertain] of placed) {
          const tally = row.get(right) ?? { areas: 0, lessCertain: 0 };
          row.set(right, tally);
          tally.areas += size;
          if (!(leftCertain && rightCertain)) tally.lessCertain += size;
        }
        const gaps = uncovered.get(left) ?? new Map<string, Tally>();
        uncovered.set(left, gaps);
        for (const kind of kinds) {
          if (kindsHere.has(kind)) continue;
          const tally = gaps.get(kind) ?? { areas: 0, lessCertain: 0 };
          gaps.set(kind, tally);
          tally.areas += size;
          if (!leftCertain) tally.lessCertain += size;
        }
      }
    }
    // A geography that existed then but held no areas has ground too: none, against every kind.
    for (const geography of geographies) {
      const existed =
        (geography.validFrom ?? SINCE_EVER) <= validFrom &&
        (geography.validTo === null || validFrom < geography.validTo);
      if (existed && !shared.has(geography.code)) shared.set(geography.code, new Map());
    }
    for (const [code, row] of shared) {
      const own = row.get(code) ?? { areas: 0, lessCertain: 0 };
      for (const [right, tally] of row) {
        if (right === code) continue;
        appendSpan(lastPair, pairs, `${code}\u0000${right}`, {
          leftCode: code,
          rightCode: right,
          validFrom,
          validTo,
          areas: tally.areas,
          lessCertain: tally.lessCertain,
        });
      }
      for (const kind of kinds) {
        const ofKind = [...row]
          .filter(([right]) => kindOf(right) === kind)
          .sort(([a, x], [b, y]) => y.areas - x.areas || a.localeCompare(b));
        const gap = uncovered.get(code)?.get(kind) ?? { areas: 0, lessCertain: 0 };
        appendSpan(lastByKind, byKind, `${code}\u0000${kind}`, {
          code,
          kind,
          validFrom,
          validTo,
          areas: own.areas,
          lessCertain: own.lessCertain,
          rightCodes: ofKind.map(([right]) => right),
          sharedAreas: ofKind.map(([, t]) => t.areas),
          sharedLessCertain: ofKind.map(([, t]) => t.lessCertain),
          uncoveredAreas: gap.areas,
          uncoveredLessCertain: gap.lessCertain,
        });
      }
    }
  }
  return { pairs, byKind };
}
