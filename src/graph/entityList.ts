import { cypherInteger, type Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EntityModel, PageModel } from "./models.js";
import { decodeCursor, toPage } from "./pagination.js";

/** Which geographies or organisations a list returns; null fields do not narrow it. */
export interface EntityFilter {
  /** Geography lists: geography kinds; organisation lists: organisation kinds. */
  kind: string | null;
  existedOn: string | null;
  /** The date that `overlapping`, `footprint` and `region` are judged at. */
  asOf: string;
  overlapping: string | null;
  footprint: string | null;
  region: string | null;
  /** Already in search form (see toSearchName). */
  nameContains: string | null;
}

export type EntityOrder = "CODE" | "NAME";

const DATED = (r: string) =>
  `${r}.validFrom <= date($asOf) AND (${r}.validTo IS NULL OR date($asOf) < ${r}.validTo)`;

const ENTITY_CONDITIONS = `
  ($kind IS NULL OR n.kind = $kind)
  AND ($existedOn IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= date($existedOn)) AND (n.validTo IS NULL OR date($existedOn) < n.validTo)))
  AND ($nameContains IS NULL OR n.searchName CONTAINS $nameContains)
  AND ($overlapping IS NULL OR EXISTS {
    MATCH (n)-[s:SHARES]->(o:Geography {code: $overlapping})
    WHERE o <> n AND ${DATED("s")}
  })
  AND ($footprint IS NULL OR EXISTS {
    MATCH (n)-[r:MEMBER_OF]->(:Footprint {code: $footprint}) WHERE ${DATED("r")}
  })
  AND ($region IS NULL OR EXISTS {
    MATCH (n)-[r:MEMBER_OF]->(:Organisation {code: $region, kind: 'REGION'}) WHERE ${DATED("r")}
  } OR EXISTS {
    MATCH (n:Geography)-[s:SHARES]->(:Geography {code: $region, kind: 'REGION'})
    WHERE NOT n:Footprint AND ${DATED("s")}
  })`;

const PAGE_CONDITION = {
  CODE: "($after IS NULL OR n.code > $after[0])",
  NAME: "($after IS NULL OR n.name > $after[0] OR (n.name = $after[0] AND n.code > $after[1]))",
};
const ORDER = { CODE: "n.code", NAME: "n.name, n.code" };

function listStatement(label: string, order: EntityOrder): string {
  return `
MATCH (n:${label})
WHERE ${ENTITY_CONDITIONS} AND ${PAGE_CONDITION[order]}
WITH n ORDER BY ${ORDER[order]}
LIMIT $limit
RETURN ${projectEntity("n")} AS entity`;
}

function countStatement(label: string): string {
  return `
MATCH (n:${label})
WHERE ${ENTITY_CONDITIONS}
RETURN count(n) AS total`;
}

// Labels are fixed text chosen here, never taken from input.
const STATEMENTS = {
  Geography: {
    CODE: listStatement("Geography", "CODE"),
    NAME: listStatement("Geography", "NAME"),
    count: countStatement("Geography"),
  },
  Organisation: {
    CODE: listStatement("Organisation", "CODE"),
    NAME: listStatement("Organisation", "NAME"),
    count: countStatement("Organisation"),
  },
} as const;

/**
 * A page of geographies (label Geography) or organisations (label Organisation) matching the
 * filter, in the given order. The total runs as a separate count query, only when asked for.
 */
export async function listEntities(
  db: Database,
  label: "Geography" | "Organisation",
  filter: EntityFilter,
  order: EntityOrder,
  first: number,
  after: string | null,
): Promise<PageModel<EntityModel>> {
  const statements = STATEMENTS[label];
  const afterKey = after === null ? null : decodeCursor(after);
  const parameters = { ...filter, after: afterKey };
  const result = await db.read<{ entity: EntityRow }>(statements[order], {
    ...parameters,
    limit: cypherInteger(first + 1),
  });
  const rows = result.records.map((r) => toEntityModel(r.get("entity"), filter.existedOn));
  return toPage(
    rows,
    first,
    after !== null,
    async () => {
      const count = await db.read<{ total: number }>(statements.count, parameters);
      return count.records[0]?.get("total") ?? 0;
    },
    (e) => (order === "CODE" ? [e.code] : [e.name, e.code]),
  );
}

const SEARCH = `
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit}) YIELD node, score
RETURN CASE WHEN node:Person THEN {person: {id: node.id, name: node.name}} ELSE {entity: ${projectEntity("node")}} END AS hit, score`;

/** A search hit: an entity or a person. */
export type SearchHit = { entity: EntityModel } | { person: { id: string; name: string } };

/**
 * Footprints, organisations and people whose search name matches every word of `words` (each as
 * a prefix), best match first.
 */
export async function searchEntities(
  db: Database,
  words: readonly string[],
  limit: number,
): Promise<SearchHit[]> {
  if (words.length === 0) return [];
  // Words are already reduced to [a-z0-9], so none carries Lucene syntax.
  const query = words.map((word) => `+${word}*`).join(" ");
  const result = await db.read<{ hit: { entity?: EntityRow; person?: { id: string; name: string } } }>(
    SEARCH,
    { query, limit: cypherInteger(limit) },
  );
  return result.records.map((r) => {
    const hit = r.get("hit");
    return hit.person !== undefined
      ? { person: hit.person }
      : { entity: toEntityModel(hit.entity as EntityRow, null) };
  });
}
