const AFFIXES = /\b(nhs|ccg|clinical commissioning group|the)\b/g;

/**
 * The form of a name that search compares: lower case, "&" as "and", punctuation as spaces, and
 * without the "NHS", "CCG" and "Clinical Commissioning Group" affixes, so "NHS Bradford City CCG",
 * "bradford city" and "Bradford-City" all match.
 */
export function toSearchName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(AFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();
}
