import type { PageModel } from "../../graph/models.js";

/** The Relay fields of any connection, from a page model. */
export const connectionFields = {
  edges: <T>(page: PageModel<T>) => page.nodes.map((node, i) => ({ cursor: page.cursors[i] ?? "", node })),
  pageInfo: <T>(page: PageModel<T>) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.cursors[0] ?? null,
    endCursor: page.cursors[page.cursors.length - 1] ?? null,
  }),
  totalCount: <T>(page: PageModel<T>): number | Promise<number> =>
    typeof page.totalCount === "function" ? page.totalCount() : page.totalCount,
};
