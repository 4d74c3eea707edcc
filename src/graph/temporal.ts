import neo4j from "neo4j-driver";

/** An ISO date string from a Neo4j Date (or null); dates never leave graph/ as driver objects. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isDate(value)) return value.toString();
  if (typeof value === "string") return value;
  throw new TypeError(`Expected a Neo4j Date, got ${typeof value}`);
}
