import {
  getArgumentValues,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";

/**
 * True when the field being resolved selects `name` without arguments, directly or through
 * fragments: a resolver can then fetch it along with its own read instead of in a second one.
 */
export function selectsPlainField(info: GraphQLResolveInfo, name: string): boolean {
  return fieldsIn(info, selectionSetsAt(info, [])).some(
    (field) => field.name.value === name && (field.arguments ?? []).length === 0,
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
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return [];
  const fieldDefinition = type.getFields()[fieldName];
  if (fieldDefinition === undefined) return [];
  const found: Record<string, unknown>[] = [];
  const visited = new Set<string>();
  const appliesTo = (condition: string | undefined): boolean =>
    condition === undefined ||
    condition === typeName ||
    type.getInterfaces().some((implemented) => implemented.name === condition);
  const search = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === fieldName) {
        try {
          found.push(getArgumentValues(fieldDefinition, selection, info.variableValues));
        } catch {
          // Left for the field's own resolver to report.
        }
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
  return found;
}

/** The names of the fields selected below the field being resolved through the fields of `path`. */
export function selectedFieldNamesAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  return new Set(fieldsIn(info, selectionSetsAt(info, path)).map((field) => field.name.value));
}
