import { listPeople } from "../../graph/leadership.js";
import type { EntityModel } from "../../graph/models.js";
import type { Resolvers } from "../../generated/graphql.js";
import { cursor, pageSize } from "../arguments.js";
import { connectionFields } from "./connection.js";

/** People, their roles and their day jobs. */
export const leaderResolvers: Resolvers = {
  Query: {
    person: (_parent, { id }, context) => context.loaders.personById.load(id.trim().toLowerCase()),
    people: (_parent, { first, after }, context) =>
      listPeople(context.db, pageSize(first, context.maxPageSize), cursor(after)),
  },
  PersonConnection: connectionFields,
  Person: {
    roles: (person, _args, context) => context.loaders.rolesByPerson.load(person.id),
    organisations: async (person, _args, context) => {
      const roles = await context.loaders.rolesByPerson.load(person.id);
      const codes = [
        ...new Set(roles.map((r) => r.dayJobOrganisationCode).filter((c): c is string => c !== null)),
      ];
      const organisations = await context.loaders.entityByCode.loadMany(codes);
      return organisations.filter((o): o is EntityModel => o !== null && !(o instanceof Error));
    },
  },
  Leadership: {
    // Answered at once when the read that found the leadership brought its person along.
    person: (leadership, _args, context) =>
      leadership.person ??
      context.loaders.personById.load(leadership.personId).then((person) => {
        if (person === null)
          throw new Error(
            `Leadership of ${leadership.footprintCode} names a missing person ${leadership.personId}`,
          );
        return person;
      }),
    footprint: async (leadership, _args, context) => {
      const footprint = await context.loaders.entityByCode.load(leadership.footprintCode);
      if (footprint === null)
        throw new Error(`Leadership names a missing footprint ${leadership.footprintCode}`);
      return footprint;
    },
    dayJobOrganisation: (leadership, _args, context) =>
      leadership.dayJobOrganisation !== undefined
        ? leadership.dayJobOrganisation
        : leadership.dayJobOrganisationCode === null
          ? null
          : context.loaders.entityByCode.load(leadership.dayJobOrganisationCode),
  },
};
