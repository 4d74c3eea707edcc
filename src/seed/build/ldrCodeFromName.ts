const DROPPED_PHRASES = /\b(local digital roadmap|digital roadmap|footprint)\b/gi;
const EDGE_WORDS = new Set(["the", "a", "nhs", "for", "of"]);

/**
 * The seed's code for a reconstructed LDR footprint (no official code exists): `LDR-` and an
 * uppercase slug of the name without parentheses, years, "Local Digital Roadmap", "Digital
 * Roadmap", "footprint" and leading or trailing "the", "a", "NHS", "for", "of". For example
 * "Peninsula Local Digital Roadmap" gives `LDR-PENINSULA`. The result matches ^LDR-[A-Z0-9-]+$.
 */
export function ldrCodeFromName(name: string): string {
  const text = name
    .replace(/\([^)]*\)/g, " ")
    .replace(/&/g, " and ")
    .replace(/['’]s\b/g, "")
    .replace(/['’]/g, "")
    .replace(DROPPED_PHRASES, " ")
    .replace(/\b\d{4}(-\d{4})?\b/g, " ");
  const words = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  while (words.length > 1 && EDGE_WORDS.has((words[0] ?? "").toLowerCase())) words.shift();
  while (words.length > 1 && EDGE_WORDS.has((words[words.length - 1] ?? "").toLowerCase())) words.pop();
  if (words.length === 0) throw new Error(`cannot make an LDR code from "${name}"`);
  return `LDR-${words.join("-").toUpperCase()}`;
}
