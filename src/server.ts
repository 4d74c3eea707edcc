import { ApolloServer } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "./context.js";
import { ErrorCode, toGraphQLError } from "./errors.js";
import { compiledSchemaExecutor } from "./graphql/compiledExecutor.js";
import { DateLiteralRule } from "./graphql/dateArgument.js";
import { DEFAULT_QUERY_LIMITS, limitRules, tokenLimitOf, type QueryLimits } from "./graphql/limits.js";
import { KnownOperationTypeRule } from "./graphql/operationTypeRule.js";
import { PreparedOperations } from "./graphql/preparedOperations.js";
import { resolvers } from "./graphql/resolvers/index.js";
import { readSchemaDocument } from "./graphql/typeDefs.js";

export interface ServerOptions {
  introspection: boolean;
  /** Depth, cost, alias and token limits; any not given takes its DEFAULT_QUERY_LIMITS value. */
  limits?: Partial<QueryLimits>;
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

// Codes a validation rule raises that the client sees as they are, instead of GRAPHQL_VALIDATION_FAILED.
const VALIDATION_CODES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.QueryTooDeep,
  ErrorCode.QueryTooComplex,
  ErrorCode.TooManyAliases,
]);

const preparedOperations = new WeakMap<ApolloServer<Context>, PreparedOperations>();

/** The queries a server made by createServer has accepted, for the HTTP layer to run directly. */
export function preparedOperationsOf(apollo: ApolloServer<Context>): PreparedOperations | undefined {
  return preparedOperations.get(apollo);
}

/** The GraphQL server, without a listener: index.ts and the tests share it. */
export function createServer(options: ServerOptions): ApolloServer<Context> {
  const logError =
    options.logError ??
    ((error: unknown) => {
      console.error(error);
    });
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const prepared = new PreparedOperations();
  const apollo = new ApolloServer<Context>({
    // Apollo parses, validates and formats; the compiled executor runs each operation.
    gateway: compiledSchemaExecutor(
      makeExecutableSchema({ typeDefs: readSchemaDocument(), resolvers }),
      prepared,
    ),
    introspection: options.introspection,
    allowBatchedHttpRequests: false,
    // No type or field sets a cache hint, so the per-field cache-control bookkeeping is skipped.
    plugins: [ApolloServerPluginCacheControlDisabled()],
    // The service handles SIGINT and SIGTERM: it drains HTTP before it stops Apollo. Apollo's own
    // handler would stop it under requests still draining, and a second stop() never settles.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [DateLiteralRule, KnownOperationTypeRule, ...limitRules(limits)],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.["code"];
      // A validation error raised as bad user input (a malformed Date literal) or over a limit keeps its own code.
      const original = unwrapResolverError(error);
      if (code === "GRAPHQL_VALIDATION_FAILED" && original instanceof GraphQLError) {
        const originalExtensions =
          original.originalError instanceof GraphQLError
            ? original.originalError.extensions
            : original.extensions;
        const originalCode = originalExtensions["code"];
        if (typeof originalCode === "string" && VALIDATION_CODES.has(originalCode)) {
          return { ...formatted, extensions: { ...formatted.extensions, ...originalExtensions } };
        }
      }
      const maxTokens = code === "GRAPHQL_PARSE_FAILED" ? tokenLimitOf(formatted.message) : undefined;
      if (maxTokens !== undefined) {
        return {
          ...formatted,
          extensions: { ...formatted.extensions, code: ErrorCode.QueryTooLarge, maxTokens },
        };
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
  preparedOperations.set(apollo, prepared);
  return apollo;
}
