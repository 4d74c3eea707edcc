import type { PageModel } from "../../graph/models.js";

/** An edge of a connection: its cursor is made when a client selects it. */
class Edge<T> {
  constructor(
    private readonly page: PageModel<T>,
    private readonly index: number,
    readonly node: T,
  ) {}

  get cursor(): string {
    return this.page.cursorAt(this.index);
  }
}

/** The Relay fields of any connection, from a page model. */
export const connectionFields = {
  edges: <T>(page: PageModel<T>) => page.nodes.map((node, i) => new Edge(page, i, node)),
  pageInfo: <T>(page: PageModel<T>) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.nodes.length === 0 ? null : page.cursorAt(0),
    endCursor: page.nodes.length === 0 ? null : page.cursorAt(page.nodes.length - 1),
  }),
  totalCount: <T>(page: PageModel<T>): number | Promise<number> =>
    typeof page.totalCount === "function" ? page.totalCount() : page.totalCount,
};
