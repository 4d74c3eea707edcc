import { graphqlRequest } from "../api/graphqlRequest";
import type { ViewStatusChangeFragment, ViewStatusesQuery as ViewStatuses } from "../gql/graphql";
import { STATUS_STYLES } from "./labels";
import { ViewStatusesQuery } from "./queries";

export type StatusChange = ViewStatusChangeFragment;

/** Each STP's status on one date, by code: null where the sources give none by then (a gap). */
export interface StatusesAt {
  asOf: string;
  byCode: ReadonlyMap<string, StatusChange | null>;
}

/** Every STP existing on `asOf` and its status then, fetched a page at a time (one page for the real data). */
export async function fetchStatuses(asOf: string, signal: AbortSignal): Promise<StatusesAt> {
  const byCode = new Map<string, StatusChange | null>();
  let after: string | null = null;
  do {
    const data: ViewStatuses = await graphqlRequest(ViewStatusesQuery, { asOf, after }, signal);
    for (const { node } of data.geographies.edges) {
      if ("status" in node) byCode.set(node.code, node.status);
    }
    const { hasNextPage, endCursor } = data.geographies.pageInfo;
    after = hasNextPage ? endCursor : null;
  } while (after !== null);
  return { asOf, byCode };
}

/** A status badge's tooltip: what the status means, on which date, as which system, from when, and the source. */
export function statusTitle(change: StatusChange, asOf: string): string {
  return `${change.status} on ${asOf}: ${STATUS_STYLES[change.status].meaning}, as "${change.system}" from ${change.effectiveFrom ?? "an undated source"}. Source: ${change.source}`;
}
