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

// Each node by its labels and key; each property with its Cypher type, so that 1 and 1.0 differ.
const LIST_NODES = `
MATCH (n)
RETURN labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS properties`;

const LIST_RELATIONSHIPS = `
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS fromLabels, coalesce(a.code, a.id, a.key, a.kind) AS fromKey,
  labels(b) AS toLabels, coalesce(b.code, b.id, b.key, b.kind) AS toKey,
  [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS properties`;

/** A property as listed: its name, its Cypher type and its value. */
type ListedProperty = [string, string, unknown];

// A date arrives as the driver's object and is written out field by field.
function propertyText([name, type, value]: ListedProperty): string {
  return `${name}: ${type} = ${JSON.stringify(value)}`;
}

function propertiesText(properties: ListedProperty[]): string {
  return `{${properties.map(propertyText).sort().join(", ")}}`;
}

function labelsText(labels: string[]): string {
  return `:${[...labels].sort().join(":")}`;
}

/**
 * The whole graph as text, one sorted line per node and per relationship, with every label, type
 * and property (and each property's Cypher type): two graphs are the same when their lines are. A
 * relationship names its ends by their labels and key (code, id, key or kind). For comparing
 * graphs in tests and checks; it reads everything, so it suits graphs the size of the seed.
 */
export async function listGraphContents(db: Database): Promise<string[]> {
  const [nodes, relationships] = await Promise.all([
    db.read<{ labels: string[]; properties: ListedProperty[] }>(LIST_NODES),
    db.read<{
      type: string;
      fromLabels: string[];
      fromKey: unknown;
      toLabels: string[];
      toKey: unknown;
      properties: ListedProperty[];
    }>(LIST_RELATIONSHIPS),
  ]);
  const lines = nodes.records.map(
    (r) => `(${labelsText(r.get("labels"))} ${propertiesText(r.get("properties"))})`,
  );
  const end = (labels: string[], key: unknown) => `(${labelsText(labels)} ${JSON.stringify(key)})`;
  for (const r of relationships.records) {
    lines.push(
      `${end(r.get("fromLabels"), r.get("fromKey"))}-[:${r.get("type")} ${propertiesText(r.get("properties"))}]->${end(r.get("toLabels"), r.get("toKey"))}`,
    );
  }
  return lines.sort();
}
