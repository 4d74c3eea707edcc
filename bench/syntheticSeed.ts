import type { Seed } from "../src/seed/seedTypes.js";

/**
 * A synthetic seed `factor` times the real one: copy 0 is the real seed, and every other copy
 * repeats all of it (areas, organisations, footprints, memberships, area memberships, people,
 * leaders, status changes) under generated codes (`<code>-x<copy>`), so that each copy is a
 * disjoint England with its own geographies and area groups. Sources are shared.
 */
export function replicateSeed(seed: Seed, factor: number): Seed {
  const copies = Array.from({ length: factor }, (_, c) => c);
  const code = (value: string, c: number) => (c === 0 ? value : `${value}-x${c}`);
  const maybe = (value: string | null, c: number) => (value === null ? null : code(value, c));
  return {
    dir: `${seed.dir} ×${factor} (synthetic)`,
    sources: seed.sources,
    areas: copies.flatMap((c) => seed.areas.map((a) => ({ ...a, code: code(a.code, c) }))),
    organisations: copies.flatMap((c) =>
      seed.organisations.map((o) => ({ ...o, code: code(o.code, c), odsCode: maybe(o.odsCode, c) })),
    ),
    footprints: copies.flatMap((c) =>
      seed.footprints.map((f) => ({
        ...f,
        code: code(f.code, c),
        formerCodes: f.formerCodes.map((former) => code(former, c)),
      })),
    ),
    memberships: copies.flatMap((c) =>
      seed.memberships.map((m) => ({
        ...m,
        memberCode: code(m.memberCode, c),
        groupCode: code(m.groupCode, c),
      })),
    ),
    areaMemberships: copies.flatMap((c) =>
      seed.areaMemberships.map((m) => ({
        ...m,
        areaCode: code(m.areaCode, c),
        geographyCode: code(m.geographyCode, c),
      })),
    ),
    leaders: copies.flatMap((c) =>
      seed.leaders.map((l) => ({
        ...l,
        personId: code(l.personId, c),
        footprintCode: code(l.footprintCode, c),
        dayJobOrgCode: maybe(l.dayJobOrgCode, c),
      })),
    ),
    statusChanges: copies.flatMap((c) =>
      seed.statusChanges.map((s) => {
        // The loader reads the source line from the id's part after the colon.
        const [prefix, line] = s.id.split(":");
        return {
          ...s,
          id: `${code(prefix ?? s.id, c)}:${line ?? ""}`,
          footprintCode: code(s.footprintCode, c),
        };
      }),
    ),
  };
}

/** How many input rows a seed has: every CSV row the loader writes from. */
export function countSeedRows(seed: Seed): number {
  return (
    seed.sources.length +
    seed.areas.length +
    seed.organisations.length +
    seed.footprints.length +
    seed.memberships.length +
    seed.areaMemberships.length +
    seed.leaders.length +
    seed.statusChanges.length
  );
}
