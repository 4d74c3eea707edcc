import { latestCommonDate } from "../../analysis/classifyOverlaps.js";
import { buildCoterminosityReport } from "../../analysis/coterminosityReport.js";
import type { Resolvers } from "../../generated/graphql.js";
import {
  findShortestPath,
  listAreaMoves,
  listLeaderPlacements,
  listMembershipChanges,
  listMultipleMemberships,
  listPeopleWithSeveralRoles,
  MAX_PATH_LENGTH,
  type PathNodeModel,
} from "../../graph/analysis.js";
import { badUserInput } from "../../errors.js";
import type { EntityModel, PersonModel } from "../../graph/models.js";
import { entityCode, withDefault } from "../arguments.js";
import { asksOnlyNaming } from "../lookahead.js";
import { entityTypeName } from "./geography.js";

// Where a report's selection reaches geographies.
const REPORT_GEOGRAPHIES = [
  ["geographies", "geography"],
  ["geographies", "overlaps", "left"],
  ["geographies", "overlaps", "right"],
] as const;

/** The analysts' questions. */
export const analysisResolvers: Resolvers = {
  Query: {
    coterminosity: async (_parent, { left, right, asOf, onlyMismatches }, context, info) => {
      let date = asOf ?? null;
      if (date === null) {
        const coverage = await context.kindCoverage();
        const leftCoverage = coverage.get(left);
        const rightCoverage = coverage.get(right);
        const latest = await context.defaultAsOf();
        date =
          leftCoverage === undefined || rightCoverage === undefined
            ? latest
            : (latestCommonDate(leftCoverage, rightCoverage, latest) ?? latest);
      }
      return buildCoterminosityReport(
        context.db,
        left,
        right,
        date,
        withDefault(onlyMismatches, false),
        REPORT_GEOGRAPHIES.every((path) => asksOnlyNaming(info, path)) ? "naming" : "whole",
      );
    },
  },
};

/** The other analysts' questions: leaders, multiple memberships, changes and paths. */
export const questionResolvers: Resolvers = {
  Query: {
    leadersOutsideFootprint: (_parent, { asOf }, context) => listLeaderPlacements(context.db, asOf ?? null),
    peopleWithSeveralRoles: (_parent, _args, context) => listPeopleWithSeveralRoles(context.db),
    organisationsInSeveralFootprints: (_parent, { kind, asOf }, context) =>
      listMultipleMemberships(context.db, withDefault(kind, "STP"), asOf ?? null),
    changesBetween: async (_parent, { from, to, kind }, context) => {
      if (from >= to) throw badUserInput("to", `must be after from (${from}); got ${to}`);
      const geographyKind = withDefault(kind, "STP");
      const [memberships, areaMoves] = await Promise.all([
        listMembershipChanges(context.db, geographyKind, from, to),
        listAreaMoves(context.db, geographyKind, from, to),
      ]);
      return { kind: geographyKind, from, to, memberships, areaMoves };
    },
    path: async (_parent, args, context) => {
      const maxLength = withDefault(args.maxLength, 4);
      if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
        throw badUserInput("maxLength", `must be from 1 to ${MAX_PATH_LENGTH}; got ${maxLength}`);
      }
      const from = pathEnd(args.from, "from");
      const to = pathEnd(args.to, "to");
      const steps = await findShortestPath(context.db, from, to, maxLength);
      return steps === null ? null : { length: steps.length, steps };
    },
  },
  PathNode: {
    __resolveType: (node) =>
      "entity" in node ? entityTypeName(node) : "size" in node ? "AreaSet" : "Person",
  },
  PathStep: {
    from: (step) => pathNodeValue(step.from),
    to: (step) => pathNodeValue(step.to),
  },
};

/** The object a path node resolves to: the entity, person or area set itself. */
function pathNodeValue(node: PathNodeModel): EntityModel | PersonModel | { id: string; size: number } {
  return "entity" in node ? node.entity : "person" in node ? node.person : node.areaSet;
}

/** A path end: a person id (lower case with hyphens) or an entity code. */
function pathEnd(value: string, argument: string): string {
  const trimmed = value.trim();
  return /^[a-z0-9]+(-[a-z0-9]+)+$/.test(trimmed) && !trimmed.startsWith("ldr-")
    ? trimmed
    : entityCode(trimmed, argument);
}
