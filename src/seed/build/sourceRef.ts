import { SEED_BUILD_SOURCE_ID, SOURCE_CATALOGUE } from "./sourceCatalogue.js";
import type { RawRow } from "./readRaw.js";

/** A reference to the raw line a value came from; line is null only for the build itself. */
export interface SourceRef {
  sourceId: string;
  line: number | null;
}

/** The reference to a raw row. */
export function refOf(row: RawRow): SourceRef {
  return { sourceId: row.sourceId, line: row.line };
}

/** The reference to the build, for values it computes. */
export const SEED_BUILD_REF: SourceRef = { sourceId: SEED_BUILD_SOURCE_ID, line: null };

const ORDER = new Map(SOURCE_CATALOGUE.map((source, i) => [source.id, i]));

function rank(sourceId: string): number {
  return ORDER.get(sourceId) ?? SOURCE_CATALOGUE.length;
}

/**
 * Formats references as the `source` cell: `sourceId:line` separated by spaces (the build itself as a
 * bare `seed-build`), deduplicated, in catalogue order and then line order.
 */
export function formatSourceRefs(refs: readonly SourceRef[]): string {
  const unique = new Map<string, SourceRef>();
  for (const ref of refs) unique.set(`${ref.sourceId}:${ref.line ?? ""}`, ref);
  return [...unique.values()]
    .sort((a, b) => rank(a.sourceId) - rank(b.sourceId) || (a.line ?? 0) - (b.line ?? 0))
    .map((ref) => (ref.line === null ? ref.sourceId : `${ref.sourceId}:${ref.line}`))
    .join(" ");
}
