import {
  getArgumentValues,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/**
 * What a walk of the selections below a field finds depends only on that field's nodes (and the
 * fragments of their document), never on variables: it is worked out once per field of a
 * document and kept as long as the document is (compiled documents keep their field nodes).
 */
const walks = new WeakMap<readonly FieldNode[], Map<string, unknown>>();

/** `walk()`, worked out once per field of a document under `key`: a walk must depend on nothing else. */
export function walkOnce<T>(info: GraphQLResolveInfo, key: string, walk: () => T): T {
  let known = walks.get(info.fieldNodes);
  if (known === undefined) {
    known = new Map();
    walks.set(info.fieldNodes, known);
  }
  if (known.has(key)) return known.get(key) as T;
  const found = walk();
  known.set(key, found);
  return found;
}

/**
 * True when the field being resolved selects `name` without arguments, directly or through
 * fragments: a resolver can then fetch it along with its own read instead of in a second one.
 */
export function selectsPlainField(info: GraphQLResolveInfo, name: string): boolean {
  return walkOnce(info, `plain:${name}`, () =>
    fieldsIn(info, selectionSetsAt(info, [])).some(
      (field) => field.name.value === name && (field.arguments ?? []).length === 0,
    ),
  );
}

/**
 * The arguments of each selection of `fieldName` on type `typeName` directly under the field being
 * resolved (through inline fragments and fragment spreads), with variables and defaults applied.
 * Selections whose arguments do not coerce are left out.
 */
export function selectedFieldArguments(
  info: GraphQLResolveInfo,
  typeName: string,
  fieldName: string,
): Record<string, unknown>[] {
  return selectedFieldArgumentsAt(info, [], typeName, fieldName);
}

/**
 * The fields selected in `selectionSets`, through inline fragments and fragment spreads whatever
 * their type condition (each named fragment once).
 */
function fieldsIn(info: GraphQLResolveInfo, selectionSets: readonly SelectionSetNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment !== undefined) collect(fragment.selectionSet);
      }
    }
  };
  selectionSets.forEach(collect);
  return fields;
}

/** The selection sets reached from the field being resolved through the fields named by `path`. */
function selectionSetsAt(info: GraphQLResolveInfo, path: readonly string[]): SelectionSetNode[] {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet === undefined ? [] : [node.selectionSet]));
  for (const step of path) {
    sets = fieldsIn(info, sets).flatMap((field) =>
      field.name.value === step && field.selectionSet !== undefined ? [field.selectionSet] : [],
    );
  }
  return sets;
}

interface FieldSelections {
  definition: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
}

/** The selections of `fieldName` on `typeName` below the field being resolved through `path`. */
function fieldSelectionsAt(
  info: GraphQLResolveInfo,
  path: readonly string[],
  typeName: string,
  fieldName: string,
): FieldSelections | null {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return null;
  const definition = type.getFields()[fieldName];
  if (definition === undefined) return null;
  const nodes: FieldNode[] = [];
  const visited = new Set<string>();
  const appliesTo = (condition: string | undefined): boolean =>
    condition === undefined ||
    condition === typeName ||
    type.getInterfaces().some((implemented) => implemented.name === condition);
  const search = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === fieldName) {
        nodes.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value)) search(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment !== undefined && appliesTo(fragment.typeCondition.name.value))
          search(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSetsAt(info, path)) search(selectionSet);
  return { definition, nodes };
}

/**
 * As selectedFieldArguments, for selections of `fieldName` on `typeName` found below the field
 * being resolved through the fields of `path` (say ["edges", "node"] under a connection).
 */
export function selectedFieldArgumentsAt(
  info: GraphQLResolveInfo,
  path: readonly string[],
  typeName: string,
  fieldName: string,
): Record<string, unknown>[] {
  const selections = walkOnce(info, `arguments:${path.join(".")}:${typeName}.${fieldName}`, () =>
    fieldSelectionsAt(info, path, typeName, fieldName),
  );
  if (selections === null) return [];
  const found: Record<string, unknown>[] = [];
  for (const node of selections.nodes) {
    const constant = constantArguments.get(node);
    if (constant?.definition === selections.definition) {
      found.push(constant.values);
      continue;
    }
    try {
      const values = getArgumentValues(selections.definition, node, info.variableValues);
      if (!usesVariables(node)) {
        constantArguments.set(node, { definition: selections.definition, values: Object.freeze(values) });
      }
      found.push(values);
    } catch {
      // Left for the field's own resolver to report.
    }
  }
  return found;
}

/**
 * The coerced arguments of selections that use no variables: the same for every request of their
 * document, so they are worked out once (frozen, since every request shares them).
 */
const constantArguments = new WeakMap<
  FieldNode,
  { definition: GraphQLField<unknown, unknown>; values: Readonly<Record<string, unknown>> }
>();

function containsVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(containsVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => containsVariable(field.value));
    default:
      return false;
  }
}

/** Whether each field's arguments use variables: a property of the document, worked out once. */
const fieldsUsingVariables = new WeakMap<FieldNode, boolean>();

/** True when any argument of the field is, or contains, a variable. */
function usesVariables(node: FieldNode): boolean {
  let uses = fieldsUsingVariables.get(node);
  if (uses === undefined) {
    uses = (node.arguments ?? []).some((argument) => containsVariable(argument.value));
    fieldsUsingVariables.set(node, uses);
  }
  return uses;
}

/** The names of the fields selected below the field being resolved through the fields of `path`. */
export function selectedFieldNamesAt(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  return walkOnce(
    info,
    `names:${path.join(".")}`,
    () => new Set(fieldsIn(info, selectionSetsAt(info, path)).map((field) => field.name.value)),
  );
}

/** True when the fields selected through `path` are all among `allowed` (nothing selected: true). */
export function asksOnlyFor(
  info: GraphQLResolveInfo,
  path: readonly string[],
  allowed: ReadonlySet<string>,
): boolean {
  return [...selectedFieldNamesAt(info, path)].every((name) => allowed.has(name));
}

// The fields of an entity that its code, name, kind and type answer.
const ENTITY_NAMING = new Set(["code", "name", "kind", "organisationKind", "__typename"]);

/** True when the entities found through `path` are asked for no more than their code, name, kind and type. */
export function asksOnlyNaming(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return asksOnlyFor(info, path, ENTITY_NAMING);
}
