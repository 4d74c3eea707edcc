import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";

/**
 * A validation rule: refuses a mutation or subscription, which this read-only schema has no root
 * type for. graphql 16 leaves that to execution, whose error carries no code.
 */
export function KnownOperationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition: (node) => {
      if ((context.getSchema().getRootType(node.operation) ?? undefined) === undefined) {
        context.reportError(
          new GraphQLError(`The API is read-only: the schema has no ${node.operation} type.`, {
            nodes: node,
          }),
        );
      }
      return false;
    },
  };
}
