import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import type { EntityFields } from "../../graph/entity.js";
import { listOrganisations, type FootprintReadAlong } from "../../graph/entityList.js";
import type { EntityModel, MembershipModel } from "../../graph/models.js";
import type { GeographyKind, OrganisationKind, Resolvers, TrustType } from "../../generated/graphql.js";
import {
  cursor,
  entityCode,
  nameFilter,
  optionalCode,
  pageSize,
  resolveAsOf,
  withDefault,
} from "../arguments.js";
import { connectionFields } from "./connection.js";
import {
  memberDetailAskedFor,
  membersKey,
  sameArguments,
  type Arguments,
  type MembersArguments,
} from "./footprintReads.js";
import { asksOnlyNaming } from "../lookahead.js";
import { entityTypeName, geographyFields, isGeography } from "./geography.js";

async function footprints(
  parent: EntityModel,
  args: { asOf?: string | null; kind?: GeographyKind | null },
  context: Context,
) {
  const asOf = await resolveAsOf(args.asOf, parent, context);
  return context.loaders.groupsByMember.load({ memberCode: parent.code, asOf, kind: args.kind ?? null });
}

async function region(
  parent: EntityModel,
  args: { asOf?: string | null },
  context: Context,
): Promise<EntityModel | null> {
  if (parent.entity === "ORGANISATION" && parent.kind === "REGION") return parent;
  const asOf = await resolveAsOf(args.asOf, parent, context);
  const memberships = await context.loaders.groupsByMember.load({
    memberCode: parent.code,
    asOf,
    kind: "REGION",
  });
  const direct = memberships[0];
  if (direct !== undefined) return direct.group;
  if (!isGeography(parent)) return null;
  // A geography with no regional membership lies in the region that holds most of its ground.
  const regions = await context.loaders.overlappingOfKind.load({
    code: parent.code,
    asOf,
    kind: "REGION",
    fields: "whole",
  });
  return regions[0] ?? null;
}

async function members(
  parent: EntityModel,
  args: MembersArguments,
  context: Context,
  info: GraphQLResolveInfo,
) {
  return context.loaders.membersByGroup.load(
    await membersKey(parent, args, memberDetailAskedFor(info, []), context),
  );
}

/** The regions a geography's ground lies in at a date, most shared first. */
async function regionsOf(
  parent: EntityModel,
  asOf: string | null | undefined,
  fields: EntityFields,
  context: Context,
): Promise<EntityModel[]> {
  return context.loaders.overlappingOfKind.load({
    code: parent.code,
    asOf: await resolveAsOf(asOf, parent, context),
    kind: "REGION",
    fields,
  });
}

const READ_FOR = {
  members: "membersArguments",
  regions: "regionsArguments",
  leaders: "leadersArguments",
} as const;

/**
 * What a lookup or list read along with a footprint for `field` (its members, regions or leaders),
 * when the field is asked with the arguments it was read for; otherwise undefined, and the field
 * loads its own.
 */
function readAlong<Field extends keyof typeof READ_FOR>(
  context: Context,
  footprint: EntityModel,
  field: Field,
  args: Arguments,
): FootprintReadAlong[Field] | undefined {
  for (const along of context.readsAlong) {
    const reads = along.byFootprint.get(footprint);
    if (reads === undefined) continue;
    const readFor = along[READ_FOR[field]];
    return readFor !== null && sameArguments(args, readFor) ? reads[field] : undefined;
  }
  return undefined;
}

const leaders = (parent: EntityModel, _args: unknown, context: Context) =>
  context.loaders.leadersByOrganisation.load(parent.code);

/** The fields every organisation type shares. */
const organisationFields = {
  organisationKind: (parent: EntityModel) => parent.kind as OrganisationKind,
  footprints,
  region,
  leaders,
};

/** Organisation and footprint lookups, lists, memberships and their navigation. */
export const organisationResolvers: Resolvers = {
  Query: {
    organisation: async (_parent, { code }, context) => {
      const entity = await context.loaders.entityByCode.load(entityCode(code));
      return entity !== null && entity.entity === "ORGANISATION" ? entity : null;
    },
    organisations: async (_parent, { filter, orderBy, first, after }, context) => {
      const size = pageSize(first, context.maxPageSize);
      const afterCursor = cursor(after);
      const nameContains = nameFilter(filter?.nameContains, "filter.nameContains");
      return listOrganisations(
        context.db,
        {
          kind: filter?.kind ?? null,
          existedOn: filter?.existedOn ?? null,
          asOf: filter?.existedOn ?? (await context.defaultAsOf()),
          overlapping: null,
          footprint: optionalCode(filter?.footprint, "filter.footprint"),
          region: optionalCode(filter?.region, "filter.region"),
          nameContains,
        },
        withDefault(orderBy, "CODE"),
        size,
        afterCursor,
      );
    },
  },
  Organisation: {
    __resolveType: (organisation) =>
      entityTypeName(organisation) as
        "Ccg" | "LocalAuthority" | "Region" | "NhsTrust" | "CountyCouncil" | "LocalOffice",
  },
  MembershipGroup: {
    __resolveType: (group) =>
      entityTypeName(group) as "Footprint" | "Region" | "LocalOffice" | "CountyCouncil",
  },
  Footprint: {
    ...geographyFields,
    // A footprint listed with its members or regions answers these fields, for the arguments
    // they were read for, at once; any other arguments load them.
    members: (parent, args, context, info) =>
      readAlong(context, parent, "members", args) ?? members(parent, args, context, info),
    status: async (parent, { asOf }, context) =>
      context.loaders.statusOfFootprint.load({
        code: parent.code,
        asOf: await resolveAsOf(asOf, parent, context),
      }),
    leaders: (parent, args, context) =>
      readAlong(context, parent, "leaders", args) ??
      context.loaders.leadersByFootprint.load({ footprintCode: parent.code, asOf: args.asOf ?? null }),
    regions: (parent, args, context, info) =>
      readAlong(context, parent, "regions", args) ??
      regionsOf(parent, args.asOf, asksOnlyNaming(info, []) ? "naming" : "whole", context),
  },
  Ccg: { ...geographyFields, ...organisationFields },
  LocalAuthority: {
    ...geographyFields,
    ...organisationFields,
    county: async (parent, { asOf }, context) => {
      const memberships = await context.loaders.groupsByMember.load({
        memberCode: parent.code,
        asOf: await resolveAsOf(asOf, parent, context),
        kind: "COUNTY_COUNCIL",
      });
      return memberships[0]?.group ?? null;
    },
  },
  Region: { ...geographyFields, ...organisationFields, members },
  NhsTrust: {
    ...organisationFields,
    foundationTrust: (parent) => parent.foundationTrust ?? false,
    trustType: (parent) => parent.trustType as TrustType | null,
  },
  CountyCouncil: {
    ...organisationFields,
    districts: async (parent, { asOf }, context) => {
      const page = await context.loaders.membersByGroup.load({
        groupCode: parent.code,
        asOf: await resolveAsOf(asOf, parent, context),
        kind: "LOCAL_AUTHORITY",
        first: 1_000,
        after: null,
        detail: "whole",
      });
      return page.nodes.map((m: MembershipModel) => m.member);
    },
  },
  LocalOffice: { ...organisationFields, members },
  MembershipConnection: connectionFields,
  OrganisationConnection: connectionFields,
};
