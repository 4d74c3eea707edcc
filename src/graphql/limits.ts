import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "../errors.js";

/** The limits every operation is checked against before it runs (nothing reaches the database first). */
export interface QueryLimits {
  /** Deepest field nesting; fragments add no level of their own. */
  maxDepth: number;
  /** Largest estimated cost (see measureOperation). */
  maxCost: number;
  /** Most aliased fields in one operation, counting each use of a fragment. */
  maxAliases: number;
  /** Most lexical tokens in a document; longer ones are refused while parsing. */
  maxTokens: number;
  /** The largest `first` a list accepts: the estimate's page size when `first` is a variable. */
  maxPageSize: number;
}

/**
 * The defaults. Depth 15 is that of graphql's standard introspection query, which the explorer sends;
 * the saved operations and the web pages' queries are at most 6 deep, cost at most about 1,400 and
 * have at most about 200 tokens and no aliases. The dearest query the tests send, every STP with
 * its members, leaders and regions, costs about 35,000.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxCost: 50_000,
  maxAliases: 30,
  maxTokens: 2_000,
  maxPageSize: 100,
};

/** The estimated length of a list that has no `first` argument (overlaps, memberships, leaders). */
export const DEFAULT_LIST_SIZE = 10;

/** What one operation measures. */
export interface OperationMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

const NOTHING: OperationMeasure = { depth: 0, cost: 0, aliases: 0 };

function combine(a: OperationMeasure, b: OperationMeasure): OperationMeasure {
  return { depth: Math.max(a.depth, b.depth), cost: a.cost + b.cost, aliases: a.aliases + b.aliases };
}

class Measurer {
  private readonly fragmentMeasures = new Map<string, OperationMeasure>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: (name: string) => FragmentDefinitionNode | undefined,
    private readonly maxPageSize: number,
  ) {}

  selectionSet(
    node: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    pageSize: number | undefined,
    introspection: boolean,
  ): OperationMeasure {
    let total = NOTHING;
    for (const selection of node.selections) {
      if (selection.kind === Kind.FIELD) {
        total = combine(total, this.field(selection, parent, pageSize, introspection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type =
          selection.typeCondition === undefined
            ? parent
            : this.schema.getType(selection.typeCondition.name.value);
        total = combine(total, this.selectionSet(selection.selectionSet, type, pageSize, introspection));
      } else {
        total = combine(total, this.fragment(selection.name.value, pageSize, introspection));
      }
    }
    return total;
  }

  private fragment(name: string, pageSize: number | undefined, introspection: boolean): OperationMeasure {
    const key = `${name}/${pageSize ?? ""}/${introspection}`;
    const known = this.fragmentMeasures.get(key);
    if (known !== undefined) return known;
    const definition = this.fragments(name);
    // An unknown or cyclic fragment is reported by graphql's own rules; it adds nothing here.
    if (definition === undefined || this.inProgress.has(key)) return NOTHING;
    this.inProgress.add(key);
    const type = this.schema.getType(definition.typeCondition.name.value);
    const measure = this.selectionSet(definition.selectionSet, type, pageSize, introspection);
    this.inProgress.delete(key);
    this.fragmentMeasures.set(key, measure);
    return measure;
  }

  private field(
    node: FieldNode,
    parent: GraphQLNamedType | undefined,
    pageSize: number | undefined,
    introspection: boolean,
  ): OperationMeasure {
    const name = node.name.value;
    const aliases = node.alias === undefined ? 0 : 1;
    // Introspection is answered from memory: it has depth but no database cost.
    const inIntrospection = introspection || name === "__schema" || name === "__type";
    const definition: GraphQLField<unknown, unknown> | undefined =
      parent !== undefined && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[name]
        : undefined;
    if (node.selectionSet === undefined) {
      return { depth: 1, cost: inIntrospection || name === "__typename" ? 0 : 1, aliases };
    }
    const first = definition === undefined ? undefined : this.first(node, definition);
    const isList = definition !== undefined && isListType(getNullableType(definition.type));
    const multiplier = isList ? (first ?? pageSize ?? DEFAULT_LIST_SIZE) : 1;
    const childPageSize = isList ? undefined : first;
    const type = definition === undefined ? undefined : getNamedType(definition.type);
    const children = this.selectionSet(node.selectionSet, type, childPageSize, inIntrospection);
    return {
      depth: 1 + children.depth,
      cost: inIntrospection ? 0 : multiplier * (1 + children.cost),
      aliases: aliases + children.aliases,
    };
  }

  /** The page size a `first` argument asks for, capped at the maximum page size; undefined without one. */
  private first(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    const argument = definition.args.find((a) => a.name === "first");
    if (argument === undefined) return undefined;
    const given = node.arguments?.find((a) => a.name.value === "first")?.value;
    let value: unknown = argument.defaultValue;
    // A variable's value is not known before execution: count the largest page it may ask for.
    if (given?.kind === Kind.VARIABLE) value = this.maxPageSize;
    else if (given !== undefined && given.kind !== Kind.NULL) {
      value = valueFromASTUntyped(given);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) return this.maxPageSize;
    return Math.min(Math.max(Math.trunc(value), 0), this.maxPageSize);
  }
}

/**
 * Measures one operation: its depth (fields nested), its aliases and its estimated cost. Every field
 * costs 1 plus what it selects; a list multiplies that by its expected length: its `first` argument
 * (a connection's `first` counts for its `edges`), the maximum page size when `first` is a variable,
 * else DEFAULT_LIST_SIZE. Fragments count at every use; introspection costs nothing.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined,
  maxPageSize: number,
): OperationMeasure {
  const root = schema.getRootType(operation.operation) ?? undefined;
  const measurer = new Measurer(schema, fragments, maxPageSize);
  return measurer.selectionSet(operation.selectionSet, root, undefined, false);
}

// The three rules of one validation share one measurement per operation.
const measured = new WeakMap<OperationDefinitionNode, { maxPageSize: number; measure: OperationMeasure }>();

function measureOnce(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  maxPageSize: number,
): OperationMeasure {
  const known = measured.get(operation);
  if (known?.maxPageSize === maxPageSize) return known.measure;
  const measure = measureOperation(
    context.getSchema(),
    operation,
    (name) => context.getFragment(name) ?? undefined,
    maxPageSize,
  );
  measured.set(operation, { maxPageSize, measure });
  return measure;
}

function limitRule(
  maxPageSize: number,
  check: (measure: OperationMeasure, operation: OperationDefinitionNode) => GraphQLError | undefined,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition: (operation) => {
      const error = check(measureOnce(context, operation, maxPageSize), operation);
      if (error !== undefined) context.reportError(error);
      return false;
    },
  });
}

function operationName(operation: OperationDefinitionNode): string {
  return operation.name === undefined ? "The operation" : `Operation "${operation.name.value}"`;
}

/** Refuses an operation nested deeper than `maxDepth` fields (QUERY_TOO_DEEP). */
export function depthLimitRule(maxDepth: number, maxPageSize: number): ValidationRule {
  return limitRule(maxPageSize, ({ depth }, operation) =>
    depth <= maxDepth
      ? undefined
      : new GraphQLError(
          `${operationName(operation)} is ${depth} fields deep; the server allows at most ${maxDepth}.`,
          { nodes: operation, extensions: { code: ErrorCode.QueryTooDeep, depth, maxDepth } },
        ),
  );
}

/** Refuses an operation whose estimated cost exceeds `maxCost` (QUERY_TOO_COMPLEX). */
export function costLimitRule(maxCost: number, maxPageSize: number): ValidationRule {
  return limitRule(maxPageSize, ({ cost }, operation) =>
    cost <= maxCost
      ? undefined
      : new GraphQLError(
          `${operationName(operation)} has an estimated cost of ${cost}; the server allows at most ${maxCost}. ` +
            "Ask for smaller pages (first) or fewer nested lists.",
          { nodes: operation, extensions: { code: ErrorCode.QueryTooComplex, cost, maxCost } },
        ),
  );
}

/** Refuses an operation with more than `maxAliases` aliased fields (TOO_MANY_ALIASES). */
export function aliasLimitRule(maxAliases: number, maxPageSize: number): ValidationRule {
  return limitRule(maxPageSize, ({ aliases }, operation) =>
    aliases <= maxAliases
      ? undefined
      : new GraphQLError(
          `${operationName(operation)} has ${aliases} aliases; the server allows at most ${maxAliases}.`,
          { nodes: operation, extensions: { code: ErrorCode.TooManyAliases, aliases, maxAliases } },
        ),
  );
}

/** The validation rules for depth, cost and aliases; tokens are limited by the parser (maxTokens). */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    depthLimitRule(limits.maxDepth, limits.maxPageSize),
    costLimitRule(limits.maxCost, limits.maxPageSize),
    aliasLimitRule(limits.maxAliases, limits.maxPageSize),
  ];
}

// graphql 16 writes "more that"; later versions may spell it "more than".
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\./;

/** The maxTokens limit named in a parse error's message, or undefined when the error is another one. */
export function tokenLimitOf(parseErrorMessage: string): number | undefined {
  const match = TOO_MANY_TOKENS.exec(parseErrorMessage);
  return match === null ? undefined : Number(match[1]);
}
