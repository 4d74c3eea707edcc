import { listFootprintsWithStatus, listStatusHistory, readLatestStatusDate } from "../../graph/status.js";
import type { Resolvers, SystemStatus } from "../../generated/graphql.js";
import { entityCode } from "../arguments.js";

/** Footprint status over time: STP → accountable care system → integrated care system. */
export const statusResolvers: Resolvers = {
  Query: {
    statusHistory: async (_parent, { code }, context) => {
      const footprint = await context.loaders.entityByCode.load(entityCode(code));
      if (footprint === null || footprint.entity !== "FOOTPRINT") return [];
      return listStatusHistory(context.db, footprint.code);
    },
    footprintsWithStatus: async (_parent, { status, asOf }, context) => {
      const date = asOf ?? (await readLatestStatusDate(context.db)) ?? (await context.defaultAsOf());
      return listFootprintsWithStatus(context.db, status, date);
    },
  },
  StatusChange: {
    status: (change) => change.status as SystemStatus,
    footprint: async (change, _args, context) => {
      const footprint = await context.loaders.entityByCode.load(change.footprintCode);
      if (footprint === null)
        throw new Error(`A status change names a missing footprint ${change.footprintCode}`);
      return footprint;
    },
  },
};
