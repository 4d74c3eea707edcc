import type { OrganisationKind, OrganisationRow } from "./seedRows.js";

/** The result of resolving a name: one code, several (ambiguous) or none. */
export type NameResolution =
  | { kind: "resolved"; code: string }
  | { kind: "ambiguous"; codes: string[] }
  | { kind: "unresolved"; reason: string };

/** Normalised organisation names → the codes (with kinds) that carry them. */
export type OrganisationNameIndex = Map<string, { code: string; kind: OrganisationKind }[]>;

const COUNCIL_SUFFIX = /\b(metropolitan borough|county borough|city|county|borough|district)?\s*council$/;

/**
 * Normalises an organisation name for matching: case, "&", apostrophes, punctuation, a leading
 * "The", the words "NHS", "Trust", "CCG" and "Clinical Commissioning Group", and a trailing
 * ", City of" / ", County of" (ONS style) are ignored.
 */
export function normaliseOrganisationName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/,\s*(city|county) of\s*$/, "")
    .replace(/\bclinical commissioning group\b/g, " ")
    .replace(/\b(nhs|ccg|trust)\b/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the\s+/, "");
}

/** Indexes every name of every organisation (names: code → all names the sources give it). */
export function createOrganisationNameIndex(
  organisations: readonly OrganisationRow[],
  names: ReadonlyMap<string, readonly string[]>,
): OrganisationNameIndex {
  const index: OrganisationNameIndex = new Map();
  for (const org of organisations) {
    for (const name of names.get(org.code) ?? [org.name]) {
      const key = normaliseOrganisationName(name);
      const list = index.get(key) ?? [];
      if (!list.some((e) => e.code === org.code)) list.push({ code: org.code, kind: org.kind });
      index.set(key, list);
    }
  }
  return index;
}

/**
 * Resolves a day-job organisation to an organisations.csv code, only when exactly one organisation
 * of the kinds its type allows carries the normalised name. orgType is the leads files' column:
 * ccg, trust or council; "other" never resolves. A council maps to its LAD, or to its county for
 * "County Council".
 */
export function resolveOrganisationName(
  index: OrganisationNameIndex,
  name: string,
  orgType: string,
): NameResolution {
  let kinds: OrganisationKind[];
  let text = name.toLowerCase().trim();
  if (orgType === "ccg") kinds = ["CCG"];
  else if (orgType === "trust") kinds = ["NHS_TRUST"];
  else if (orgType === "council") {
    const suffix = COUNCIL_SUFFIX.exec(text);
    if (suffix === null) return { kind: "unresolved", reason: "not named as a council" };
    kinds =
      suffix[1] === "county"
        ? ["COUNTY_COUNCIL"]
        : suffix[1] === undefined
          ? ["LOCAL_AUTHORITY", "COUNTY_COUNCIL"]
          : ["LOCAL_AUTHORITY"];
    text = text.slice(0, suffix.index);
  } else
    return {
      kind: "unresolved",
      reason: `organisation type "${orgType}" is not an organisation of the seed`,
    };
  const matches = (index.get(normaliseOrganisationName(text)) ?? []).filter((e) => kinds.includes(e.kind));
  const codes = [...new Set(matches.map((m) => m.code))].sort();
  const [only] = codes;
  if (only === undefined) return { kind: "unresolved", reason: "no organisation of the seed has this name" };
  if (codes.length > 1) return { kind: "ambiguous", codes };
  return { kind: "resolved", code: only };
}
