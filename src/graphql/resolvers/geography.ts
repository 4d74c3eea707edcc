import type { Context } from "../../context.js";
import { findEntityWithAreaCount } from "../../graph/entity.js";
import { listEntities } from "../../graph/entityList.js";
import type { EntityModel, OverlapModel } from "../../graph/models.js";
import { classifyRelation } from "../../analysis/classifyOverlaps.js";
import type { GeographyKind, Resolvers } from "../../generated/graphql.js";
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
import { selectsPlainField } from "../lookahead.js";
import { connectionFields } from "./connection.js";
import { startFootprintReads } from "./footprintReads.js";

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

/** The fields every geography type shares. */
export const geographyFields = {
  kind: (parent: EntityModel) => parent.kind as GeographyKind,
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
      startFootprintReads(info, wanted, asOf ?? null, context);
      if (!selectsPlainField(info, "areaCount")) {
        const entity = await context.loaders.entityByCode.load(wanted);
        return entity !== null && isGeography(entity) ? atDate(entity, asOf) : null;
      }
      // The area count comes with the lookup, in the same read.
      const found = await findEntityWithAreaCount(
        context.db,
        wanted,
        asOf ?? null,
        await context.defaultAsOf(),
      );
      context.loaders.entityByCode.prime(wanted, found?.entity ?? null);
      if (found === null || !isGeography(found.entity)) return null;
      const geography = atDate(found.entity, asOf) as EntityModel;
      if ((await resolveAsOf(null, geography, context)) === found.at) {
        context.loaders.areaCountByGeography.prime({ code: geography.code, asOf: found.at }, found.areaCount);
      }
      return geography;
    },
    geographies: async (_parent, { filter, orderBy, first, after }, context) => {
      const size = pageSize(first, context.maxPageSize);
      const afterCursor = cursor(after);
      const overlapping = optionalCode(filter?.overlapping, "filter.overlapping");
      const nameContains = nameFilter(filter?.nameContains, "filter.nameContains");
      return listEntities(
        context.db,
        "Geography",
        {
          kind: filter?.kind ?? null,
          existedOn: filter?.existedOn ?? null,
          asOf: filter?.existedOn ?? (await context.defaultAsOf()),
          overlapping,
          footprint: null,
          region: null,
          nameContains,
        },
        withDefault(orderBy, "CODE"),
        size,
        afterCursor,
      );
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
