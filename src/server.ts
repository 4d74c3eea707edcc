import { ApolloServer } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "./context.js";
import { ErrorCode, toGraphQLError } from "./errors.js";
import { DateLiteralRule } from "./graphql/dateArgument.js";
import { resolvers } from "./graphql/resolvers/index.js";
import { readTypeDefs } from "./graphql/typeDefs.js";

export interface ServerOptions {
  introspection: boolean;
  /** Where unexpected errors are logged in full; the client only sees a masked one. */
  logError?: (error: unknown) => void;
}

const PASSED_THROUGH = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.DatabaseUnavailable,
  ErrorCode.DatabaseTimeout,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

/** The GraphQL server, without a listener: index.ts and the tests share it. */
export function createServer(options: ServerOptions): ApolloServer<Context> {
  const logError =
    options.logError ??
    ((error: unknown) => {
      console.error(error);
    });
  return new ApolloServer<Context>({
    typeDefs: readTypeDefs(),
    resolvers,
    introspection: options.introspection,
    allowBatchedHttpRequests: false,
    validationRules: [DateLiteralRule],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.["code"];
      // A validation error raised as bad user input (a malformed Date literal) keeps its own code.
      const original = unwrapResolverError(error);
      if (code === "GRAPHQL_VALIDATION_FAILED" && original instanceof GraphQLError) {
        const originalExtensions =
          original.originalError instanceof GraphQLError
            ? original.originalError.extensions
            : original.extensions;
        if (originalExtensions["code"] === ErrorCode.BadUserInput) {
          return { ...formatted, extensions: { ...formatted.extensions, ...originalExtensions } };
        }
      }
      if (typeof code === "string" && PASSED_THROUGH.has(code)) return formatted;
      const translated = toGraphQLError(original);
      if (translated !== undefined) {
        return { message: translated.message, path: formatted.path, extensions: translated.extensions };
      }
      logError(error);
      return {
        message: "Internal server error",
        path: formatted.path,
        extensions: { code: ErrorCode.Internal },
      };
    },
  });
}
