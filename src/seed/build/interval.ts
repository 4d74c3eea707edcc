import { SeedBuildError } from "./seedBuildError.js";
import type { Vintage } from "./vintage.js";

/** A half-open interval [validFrom, validTo); a null validTo holds as far as the data knows. */
export interface Interval {
  validFrom: string;
  validTo: string | null;
}

/**
 * Joins rows that share a key and touch (one's validTo is the next one's validFrom) into one row,
 * with `join` combining the other fields, where `canJoin` allows it. Returns rows sorted by key, then validFrom. Overlapping
 * rows of one key are an error.
 */
export function mergeTouching<T extends Interval>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  join: (earlier: T, later: T) => T,
  canJoin: (earlier: T, later: T) => boolean = () => true,
): T[] {
  const byKey = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [row]);
    else list.push(row);
  }
  const merged: T[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const list = (byKey.get(key) ?? []).slice().sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    let current: T | undefined;
    for (const row of list) {
      if (current === undefined) {
        current = row;
      } else if (current.validTo === row.validFrom && canJoin(current, row)) {
        current = { ...join(current, row), validFrom: current.validFrom, validTo: row.validTo };
      } else if (current.validTo === null || current.validTo > row.validFrom) {
        throw new SeedBuildError(
          `overlapping intervals for ${key}: ${current.validFrom} and ${row.validFrom}`,
        );
      } else {
        merged.push(current);
        current = row;
      }
    }
    if (current !== undefined) merged.push(current);
  }
  return merged;
}

/**
 * The interval of something present in some vintages: from the first vintage it is in (or `from`
 * when given) to the first later vintage it is absent from; open when it is in the last vintage.
 * Presence with a hole in it is an error, since one row cannot describe it.
 */
export function presenceInterval(
  what: string,
  present: ReadonlySet<string>,
  vintages: readonly Vintage[],
  openAtEnd: boolean,
  from?: string,
): Interval {
  const flags = vintages.map((v) => present.has(v.label));
  const first = flags.indexOf(true);
  const last = flags.lastIndexOf(true);
  const firstVintage = vintages[first];
  const lastVintage = vintages[last];
  if (firstVintage === undefined || lastVintage === undefined) {
    throw new SeedBuildError(`${what} is in no vintage`);
  }
  if (flags.slice(first, last + 1).includes(false)) {
    throw new SeedBuildError(`${what} is missing from a vintage between two it is in`);
  }
  const after = vintages[last + 1];
  return {
    validFrom: from ?? firstVintage.from,
    validTo: after !== undefined ? after.from : openAtEnd ? null : lastVintage.to,
  };
}
