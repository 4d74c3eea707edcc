import { latestCommonDate } from "../../analysis/classifyOverlaps.js";
import { buildCoterminosityReport } from "../../analysis/coterminosityReport.js";
import { readKindCoverage } from "../../graph/overlap.js";
import type { Resolvers } from "../../generated/graphql.js";
import { withDefault } from "../arguments.js";

/** The analysts' questions. */
export const analysisResolvers: Resolvers = {
  Query: {
    coterminosity: async (_parent, { left, right, asOf, onlyMismatches }, context) => {
      let date = asOf ?? null;
      if (date === null) {
        const coverage = await readKindCoverage(context.db);
        const leftCoverage = coverage.get(left);
        const rightCoverage = coverage.get(right);
        const latest = await context.defaultAsOf();
        date =
          leftCoverage === undefined || rightCoverage === undefined
            ? latest
            : (latestCommonDate(leftCoverage, rightCoverage, latest) ?? latest);
      }
      return buildCoterminosityReport(context.db, left, right, date, withDefault(onlyMismatches, false));
    },
  },
};
