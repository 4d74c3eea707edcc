import type { Context } from "../../context.js";
import type { EntityModel } from "../../graph/models.js";
import type { LookupReads } from "../../graph/lookup.js";
import type { MemberPageKey } from "../../graph/membership.js";
import type { OrganisationKind } from "../../generated/graphql.js";
import { codeAfter, cursor, pageSize, resolveAsOf } from "../arguments.js";
import { selectedFieldArguments, selectedFieldNamesAt } from "../lookahead.js";
import type { GraphQLResolveInfo } from "graphql";

export interface MembersArguments {
  asOf?: string | null;
  kind?: OrganisationKind | null;
  first?: number | null;
  after?: string | null;
}

const MEMBERSHIP_NAMING = new Set(["member", "__typename"]);
const MEMBER_NAMING = new Set(["code", "name", "kind", "organisationKind", "__typename"]);

/**
 * True when the `members` selection found through `path` (empty: the field being resolved) asks
 * for no more of each membership than its member's code, name and type: a page of names will do.
 */
export function asksOnlyNames(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const within = (names: ReadonlySet<string>, allowed: ReadonlySet<string>) =>
    [...names].every((name) => allowed.has(name));
  return (
    within(selectedFieldNamesAt(info, [...path, "edges", "node"]), MEMBERSHIP_NAMING) &&
    within(selectedFieldNamesAt(info, [...path, "edges", "node", "member"]), MEMBER_NAMING)
  );
}

/** The page of members a group's `members` field reads for these arguments (names: see asksOnlyNames). */
export async function membersKey(
  parent: Pick<EntityModel, "code" | "asOf" | "validTo">,
  args: MembersArguments,
  names: boolean,
  context: Context,
): Promise<MemberPageKey> {
  const first = pageSize(args.first, context.maxPageSize);
  const after = cursor(args.after);
  return {
    groupCode: parent.code,
    asOf: await resolveAsOf(args.asOf, parent, context),
    kind: args.kind ?? null,
    first,
    after: codeAfter(after),
    names,
  };
}

/**
 * What a lookup of one geography can read along with it for the footprint fields selected under
 * it (members, leaders): each when selected once (one set of arguments), and, for members, when
 * their date does not depend on the footprint found (given, or the lookup's asOf). Otherwise, or
 * when the arguments are bad (the field reports them), the field reads it.
 */
export async function lookupFootprintReads(
  info: GraphQLResolveInfo,
  asOf: string | null,
  context: Context,
): Promise<Omit<LookupReads, "areaCount">> {
  const memberArgs = onlySelection(selectedFieldArguments(info, "Footprint", "members"));
  let members: LookupReads["members"] = null;
  if (memberArgs !== undefined && ((memberArgs["asOf"] as string | null | undefined) ?? asOf) !== null) {
    try {
      const key = await membersKey(
        { code: "", asOf, validTo: null },
        memberArgs,
        asksOnlyNames(info, ["members"]),
        context,
      );
      members = { asOf: key.asOf, kind: key.kind, first: key.first, after: key.after, names: key.names };
    } catch {
      // Bad arguments are the field's to report.
    }
  }
  const leaderArgs = onlySelection(selectedFieldArguments(info, "Footprint", "leaders"));
  return {
    members,
    leadersAsOf:
      leaderArgs === undefined ? undefined : ((leaderArgs["asOf"] as string | null | undefined) ?? null),
  };
}

/** The arguments of a field selected once (or several times with the same arguments), else undefined. */
export function onlySelection(selections: Record<string, unknown>[]): Record<string, unknown> | undefined {
  const distinct = new Set(selections.map((args) => JSON.stringify(args)));
  return distinct.size === 1 ? selections[0] : undefined;
}
