import type { Context } from "../../context.js";
import type { EntityModel } from "../../graph/models.js";
import type { LookupReads } from "../../graph/lookup.js";
import type { MemberDetail, MemberPageKey } from "../../graph/membership.js";
import type { OrganisationKind } from "../../generated/graphql.js";
import { codeAfter, cursor, pageSize, resolveAsOf } from "../arguments.js";
import { asksOnlyFor, asksOnlyNaming, selectedFieldArguments, walkOnce } from "../lookahead.js";
import type { GraphQLResolveInfo } from "graphql";

export interface MembersArguments {
  asOf?: string | null;
  kind?: OrganisationKind | null;
  first?: number | null;
  after?: string | null;
}

const MEMBERSHIP_NAMING = new Set(["member", "__typename"]);
const MEMBERSHIP_TERMS = new Set([...MEMBERSHIP_NAMING, "validFrom", "validTo", "partial", "evidence"]);

/**
 * How much of each membership the `members` selection found through `path` (empty: the field
 * being resolved) asks for: "names" when no more than each member's code, name and type, "terms"
 * when also no more than the membership's dates, partial flag and evidence, else "whole".
 */
export function memberDetailAskedFor(info: GraphQLResolveInfo, path: readonly string[]): MemberDetail {
  return walkOnce(info, `memberDetail:${path.join(".")}`, () => {
    if (!asksOnlyNaming(info, [...path, "edges", "node", "member"])) return "whole";
    const membership = [...path, "edges", "node"];
    if (asksOnlyFor(info, membership, MEMBERSHIP_NAMING)) return "names";
    return asksOnlyFor(info, membership, MEMBERSHIP_TERMS) ? "terms" : "whole";
  });
}

/** The page of members a group's `members` field reads for these arguments (detail: see memberDetailAskedFor). */
export async function membersKey(
  parent: Pick<EntityModel, "code" | "asOf" | "validTo">,
  args: MembersArguments,
  detail: MemberDetail,
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
    detail,
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
): Promise<
  Omit<LookupReads, "areaCount"> & { membersArguments: Arguments | null; leadersArguments: Arguments | null }
> {
  const memberArgs = onlySelection(selectedFieldArguments(info, "Footprint", "members"));
  let members: LookupReads["members"] = null;
  if (memberArgs !== undefined && ((memberArgs["asOf"] as string | null | undefined) ?? asOf) !== null) {
    try {
      const key = await membersKey(
        { code: "", asOf, validTo: null },
        memberArgs,
        memberDetailAskedFor(info, ["members"]),
        context,
      );
      members = { asOf: key.asOf, kind: key.kind, first: key.first, after: key.after, detail: key.detail };
    } catch {
      // Bad arguments are the field's to report.
    }
  }
  const leaderArgs = onlySelection(selectedFieldArguments(info, "Footprint", "leaders"));
  return {
    members,
    leadersAsOf:
      leaderArgs === undefined ? undefined : ((leaderArgs["asOf"] as string | null | undefined) ?? null),
    membersArguments: members === null ? null : (memberArgs ?? null),
    leadersArguments: leaderArgs ?? null,
  };
}

/** The arguments of a field selected once (or several times with the same arguments), else undefined. */
export function onlySelection(selections: Record<string, unknown>[]): Record<string, unknown> | undefined {
  if (selections.length === 1) return selections[0];
  const distinct = new Set(selections.map((args) => JSON.stringify(args)));
  return distinct.size === 1 ? selections[0] : undefined;
}

/** A field's arguments, as resolvers receive them and as lookahead finds them selected. */
export type Arguments = Readonly<Record<string, unknown>>;

/** True when a field's arguments are those a read was made for (same names, equal plain values). */
export function sameArguments(args: Arguments, readFor: Arguments): boolean {
  const names = Object.keys(args);
  if (names.length !== Object.keys(readFor).length) return false;
  return names.every((name) => Object.hasOwn(readFor, name) && args[name] === readFor[name]);
}
