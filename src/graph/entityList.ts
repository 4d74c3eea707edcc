import { cypherInteger, type Database } from "./database.js";
import {
  projectEntity,
  toEntityModel,
  type EntityFields,
  type EntityNamingRow,
  type EntityRow,
} from "./entity.js";
import {
  MEMBER_PAGE_OF_DETAIL,
  type MemberDetail,
  toMemberPage,
  type MemberPageKey,
  type MemberPageRow,
} from "./membership.js";
import type { EntityModel, LeadershipModel, MembershipModel, PageModel } from "./models.js";
import { OVERLAPPING_OF_KIND } from "./overlap.js";
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

const LIST_ORGANISATIONS = {
  CODE: listStatement("Organisation", "CODE"),
  NAME: listStatement("Organisation", "NAME"),
  count: countStatement("Organisation"),
} as const;

/**
 * A page of organisations matching the filter, in the given order. The total runs as a separate
 * count query, only when asked for.
 */
export async function listOrganisations(
  db: Database,
  filter: EntityFilter,
  order: EntityOrder,
  first: number,
  after: string | null,
): Promise<PageModel<EntityModel>> {
  const statements = LIST_ORGANISATIONS;
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

const LIST_START = { anyKind: "(n:Geography)", ofKind: "(n:Geography {kind: $kind})" };

const LISTED_PROJECTION: Record<EntityFields, string> = {
  whole: projectEntity("n"),
  naming: projectEntity("n", "naming"),
};

// The page and the total in one pass, as one record: each listed geography is a row [entity,
// member total, members page, regions], with, for each footprint of the page, its page of members
// and the regions its ground lies in when asked for ($members, $regionsAsOf; null: not read). The
// listed geographies and their regions are projected whole, or (naming) by code, name, kind and
// type only. With a kind, the kind's index finds the geographies; without one, every geography is read.
function geographiesWithReadsStatement(
  order: EntityOrder,
  start: keyof typeof LIST_START,
  detail: MemberDetail,
  fields: EntityFields,
): string {
  return `
MATCH ${LIST_START[start]}
WHERE ${ENTITY_CONDITIONS}
WITH n ORDER BY ${ORDER[order]}
WITH collect(n) AS matching
WITH size(matching) AS listTotal, [n IN matching WHERE ${PAGE_CONDITION[order]}][0..$limit] AS listPage
UNWIND CASE WHEN size(listPage) = 0 THEN [null] ELSE listPage END AS n
WITH listTotal, n, CASE WHEN n:Footprint AND $members IS NOT NULL THEN n END AS g, $members AS key
CALL (key, g) {${MEMBER_PAGE_OF_DETAIL[detail]}
}
WITH listTotal, n, total, page
CALL (n) {
  WITH CASE WHEN n:Footprint AND $regionsAsOf IS NOT NULL THEN n END AS l,
       {asOf: $regionsAsOf, kind: 'REGION'} AS key${OVERLAPPING_OF_KIND[fields]}
}
WITH listTotal, CASE WHEN n IS NULL THEN null ELSE [${LISTED_PROJECTION[fields]}, total, page, geographies] END AS row
RETURN listTotal, collect(row) AS rows`;
}

const geographiesWithReadsOfDetail = (detail: MemberDetail, fields: EntityFields) => ({
  anyKind: {
    CODE: geographiesWithReadsStatement("CODE", "anyKind", detail, fields),
    NAME: geographiesWithReadsStatement("NAME", "anyKind", detail, fields),
  },
  ofKind: {
    CODE: geographiesWithReadsStatement("CODE", "ofKind", detail, fields),
    NAME: geographiesWithReadsStatement("NAME", "ofKind", detail, fields),
  },
});

const geographiesWithReadsOfFields = (fields: EntityFields) =>
  ({
    names: geographiesWithReadsOfDetail("names", fields),
    terms: geographiesWithReadsOfDetail("terms", fields),
    whole: geographiesWithReadsOfDetail("whole", fields),
  }) as const satisfies Record<MemberDetail, unknown>;

// By the projection of the listed geographies, the detail of the members page (see
// MEMBER_PAGE_OF_DETAIL), then kind and order.
const GEOGRAPHIES_WITH_READS = {
  whole: geographiesWithReadsOfFields("whole"),
  naming: geographiesWithReadsOfFields("naming"),
} as const satisfies Record<EntityFields, unknown>;

/** What a geography list reads along with its page for the footprints on it. */
export interface FootprintReads {
  /** The members page of each footprint (groupCode is each footprint's), or null. */
  members: Omit<MemberPageKey, "groupCode"> | null;
  /** The date of each footprint's regions, or null. */
  regionsAsOf: string | null;
  /**
   * How much of each listed geography and region is read: "naming" only for a reader that asks for
   * no more than their code, name, kind and type (and the members and regions read here).
   */
  fields: EntityFields;
}

/** What a geography list read along with one footprint on its page (absent: not read). */
export interface FootprintReadAlong {
  members?: PageModel<MembershipModel>;
  regions?: EntityModel[];
  leaders?: LeadershipModel[];
}

/** A geography page with what was read along with it for each footprint on it, by node. */
export interface GeographyPageWithReads {
  page: PageModel<EntityModel>;
  readAlong: Map<EntityModel, FootprintReadAlong>;
}

/** A listed geography as the list statement returns it: [entity, member total, members page, regions]. */
type ListedRow = [
  entity: EntityRow | EntityNamingRow,
  memberTotal: number,
  memberPage: MemberPageRow,
  regions: (EntityRow | EntityNamingRow)[],
];

/**
 * A page of geographies matching the filter, in the given order, in one statement with the total
 * and, when `reads` asks for them, each footprint's members page and regions.
 */
export async function listGeographiesWithReads(
  db: Database,
  filter: EntityFilter,
  order: EntityOrder,
  first: number,
  after: string | null,
  reads: FootprintReads,
): Promise<GeographyPageWithReads> {
  const afterKey = after === null ? null : decodeCursor(after);
  const members =
    reads.members === null ? null : { ...reads.members, first: cypherInteger(reads.members.first) };
  const result = await db.read<{ listTotal: number; rows: (ListedRow | null)[] }>(
    GEOGRAPHIES_WITH_READS[reads.fields][reads.members?.detail ?? "names"][
      filter.kind === null ? "anyKind" : "ofKind"
    ][order],
    {
      ...filter,
      after: afterKey,
      limit: cypherInteger(first + 1),
      members,
      regionsAsOf: reads.regionsAsOf,
    },
  );
  const record = result.records[0];
  const nodes: EntityModel[] = [];
  const readAlong: GeographyPageWithReads["readAlong"] = new Map();
  for (const row of record?.get("rows") ?? []) {
    if (row === null) continue;
    const [entityRow, memberTotal, memberPage, regions] = row;
    const entity = toEntityModel(entityRow, filter.existedOn);
    nodes.push(entity);
    if (entity.entity !== "FOOTPRINT" || (reads.members === null && reads.regionsAsOf === null)) continue;
    const along: FootprintReadAlong = {};
    if (reads.members !== null) {
      const page = reads.members;
      const group = page.asOf === filter.existedOn ? entity : toEntityModel(entityRow, page.asOf);
      along.members = toMemberPage(group, page, memberTotal, memberPage);
    }
    if (reads.regionsAsOf !== null) {
      const asOf = reads.regionsAsOf;
      along.regions = regions.map((region) => toEntityModel(region, asOf));
    }
    readAlong.set(entity, along);
  }
  const total = record?.get("listTotal") ?? 0;
  return {
    page: toPage(nodes, first, after !== null, total, (e) =>
      order === "CODE" ? [e.code] : [e.name, e.code],
    ),
    readAlong,
  };
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
