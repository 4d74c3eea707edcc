import { searchEntities } from "../../graph/entityList.js";
import type { EntityModel, PersonModel } from "../../graph/models.js";
import { toSearchName } from "../../graph/searchName.js";
import { badUserInput } from "../../errors.js";
import type { Resolvers } from "../../generated/graphql.js";
import { pageSize } from "../arguments.js";
import { entityTypeName } from "./geography.js";

/** The longest search text: no name is near it, and the index refuses a very long prefix. */
const MAX_SEARCH_TEXT = 200;

/** Name search over footprints, organisations and people, backed by a full-text index. */
export const searchResolvers: Resolvers = {
  Query: {
    search: async (_parent, { text, first }, context) => {
      if (text.length > MAX_SEARCH_TEXT) {
        throw badUserInput("text", `must be at most ${MAX_SEARCH_TEXT} characters`);
      }
      const words = toSearchName(text)
        .split(" ")
        .filter((w) => w !== "");
      if (words.length === 0) throw badUserInput("text", "must contain a letter or a digit");
      const hits = await searchEntities(context.db, words, pageSize(first, context.maxPageSize));
      return hits.map((hit) => ("person" in hit ? hit.person : hit.entity));
    },
  },
  SearchResult: {
    __resolveType: (result: EntityModel | PersonModel) =>
      "entity" in result ? entityTypeName(result) : "Person",
  },
};
