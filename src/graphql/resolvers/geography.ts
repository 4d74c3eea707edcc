import type { Context } from "../../context.js";
import { findEntityWithReads } from "../../graph/lookup.js";
import {
  listGeographiesWithReads,
  type FootprintReadAlong,
  type FootprintReads,
} from "../../graph/entityList.js";
import type { EntityModel, OverlapModel } from "../../graph/models.js";
import { classifyRelation } from "../../analysis/classifyOverlaps.js";
import type { GeographyKind, Resolvers } from "../../generated/graphql.js";
import type { GraphQLResolveInfo } from "graphql";
import {
  areaCode,
  codeAfter,
  cursor,
  entityCode,
  nameFilter,
  optionalCode,
  pageSize,
  resolveAsOf,
  withDefault,
} from "../arguments.js";
import { asksOnlyFor, asksOnlyNaming, selectedFieldArgumentsAt, selectsPlainField } from "../lookahead.js";
import { connectionFields } from "./connection.js";
import {
  lookupFootprintReads,
  memberDetailAskedFor,
  membersKey,
  onlySelection,
  type Arguments,
} from "./footprintReads.js";

const GEOGRAPHY_KINDS = new Set(["STP", "LDR", "CCG", "LOCAL_AUTHORITY", "REGION"]);

/** The GraphQL type of an entity, from what it is and its kind. */
export function entityTypeName(
  entity: EntityModel,
): "Footprint" | "Ccg" | "LocalAuthority" | "Region" | "NhsTrust" | "CountyCouncil" | "LocalOffice" {
  if (entity.entity === "FOOTPRINT") return "Footprint";
  switch (entity.kind) {
    case "CCG":
      return "Ccg";
    case "LOCAL_AUTHORITY":
      return "LocalAuthority";
    case "REGION":
      return "Region";
    case "NHS_TRUST":
      return "NhsTrust";
    case "COUNTY_COUNCIL":
      return "CountyCouncil";
    default:
      return "LocalOffice";
  }
}

export function isGeography(entity: EntityModel): boolean {
  return GEOGRAPHY_KINDS.has(entity.kind);
}

/** An entity as looked up at a date, so that its dated fields answer for that date. */
export function atDate(entity: EntityModel | null, asOf: string | null | undefined): EntityModel | null {
  if (entity === null) return null;
  return asOf === null || asOf === undefined ? entity : { ...entity, asOf };
}

async function areaCount(
  parent: EntityModel,
  asOf: string | null | undefined,
  context: Context,
): Promise<number> {
  return context.loaders.areaCountByGeography.load({
    code: parent.code,
    asOf: await resolveAsOf(asOf, parent, context),
  });
}

async function areas(
  parent: EntityModel,
  args: { asOf?: string | null; first?: number | null; after?: string | null },
  context: Context,
) {
  const first = pageSize(args.first, context.maxPageSize);
  const after = cursor(args.after);
  return context.loaders.areasByGeography.load({
    geographyCode: parent.code,
    asOf: await resolveAsOf(args.asOf, parent, context),
    first,
    after: codeAfter(after),
  });
}

async function overlaps(
  parent: EntityModel,
  args: { kind?: GeographyKind | null; asOf?: string | null },
  context: Context,
): Promise<OverlapModel[]> {
  const asOf = await resolveAsOf(args.asOf, parent, context);
  const measured = await context.loaders.overlapsByGeography.load({
    code: parent.code,
    asOf,
    kind: args.kind ?? null,
  });
  return measured.map((m) => ({
    left: m.left,
    right: m.right,
    relation: classifyRelation(m.sharedAreas, m.leftAreas, m.rightAreas),
    sharedAreas: m.sharedAreas,
    leftShare: m.leftAreas === 0 ? 0 : m.sharedAreas / m.leftAreas,
    rightShare: m.rightAreas === 0 ? 0 : m.sharedAreas / m.rightAreas,
  }));
}

/** The date a field's arguments ask for: its `asOf`, else the date the list's footprints existed on. */
function dateOf(args: Arguments, existedOn: string | null): string | null {
  return (args["asOf"] as string | null | undefined) ?? existedOn;
}

/**
 * What a geography list can read along with its page for the footprints on it: their members and
 * regions, when the page's nodes select them once (one set of arguments each) and their date does
 * not depend on each footprint (given, or the list's existedOn). Otherwise the fields read them.
 * The geographies and regions are read by their naming alone when that is all the nodes ask for
 * (see namingAnswersNodes).
 */
async function listedFootprintReads(
  info: GraphQLResolveInfo,
  existedOn: string | null,
  context: Context,
): Promise<{
  reads: FootprintReads;
  membersArguments: Arguments | null;
  regionsArguments: Arguments | null;
}> {
  let members: FootprintReads["members"] = null;
  const memberArgs = onlySelection(selectedFieldArgumentsAt(info, ["edges", "node"], "Footprint", "members"));
  if (memberArgs !== undefined && dateOf(memberArgs, existedOn) !== null) {
    try {
      const key = await membersKey(
        { code: "", asOf: existedOn, validTo: null },
        memberArgs,
        memberDetailAskedFor(info, ["edges", "node", "members"]),
        context,
      );
      members = { asOf: key.asOf, kind: key.kind, first: key.first, after: key.after, detail: key.detail };
    } catch {
      // Bad arguments are the field's to report.
    }
  }
  const regionArgs = onlySelection(selectedFieldArgumentsAt(info, ["edges", "node"], "Footprint", "regions"));
  const regionsAsOf = regionArgs === undefined ? null : dateOf(regionArgs, existedOn);
  return {
    reads: {
      members,
      regionsAsOf,
      fields: namingAnswersNodes(info, existedOn, members) ? "naming" : "whole",
    },
    membersArguments: members === null ? null : (memberArgs ?? null),
    regionsArguments: regionsAsOf === null ? null : (regionArgs ?? null),
  };
}

// The fields of a listed geography that its code, name, kind and type answer, with the footprint
// reads whose keys take no more of it than its code and the list's date.
const NODE_NAMING_WITH_READS = new Set(["code", "name", "kind", "__typename", "members", "regions"]);

/**
 * True when the page's nodes ask for no more than their naming, their members and their regions'
 * naming, and the list has a date (existedOn), which their members and regions then default to.
 * A members page read along at the whole detail names its group from the node, so it needs all of it.
 */
function namingAnswersNodes(
  info: GraphQLResolveInfo,
  existedOn: string | null,
  members: FootprintReads["members"],
): boolean {
  return (
    existedOn !== null &&
    members?.detail !== "whole" &&
    asksOnlyFor(info, ["edges", "node"], NODE_NAMING_WITH_READS) &&
    asksOnlyNaming(info, ["edges", "node", "regions"])
  );
}

/** The fields every geography type shares. */
export const geographyFields = {
  areaCount: (parent: EntityModel, args: { asOf?: string | null }, context: Context) =>
    areaCount(parent, args.asOf, context),
  areas: (
    parent: EntityModel,
    args: { asOf?: string | null; first?: number | null; after?: string | null },
    context: Context,
  ) => areas(parent, args, context),
  overlaps: (
    parent: EntityModel,
    args: { kind?: GeographyKind | null; asOf?: string | null },
    context: Context,
  ) => overlaps(parent, args, context),
};

/** Geography lookups, lists and areas. */
export const geographyResolvers: Resolvers = {
  Query: {
    geography: async (_parent, { code, asOf }, context, info) => {
      const wanted = entityCode(code);
      // The lookup reads what its fields select (area count, a footprint's members and leaders) in one statement.
      const footprintReads = await lookupFootprintReads(info, asOf ?? null, context);
      const found = await findEntityWithReads(context.db, wanted, asOf ?? null, await context.defaultAsOf(), {
        areaCount: selectsPlainField(info, "areaCount"),
        members: footprintReads.members,
        leadersAsOf: footprintReads.leadersAsOf,
      });
      context.loaders.entityByCode.prime(wanted, found?.entity ?? null);
      if (found === null || !isGeography(found.entity)) return null;
      const geography = atDate(found.entity, asOf) as EntityModel;
      if (found.areaCount !== null && (await resolveAsOf(null, geography, context)) === found.at) {
        context.loaders.areaCountByGeography.prime({ code: geography.code, asOf: found.at }, found.areaCount);
      }
      // The footprint's members and leaders answer its own fields (see Footprint).
      if (found.members !== null || found.leaders !== null) {
        const reads: FootprintReadAlong = {};
        if (found.members !== null) reads.members = found.members.page;
        if (found.leaders !== null) reads.leaders = found.leaders;
        context.readsAlong.push({
          byFootprint: new Map([[geography, reads]]),
          membersArguments: footprintReads.membersArguments,
          regionsArguments: null,
          leadersArguments: footprintReads.leadersArguments,
        });
      }
      return geography;
    },
    geographies: async (_parent, { filter, orderBy, first, after }, context, info) => {
      const size = pageSize(first, context.maxPageSize);
      const afterCursor = cursor(after);
      const overlapping = optionalCode(filter?.overlapping, "filter.overlapping");
      const nameContains = nameFilter(filter?.nameContains, "filter.nameContains");
      const existedOn = filter?.existedOn ?? null;
      const along = await listedFootprintReads(info, existedOn, context);
      const listed = await listGeographiesWithReads(
        context.db,
        {
          kind: filter?.kind ?? null,
          existedOn,
          asOf: existedOn ?? (await context.defaultAsOf()),
          overlapping,
          footprint: null,
          region: null,
          nameContains,
        },
        withDefault(orderBy, "CODE"),
        size,
        afterCursor,
        along.reads,
      );
      // Each footprint's members and regions answer its own fields on this page (see Footprint).
      context.readsAlong.push({
        byFootprint: listed.readAlong,
        membersArguments: along.membersArguments,
        regionsArguments: along.regionsArguments,
        leadersArguments: null,
      });
      return listed.page;
    },
    area: (_parent, { code }, context) => context.loaders.areaByCode.load(areaCode(code)),
  },
  Geography: {
    __resolveType: (geography) =>
      entityTypeName(geography) as "Footprint" | "Ccg" | "LocalAuthority" | "Region",
  },
  GeographyConnection: connectionFields,
  AreaConnection: connectionFields,
  Area: {
    geographies: async (area, { asOf, kind }, context) =>
      context.loaders.geographiesByArea.load({
        areaCode: area.code,
        asOf: asOf ?? (await context.defaultAsOf()),
        kind: kind ?? null,
      }),
  },
};
