import { listSources, readDataset } from "../../graph/dataset.js";
import type { Resolvers } from "../../generated/graphql.js";

/** What the loaded data covers. */
export const datasetResolvers: Resolvers = {
  Query: {
    dataset: (_parent, _args, context) => readDataset(context.db),
  },
  Dataset: {
    sources: (_parent, _args, context) => listSources(context.db),
  },
};
