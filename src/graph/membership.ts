import { cypherInteger, type Database } from "./database.js";
import { projectEntity, toEntityModel, type EntityNamingRow, type EntityRow } from "./entity.js";
import type { EntityModel, EvidenceLevel, MembershipModel, PageModel } from "./models.js";
import { emptyPage, toPage } from "./pagination.js";

/** A membership's own fields as MEMBERSHIP_FIELDS lists them (dates as text). */
type MembershipFields = [
  validFrom: string | null,
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

/**
 * The projection of a membership bound as (m)-[r]->(g), without its group, to each detail: for
 * "names" only the member's naming, for "terms" that and the membership's dates, partial flag and
 * evidence; the fields left out are not sent (shorter rows decode faster).
 */
const MEMBER_PROJECTIONS: Record<MemberDetail, string> = {
  names: `[${projectEntity("m", "naming")}]`,
  terms: `[${projectEntity("m", "naming")}, toString(r.validFrom), toString(r.validTo), r.partial, r.evidence]`,
  whole: `[${projectEntity("m")}, ${MEMBERSHIP_FIELDS}]`,
};

// The projection to each key's own `key.detail`, for statements that read pages for many keys.
const MEMBER_PROJECTION_PER_KEY = `CASE key.detail
  WHEN 'names' THEN ${MEMBER_PROJECTIONS.names}
  WHEN 'terms' THEN ${MEMBER_PROJECTIONS.terms}
  ELSE ${MEMBER_PROJECTIONS.whole} END`;

/** The projection of a membership bound as (m)-[r]->(g). */
export const MEMBERSHIP_PROJECTION = `[${projectEntity("m")}, ${projectEntity("g")}, ${MEMBERSHIP_FIELDS}]`;

/** What a page of terms sends of a membership's own fields: its dates, partial flag and evidence. */
type TermsFields = [
  validFrom: string | null,
  validTo: string | null,
  partial: boolean | null,
  evidence: EvidenceLevel,
];

/**
 * A membership from its member, group and the fields sent, which start at `from` in `row` (by
 * index rather than by destructuring: this runs for every member of every page).
 */
function fromFields(
  member: EntityModel,
  group: EntityModel,
  row: readonly unknown[],
  from: number,
): MembershipModel {
  const fields = row as Partial<Record<number, unknown>>;
  return {
    member,
    group,
    // Absent only on a page of names or terms, whose reader never asks for the fields left out.
    validFrom: (fields[from] as string | null | undefined) ?? "",
    validTo: (fields[from + 1] as string | null | undefined) ?? null,
    partial: (fields[from + 2] as boolean | null | undefined) ?? false,
    evidence: fields[from + 3] as EvidenceLevel,
    evidenceDetail: (fields[from + 4] as string | null | undefined) ?? null,
    source: fields[from + 5] as string,
    note: (fields[from + 6] as string | null | undefined) ?? null,
  };
}

/** Converts a projected membership into its model, remembering the date it was looked up at. */
export function toMembershipModel(row: MembershipRow, asOf: string | null): MembershipModel {
  return fromFields(toEntityModel(row[0], asOf), toEntityModel(row[1], asOf), row, 2);
}

/** The members of one group (footprint, region, local office) at a date, a page at a time. */
export interface MemberPageKey {
  groupCode: string;
  asOf: string;
  kind: string | null;
  first: number;
  after: string | null;
  /** How much of each membership the page's reader asks for. */
  detail: MemberDetail;
}

/**
 * How much of each membership a page reads: "names" (the member's code, name and type), "terms"
 * (those and the membership's dates, partial flag and evidence) or "whole".
 */
export type MemberDetail = "names" | "terms" | "whole";

export function memberPageKey(key: MemberPageKey): string {
  return `${key.groupCode}@${key.asOf}/${key.kind ?? ""}/${key.first}/${key.after ?? ""}/${key.detail}`;
}

/**
 * The page of members of the group bound to `g`, for the page `key` ({asOf, kind, first, after,
 * detail}): `total` and `page` (one row more than `first`, which only says that another page
 * follows). Only the page's rows are projected. Runs inside CALL (key, g) { … }.
 */
const memberPage = (projection: string) => `
  WITH key, g, date(key.asOf) AS memberDate
  MATCH (m:Organisation)-[r:MEMBER_OF]->(g)
  WHERE r.validFrom <= memberDate AND (r.validTo IS NULL OR memberDate < r.validTo)
    AND (key.kind IS NULL OR m.kind = key.kind)
  WITH m, r ORDER BY m.code
  WITH count(*) AS total, collect(CASE WHEN key.after IS NULL OR m.code > key.after THEN {m: m, r: r} END) AS rows
  WITH total, rows[0..key.first + 1] AS pageRows
  CALL (pageRows, key) {
    UNWIND pageRows AS row
    WITH row.m AS m, row.r AS r
    RETURN collect(${projection}) AS page
  }
  RETURN total, page`;

/**
 * The members page for one detail, known when the statement is chosen: a statement that reads one key
 * sends only that projection (shorter text, no CASE per member).
 */
export const MEMBER_PAGE_OF_DETAIL: Record<MemberDetail, string> = {
  names: memberPage(MEMBER_PROJECTIONS.names),
  terms: memberPage(MEMBER_PROJECTIONS.terms),
  whole: memberPage(MEMBER_PROJECTIONS.whole),
};

/** The page for each key at the key's own detail. */
const MEMBER_PAGE_PER_KEY = memberPage(MEMBER_PROJECTION_PER_KEY);

/** A page as MEMBER_PAGE_OF_DETAIL returns it, at its detail. */
export type MemberPageRow = (
  | [member: EntityRow, ...fields: MembershipFields]
  | [member: EntityNamingRow, ...fields: TermsFields]
  | [member: EntityNamingRow]
)[];

const memberCursorKey = (membership: MembershipModel) => [membership.member.code];

/** The page of memberships of `group` from the rows of MEMBER_PAGE_OF_DETAIL. */
export function toMemberPage(
  group: EntityModel,
  key: Pick<MemberPageKey, "asOf" | "first" | "after">,
  total: number,
  page: MemberPageRow,
): PageModel<MembershipModel> {
  const rows = page.map((row) => fromFields(toEntityModel(row[0], key.asOf), group, row, 1));
  return toPage(rows, key.first, key.after !== null, total, memberCursorKey);
}

// The group is projected once per key, not once per member.
const LIST_MEMBERS_OF_GROUPS = `
UNWIND $keys AS key
MATCH (g:Entity {code: key.groupCode})
CALL (key, g) {${MEMBER_PAGE_PER_KEY}
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
    page: MemberPageRow;
  }>(LIST_MEMBERS_OF_GROUPS, {
    keys: keys.map((key) => ({ ...key, first: cypherInteger(key.first) })),
  });
  const pages = new Map<string, PageModel<MembershipModel>>();
  for (const r of result.records) {
    const key = r.get("key");
    pages.set(
      memberPageKey(key),
      toMemberPage(toEntityModel(r.get("group"), key.asOf), key, r.get("total"), r.get("page")),
    );
  }
  return keys.map((key) => pages.get(memberPageKey(key)) ?? emptyPage(key.after !== null));
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
