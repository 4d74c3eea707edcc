import type { TypedDocumentString } from "../gql/graphql";

/** An answer carrying GraphQL errors, or no data at all. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly codes: readonly string[],
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface GraphQLResponse<Result> {
  data?: Result | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Runs one typed operation against the public API with a plain POST /graphql, as any frontend
 * would. Resolves to its data; rejects with GraphQLRequestError when the answer has errors.
 */
export async function graphqlRequest<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Result> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  const body = (await response.json()) as GraphQLResponse<Result>;
  const errors = body.errors ?? [];
  if (errors.length > 0) {
    throw new GraphQLRequestError(
      errors.map((error) => error.message).join("; "),
      errors.map((error) => error.extensions?.code ?? "UNKNOWN"),
    );
  }
  if (body.data == null)
    throw new GraphQLRequestError(`The API answered ${response.status} with no data`, []);
  return body.data;
}
