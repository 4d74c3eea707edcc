import { cypherInteger, type Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import type { EntityModel, EvidenceLevel, MembershipModel, PageModel } from "./models.js";
import { toPage } from "./pagination.js";

/** A membership's own fields as MEMBERSHIP_FIELDS lists them (dates as text). */
type MembershipFields = [
  validFrom: string,
  validTo: string | null,
  partial: boolean | null,
  evidence: EvidenceLevel,
  evidenceDetail: string | null,
  source: string,
  note: string | null,
];

/** A membership as MEMBERSHIP_PROJECTION returns it: member, group, then its own fields. */
export type MembershipRow = [member: EntityRow, group: EntityRow, ...fields: MembershipFields];

// Lists, not maps, for the reason ENTITY_PROJECTION gives.
const MEMBERSHIP_FIELDS = `toString(r.validFrom), toString(r.validTo), r.partial, r.evidence, r.evidenceDetail, r.source, r.note`;

/** The projection of a membership bound as (m)-[r]->(g), without its group. */
const MEMBER_PROJECTION = `[${projectEntity("m")}, ${MEMBERSHIP_FIELDS}]`;

/** The projection of a membership bound as (m)-[r]->(g). */
export const MEMBERSHIP_PROJECTION = `[${projectEntity("m")}, ${projectEntity("g")}, ${MEMBERSHIP_FIELDS}]`;

function fromFields(member: EntityModel, group: EntityModel, fields: MembershipFields): MembershipModel {
  const [validFrom, validTo, partial, evidence, evidenceDetail, source, note] = fields;
  return {
    member,
    group,
    validFrom,
    validTo: validTo ?? null,
    partial: partial ?? false,
    evidence,
    evidenceDetail: evidenceDetail ?? null,
    source,
    note: note ?? null,
  };
}

/** Converts a projected membership into its model, remembering the date it was looked up at. */
export function toMembershipModel(row: MembershipRow, asOf: string | null): MembershipModel {
  const [member, group, ...fields] = row;
  return fromFields(toEntityModel(member, asOf), toEntityModel(group, asOf), fields);
}

/** The members of one group (footprint, region, local office) at a date, a page at a time. */
export interface MemberPageKey {
  groupCode: string;
  asOf: string;
  kind: string | null;
  first: number;
  after: string | null;
}

export function memberPageKey(key: MemberPageKey): string {
  return `${key.groupCode}@${key.asOf}/${key.kind ?? ""}/${key.first}/${key.after ?? ""}`;
}

// Only the page's rows are projected, and the group once per key, not once per member.
const LIST_MEMBERS_OF_GROUPS = `
UNWIND $keys AS key
MATCH (g:Entity {code: key.groupCode})
CALL (key, g) {
  MATCH (m:Organisation)-[r:MEMBER_OF]->(g)
  WHERE r.validFrom <= date(key.asOf) AND (r.validTo IS NULL OR date(key.asOf) < r.validTo)
    AND (key.kind IS NULL OR m.kind = key.kind)
  WITH m, r ORDER BY m.code
  WITH count(*) AS total, collect(CASE WHEN key.after IS NULL OR m.code > key.after THEN {m: m, r: r} END) AS rows
  WITH total, rows[0..key.first + 1] AS pageRows
  CALL (pageRows) {
    UNWIND pageRows AS row
    WITH row.m AS m, row.r AS r
    RETURN collect(${MEMBER_PROJECTION}) AS page
  }
  RETURN total, page
}
RETURN key, ${projectEntity("g")} AS group, total, page`;

/**
 * Pages of the members of groups at their dates, in member code order, one page per key in key
 * order (empty for an unknown group). One round trip for all the keys.
 */
export async function listMembersOfGroups(
  db: Database,
  keys: readonly MemberPageKey[],
): Promise<PageModel<MembershipModel>[]> {
  const result = await db.read<{
    key: MemberPageKey;
    group: EntityRow;
    total: number;
    page: [member: EntityRow, ...fields: MembershipFields][];
  }>(LIST_MEMBERS_OF_GROUPS, {
    keys: keys.map((key) => ({ ...key, first: cypherInteger(key.first) })),
  });
  const pages = new Map<string, PageModel<MembershipModel>>();
  for (const r of result.records) {
    const key = r.get("key");
    const group = toEntityModel(r.get("group"), key.asOf);
    const rows = r
      .get("page")
      .map(([member, ...fields]) => fromFields(toEntityModel(member, key.asOf), group, fields));
    pages.set(
      memberPageKey(key),
      toPage(rows, key.first, key.after !== null, r.get("total"), (m) => [m.member.code]),
    );
  }
  return keys.map(
    (key) =>
      pages.get(memberPageKey(key)) ?? {
        nodes: [],
        cursors: [],
        hasNextPage: false,
        hasPreviousPage: key.after !== null,
        totalCount: 0,
      },
  );
}

/** What one organisation belongs to at a date, optionally only groups of one kind. */
export interface GroupsOfMemberKey {
  memberCode: string;
  asOf: string;
  kind: string | null;
}

export function groupsOfMemberKey(key: GroupsOfMemberKey): string {
  return `${key.memberCode}@${key.asOf}/${key.kind ?? ""}`;
}

const LIST_GROUPS_OF_MEMBERS = `
UNWIND $keys AS key
MATCH (m:Entity {code: key.memberCode})-[r:MEMBER_OF]->(g)
WHERE r.validFrom <= date(key.asOf) AND (r.validTo IS NULL OR date(key.asOf) < r.validTo)
  AND (key.kind IS NULL OR g.kind = key.kind)
WITH key, m, r, g ORDER BY g.kind, g.code
RETURN key, collect(${MEMBERSHIP_PROJECTION}) AS memberships`;

/** The memberships of organisations at their dates, ordered by group kind then code; one list per key. */
export async function listGroupsOfMembers(
  db: Database,
  keys: readonly GroupsOfMemberKey[],
): Promise<MembershipModel[][]> {
  const result = await db.read<{ key: GroupsOfMemberKey; memberships: MembershipRow[] }>(
    LIST_GROUPS_OF_MEMBERS,
    { keys },
  );
  const lists = new Map<string, MembershipModel[]>();
  for (const r of result.records) {
    const key = r.get("key");
    lists.set(
      groupsOfMemberKey(key),
      r.get("memberships").map((row) => toMembershipModel(row, key.asOf)),
    );
  }
  return keys.map((key) => lists.get(groupsOfMemberKey(key)) ?? []);
}
