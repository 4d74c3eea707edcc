import type { Resolvers } from "../../generated/graphql.js";
import { DateScalar } from "../dateArgument.js";
import { analysisResolvers, questionResolvers } from "./analysis.js";
import { datasetResolvers } from "./dataset.js";
import { geographyResolvers } from "./geography.js";
import { leaderResolvers } from "./leader.js";
import { organisationResolvers } from "./organisation.js";
import { searchResolvers } from "./search.js";
import { statusResolvers } from "./status.js";

type ResolverMap = Record<string, Record<string, unknown>>;

function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: ResolverMap = {};
  for (const map of maps as ResolverMap[]) {
    for (const [typeName, fields] of Object.entries(map)) {
      merged[typeName] = { ...(merged[typeName] ?? {}), ...fields };
    }
  }
  return merged;
}

/** Every resolver of the API, one domain module each. */
export const resolvers: Resolvers = mergeResolvers(
  { Date: DateScalar },
  datasetResolvers,
  geographyResolvers,
  organisationResolvers,
  leaderResolvers,
  analysisResolvers,
  questionResolvers,
  searchResolvers,
  statusResolvers,
);
