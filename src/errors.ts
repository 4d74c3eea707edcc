import { GraphQLError } from "graphql";
import { Neo4jError } from "neo4j-driver";

/** The error codes a client can see in `extensions.code`. */
export const ErrorCode = {
  BadUserInput: "BAD_USER_INPUT",
  DatabaseUnavailable: "DATABASE_UNAVAILABLE",
  DatabaseTimeout: "DATABASE_TIMEOUT",
  QueryTooDeep: "QUERY_TOO_DEEP",
  QueryTooComplex: "QUERY_TOO_COMPLEX",
  TooManyAliases: "TOO_MANY_ALIASES",
  QueryTooLarge: "QUERY_TOO_LARGE",
  Internal: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A bad argument: names the argument so that the client can fix its request. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, argument },
  });
}

const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired", "N/A"]);

/**
 * The one place driver errors are read: an unreachable database and a timed-out transaction get
 * their own codes; anything else is returned unchanged, to be masked as INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: unknown): GraphQLError | undefined {
  if (!(error instanceof Neo4jError)) return undefined;
  if (UNAVAILABLE_CODES.has(error.code) || /connect|acquisition|unavailable/i.test(error.message)) {
    return new GraphQLError("The graph database is unavailable; try again shortly.", {
      extensions: { code: ErrorCode.DatabaseUnavailable },
    });
  }
  if (/TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(error.code)) {
    return new GraphQLError("The query took longer than the server allows.", {
      extensions: { code: ErrorCode.DatabaseTimeout },
    });
  }
  return undefined;
}
