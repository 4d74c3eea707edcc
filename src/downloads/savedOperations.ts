import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Kind, parse, type OperationDefinitionNode, type TypeNode } from "graphql";
import { repoRoot } from "../config/readConfig.js";

/** A variable of a saved operation, with the named type and list/non-null shape it takes. */
export interface OperationVariable {
  name: string;
  type: string;
  required: boolean;
  hasDefault: boolean;
}

/** A saved analyst operation: its text, title, variables and how it becomes a table. */
export interface SavedOperation {
  name: string;
  title: string;
  document: string;
  variables: OperationVariable[];
  rowPath: string[];
  columns: { name: string; from: string }[] | null;
}

function namedType(type: TypeNode): { type: string; required: boolean } {
  if (type.kind === Kind.NON_NULL_TYPE) return { type: namedType(type.type).type, required: true };
  if (type.kind === Kind.LIST_TYPE) return { type: `[${namedType(type.type).type}]`, required: false };
  return { type: type.name.value, required: false };
}

/** Reads one operations/*.graphql file: its first comment is its title; `# rows:` and `# columns:` shape its table. */
export function readSavedOperation(file: string): SavedOperation {
  const document = readFileSync(file, "utf8");
  const comments = document
    .split("\n")
    .filter((line) => line.startsWith("#"))
    .map((line) => line.slice(1).trim());
  const directive = (name: string) =>
    comments
      .find((c) => c.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const operation = parse(document).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const rows = directive("rows");
  const columns = directive("columns");
  return {
    name: path.basename(file, ".graphql"),
    title: comments.find((c) => !/^(rows|columns):/.test(c)) ?? path.basename(file, ".graphql"),
    document,
    variables: (operation?.variableDefinitions ?? []).map((v) => ({
      name: v.variable.name.value,
      ...namedType(v.type),
      hasDefault: v.defaultValue !== undefined,
    })),
    rowPath: rows === undefined ? [] : rows.split("."),
    columns:
      columns === undefined
        ? null
        : columns.split(/\s+/).map((pair) => {
            const [name = "", from = ""] = pair.split("=");
            return { name, from };
          }),
  };
}

/** Every saved operation in operations/, by name. */
export function readSavedOperations(
  dir: string = path.join(repoRoot, "operations"),
): Map<string, SavedOperation> {
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith(".graphql"))
      .sort()
      .map((file) => {
        const operation = readSavedOperation(path.join(dir, file));
        return [operation.name, operation];
      }),
  );
}
