const HONORIFICS = new Set([
  "dr",
  "sir",
  "dame",
  "prof",
  "professor",
  "mr",
  "mrs",
  "ms",
  "miss",
  "lord",
  "lady",
  "baroness",
  "cllr",
  "rev",
]);
const POST_NOMINALS = new Set([
  "obe",
  "cbe",
  "mbe",
  "dbe",
  "kbe",
  "cb",
  "qpm",
  "dl",
  "frcp",
  "frcgp",
  "frcs",
  "phd",
]);

/** Splits a name into its main part and any parenthesised alternatives: "Andy Hardy (Prof Andrew Hardy)". */
export function splitNameAliases(name: string): { name: string; aliases: string[] } {
  const aliases = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => (m[1] ?? "").trim()).filter((a) => a !== "");
  return {
    name: name
      .replace(/\([^)]*\)/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    aliases,
  };
}

/**
 * A person's id: the lowercase slug of the name without parenthesised aliases, honorifics (Dr, Sir,
 * Prof, …) or post-nominals (OBE, CBE, …), so "Dr Amanda Doyle OBE" and "Dr Amanda Doyle" both give
 * `amanda-doyle`.
 */
export function personIdFromName(name: string): string {
  const words = splitNameAliases(name)
    .name.normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’.]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
  while (words.length > 1 && HONORIFICS.has(words[0] ?? "")) words.shift();
  while (words.length > 1 && POST_NOMINALS.has(words[words.length - 1] ?? "")) words.pop();
  if (words.length === 0) throw new Error(`cannot make a person id from "${name}"`);
  return words.join("-");
}
