import { cypherInteger, type Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EvidenceLevel, LeadershipModel, PageModel, PersonModel } from "./models.js";
import { decodeCursor, toPage } from "./pagination.js";

/** A leadership as LEADERSHIP_PROJECTION reads it: a list, read by index, so that no key is sent per row. */
export type LeadershipRow = [
  personId: string,
  personName: string,
  footprintCode: string,
  validFrom: string | null,
  validTo: string | null,
  effectiveFrom: string | null,
  effectiveTo: string | null,
  dayJobTitle: string | null,
  dayJobOrganisationName: string | null,
  dayJobOrganisation: EntityRow | null,
  evidence: EvidenceLevel,
  source: string,
  note: string | null,
];

// The day job is the WORKS_AT written from the same seed line as the LEADS relationship. Dates as
// text, for the reason ENTITY_PROJECTION gives.
const LEADERSHIP_PROJECTION = `[
  p.id, p.name, f.code, r.validFrom, r.validTo, toString(r.effectiveFrom), toString(r.effectiveTo),
  r.dayJobTitle, r.dayJobOrganisationName,
  head([(p)-[w:WORKS_AT {line: r.line}]->(o) | ${projectEntity("o")}]),
  r.evidence, r.source, r.note
]`;

/** The leadership, carrying its person and day-job organisation so that they need no further read. */
export function toLeadershipModel(row: LeadershipRow): LeadershipModel {
  const organisation = row[9];
  return {
    personId: row[0],
    footprintCode: row[2],
    validFrom: row[3],
    validTo: row[4],
    effectiveFrom: row[5],
    effectiveTo: row[6],
    dayJobTitle: row[7],
    dayJobOrganisationName: row[8],
    evidence: row[10],
    source: row[11],
    note: row[12],
    person: { id: row[0], name: row[1] },
    dayJobOrganisationCode: organisation?.[0] ?? null,
    dayJobOrganisation: organisation === null ? null : toEntityModel(organisation, null),
  };
}

/** The leaders of one footprint, at a date or (asOf null) at any date. */
export interface FootprintLeadersKey {
  footprintCode: string;
  asOf: string | null;
}

/** The text a footprint's leaders at a date are known by, in their loader's cache and in a batch's answers. */
export function footprintLeadersKey(key: FootprintLeadersKey): string {
  return `${key.footprintCode}@${key.asOf ?? ""}`;
}

/**
 * The leaders of the footprint bound to `f` ({asOf} of `key`; null: at any date), earliest first,
 * as `leaderships`. Runs inside CALL (key, f) { … }.
 */
export const LEADERS_OF_FOOTPRINT = `
  MATCH (p:Person)-[r:LEADS]->(f)
  WHERE key.asOf IS NULL
     OR ((r.effectiveFrom IS NULL OR r.effectiveFrom <= date(key.asOf)) AND (r.effectiveTo IS NULL OR date(key.asOf) < r.effectiveTo))
  WITH p, r, f ORDER BY coalesce(r.effectiveFrom, r.effectiveTo), coalesce(r.effectiveTo, date('9999-12-31')), p.id
  RETURN collect(${LEADERSHIP_PROJECTION}) AS leaderships`;

const LIST_LEADERS_OF_FOOTPRINTS = `
UNWIND $keys AS key
MATCH (f:Footprint {code: key.footprintCode})
CALL (key, f) {${LEADERS_OF_FOOTPRINT}
}
RETURN key, leaderships`;

/**
 * The leaders of footprints, earliest first, one list per key in key order. At a date, a role with
 * no start date in its source counts as holding, since the sources cannot say otherwise.
 */
export async function listLeadersOfFootprints(
  db: Database,
  keys: readonly FootprintLeadersKey[],
): Promise<LeadershipModel[][]> {
  const result = await db.read<{ key: FootprintLeadersKey; leaderships: LeadershipRow[] }>(
    LIST_LEADERS_OF_FOOTPRINTS,
    { keys },
  );
  const lists = new Map<string, LeadershipModel[]>();
  for (const r of result.records) {
    const key = r.get("key");
    lists.set(footprintLeadersKey(key), r.get("leaderships").map(toLeadershipModel));
  }
  return keys.map((key) => lists.get(footprintLeadersKey(key)) ?? []);
}

const LIST_ROLES_OF_PEOPLE = `
UNWIND $ids AS id
MATCH (p:Person {id: id})-[r:LEADS]->(f:Footprint)
WITH id, p, r, f ORDER BY coalesce(r.effectiveFrom, r.effectiveTo), coalesce(r.effectiveTo, date('9999-12-31')), f.code
RETURN id, collect(${LEADERSHIP_PROJECTION}) AS leaderships`;

/** Every role of each person, earliest first; one list per id in order. */
export async function listRolesOfPeople(db: Database, ids: readonly string[]): Promise<LeadershipModel[][]> {
  const result = await db.read<{ id: string; leaderships: LeadershipRow[] }>(LIST_ROLES_OF_PEOPLE, { ids });
  const lists = new Map(
    result.records.map((r) => [r.get("id"), r.get("leaderships").map(toLeadershipModel)]),
  );
  return ids.map((id) => lists.get(id) ?? []);
}

const LIST_LEADERS_AT_ORGANISATIONS = `
UNWIND $codes AS code
MATCH (p:Person)-[w:WORKS_AT]->(:Organisation {code: code})
MATCH (p)-[r:LEADS {line: w.line}]->(f:Footprint)
WITH code, p, r, f ORDER BY coalesce(r.effectiveFrom, r.effectiveTo), coalesce(r.effectiveTo, date('9999-12-31')), p.id
RETURN code, collect(${LEADERSHIP_PROJECTION}) AS leaderships`;

/** The leaderships whose day job is at each organisation, earliest first; one list per code. */
export async function listLeadersAtOrganisations(
  db: Database,
  codes: readonly string[],
): Promise<LeadershipModel[][]> {
  const result = await db.read<{ code: string; leaderships: LeadershipRow[] }>(
    LIST_LEADERS_AT_ORGANISATIONS,
    { codes },
  );
  const lists = new Map(
    result.records.map((r) => [r.get("code"), r.get("leaderships").map(toLeadershipModel)]),
  );
  return codes.map((code) => lists.get(code) ?? []);
}

const FIND_PEOPLE_BY_IDS = `
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.name AS name`;

/** People by id, one entry per id in order (null where there is none). */
export async function findPeopleByIds(db: Database, ids: readonly string[]): Promise<(PersonModel | null)[]> {
  const result = await db.read<PersonModel>(FIND_PEOPLE_BY_IDS, { ids });
  const byId = new Map(result.records.map((r) => [r.get("id"), { id: r.get("id"), name: r.get("name") }]));
  return ids.map((id) => byId.get(id) ?? null);
}

const LIST_PEOPLE = `
MATCH (p:Person)
WHERE $after IS NULL OR p.name > $after[0] OR (p.name = $after[0] AND p.id > $after[1])
WITH p ORDER BY p.name, p.id
LIMIT $limit
RETURN p.id AS id, p.name AS name`;

const COUNT_PEOPLE = "MATCH (p:Person) RETURN count(p) AS total";

/** A page of people ordered by name; the total is counted only when asked for. */
export async function listPeople(
  db: Database,
  first: number,
  after: string | null,
): Promise<PageModel<PersonModel>> {
  const afterKey = after === null ? null : decodeCursor(after);
  const result = await db.read<PersonModel>(LIST_PEOPLE, {
    after: afterKey,
    limit: cypherInteger(first + 1),
  });
  const rows = result.records.map((r) => ({ id: r.get("id"), name: r.get("name") }));
  return toPage(
    rows,
    first,
    after !== null,
    async () => {
      const count = await db.read<{ total: number }>(COUNT_PEOPLE);
      return count.records[0]?.get("total") ?? 0;
    },
    (p) => [p.name, p.id],
  );
}
