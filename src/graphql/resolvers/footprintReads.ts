import type { Context } from "../../context.js";
import type { EntityModel } from "../../graph/models.js";
import type { MemberPageKey } from "../../graph/membership.js";
import type { OrganisationKind } from "../../generated/graphql.js";
import { codeAfter, cursor, pageSize, resolveAsOf } from "../arguments.js";
import { selectedFieldArguments } from "../lookahead.js";
import type { GraphQLResolveInfo } from "graphql";

export interface MembersArguments {
  asOf?: string | null;
  kind?: OrganisationKind | null;
  first?: number | null;
  after?: string | null;
}

/** The page of members a group's `members` field reads for these arguments. */
export async function membersKey(
  parent: Pick<EntityModel, "code" | "asOf" | "validTo">,
  args: MembersArguments,
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
  const members = selectedFieldArguments(info, "Footprint", "members").map(async (args) =>
    context.loaders.membersByGroup.load(await membersKey(asIfFound, args, context)),
  );
  void Promise.allSettled([...leaders, ...members]);
}
