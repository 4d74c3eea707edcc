import type { Context } from "../../context.js";
import type { EntityModel } from "../../graph/models.js";
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
  const within = (names: Set<string>, allowed: Set<string>) => [...names].every((name) => allowed.has(name));
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
 * Starts the reads of the footprint fields selected under a lookup by `code` (members, leaders)
 * alongside the lookup itself, instead of after it. They are keyed by the code as given: when it
 * is the footprint's official code, as it usually is, they are the very reads the fields then
 * make; otherwise they go unused. Failures are left for the fields to report.
 */
export function startFootprintReads(
  info: GraphQLResolveInfo,
  code: string,
  asOf: string | null,
  context: Context,
): void {
  const asIfFound = { code, asOf, validTo: null };
  const leaders = selectedFieldArguments(info, "Footprint", "leaders").map((args) =>
    context.loaders.leadersByFootprint.load({
      footprintCode: code,
      asOf: (args["asOf"] as string | null | undefined) ?? null,
    }),
  );
  const names = asksOnlyNames(info, ["members"]);
  const members = selectedFieldArguments(info, "Footprint", "members").map(async (args) =>
    context.loaders.membersByGroup.load(await membersKey(asIfFound, args, names, context)),
  );
  void Promise.allSettled([...leaders, ...members]);
}
