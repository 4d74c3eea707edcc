import type { Database } from "./database.js";

const COUNT_NODES_BY_LABEL = `
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS total ORDER BY label`;

const COUNT_RELATIONSHIPS_BY_TYPE = `
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS total ORDER BY type`;

/** How many nodes carry each label and how many relationships have each type. */
export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** Counts the whole graph by label and relationship type, in name order. */
export async function countGraph(db: Database): Promise<GraphStats> {
  const [nodes, relationships] = await Promise.all([
    db.read<{ label: string; total: number }>(COUNT_NODES_BY_LABEL),
    db.read<{ type: string; total: number }>(COUNT_RELATIONSHIPS_BY_TYPE),
  ]);
  return {
    nodes: Object.fromEntries(nodes.records.map((r) => [r.get("label"), r.get("total")])),
    relationships: Object.fromEntries(relationships.records.map((r) => [r.get("type"), r.get("total")])),
  };
}
