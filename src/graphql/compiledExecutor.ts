import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import {
  execute,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { PreparedOperations } from "./preparedOperations.js";

/** A compiled operation, or the errors that stopped its compilation. */
type Compiled = CompiledQuery | ExecutionResult;

/** The offset in `body` of a line and column (both from 1). */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = body.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

/**
 * A graphql-js GraphQLError for each error the compiled code reports, with its path, locations,
 * original error and extensions, so Apollo and formatError read them as they read graphql-js's.
 */
function asGraphQLErrors(errors: readonly GraphQLError[], document: DocumentNode): GraphQLError[] {
  const source = document.loc?.source;
  return errors.map((error) => {
    const locations = error.locations ?? [];
    return new GraphQLError(error.message, {
      source: source !== undefined && locations.length > 0 ? source : undefined,
      positions: source === undefined ? undefined : locations.map((at) => offsetOf(source.body, at)),
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
}

/** The result, its errors as graphql-js GraphQLErrors. */
function withGraphQLErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  return result.errors === undefined
    ? result
    : { ...result, errors: asGraphQLErrors(result.errors, document) };
}

/**
 * Apollo Server's executor hook, given a schema: every validated document is compiled once into
 * JavaScript (graphql-jit) and each request runs the compiled function instead of graphql-js's
 * field-by-field execution. Parsing, validation, limits, error formatting and plugins stay
 * Apollo's; variables are coerced by graphql-js, so their defaults and errors are graphql-js's.
 * Each query Apollo accepts is remembered in `prepared`, and an answer handed over there is
 * returned as it is.
 */
export function compiledSchemaExecutor(
  schema: GraphQLSchema,
  prepared: PreparedOperations,
): GatewayInterface {
  // Apollo's document store hands back the same DocumentNode for the same query text.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byOperation = compiled.get(document);
    if (byOperation === undefined) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    const key = operationName ?? "";
    let query = byOperation.get(key);
    if (query === undefined) {
      query = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      byOperation.set(key, query);
    }
    return query;
  };
  const executor: GatewayExecutor = async ({ document, operation, request, context }) => {
    const handedOver = prepared.takeHandedOver(context);
    if (handedOver !== undefined) return withGraphQLErrors(handedOver, document);
    // No operation to run (several and none named, or an unknown name): graphql-js says why.
    if (!(operation as OperationDefinitionNode | undefined)) {
      return execute({ schema, document, operationName: request.operationName, contextValue: context });
    }
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (variables.errors !== undefined) return { errors: variables.errors };
    const query = compiledFor(document, operation.name?.value);
    if (!isCompiledQuery(query)) return query;
    if (operation.operation === OperationTypeNode.QUERY && typeof request.query === "string") {
      prepared.remember(request.query, request.operationName, query);
    }
    return withGraphQLErrors(await query.query(undefined, context, variables.coerced), document);
  };
  return {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: () => {
      prepared.clear();
      return Promise.resolve();
    },
  };
}
