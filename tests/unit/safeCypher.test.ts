import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/config/readConfig.js";

/*
 * The rule this test enforces: Cypher text is fixed when the module loads; values reach Neo4j only
 * as $parameters. It reads src/**\/*.ts with the TypeScript checker and reports:
 *
 * A. A statement that is not fixed text. A statement is the first argument of `read`, `write`, `run`
 *    or `executeQuery` called on our Database or on a neo4j-driver Driver, Session or transaction,
 *    or of the `run` callback that Database.writeTransaction hands its work; and every `statement:`
 *    property written in an object literal (a load step). Fixed text is a string literal; a
 *    module-level const (through imports); an element or property of one, or of a local const bound
 *    to one (a table of statements chosen by key); a choice (`?:`) between fixed texts; a template
 *    whose substitutions are fixed text (`PROFILE ${MEASURE_KIND_PAIR}`); or the variable of a
 *    `for … of` over fixed text. Two places forward text they are given and are exempt: the door
 *    (src/graph/database.ts, its `statement` parameter, as given or through compactStatement) and a load step's `step.statement`, which
 *    rule A checks where the step is written.
 *
 * B. A Cypher template (one whose text holds MATCH, MERGE, CREATE or RETURN) with a substitution
 *    that is not fixed text. Allowed substitutions: a call of a fixed-text helper (FIXED_TEXT_HELPERS)
 *    with string-literal arguments; a module-level const or an element of one (ENTITY_PROJECTION,
 *    PAGE_CONDITION[order]); and a parameter of a statement builder, a module-level function whose
 *    every call passes string literals or runs in a module-level const's initializer, once, at load
 *    (the table of shortest-path statements, one per bound). Every template is checked, so the
 *    module-level consts rule B allows are themselves checked where they are written.
 */

/** Helpers that turn a variable name into fixed Cypher text (a projection, a date condition). */
const FIXED_TEXT_HELPERS = new Set(["projectEntity", "DATED", "HOLDS", "AT"]);
const DRIVER_TYPES = new Set(["Database", "Driver", "Session", "Transaction", "ManagedTransaction"]);
const STATEMENT_METHODS = new Set(["read", "write", "run", "executeQuery"]);
const CYPHER_CLAUSE = /\b(MATCH|MERGE|CREATE|RETURN)\b/;
const DOOR = path.join(repoRoot, "src", "graph", "database.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** A program over src/ and, for the rule's own tests, extra files that exist only in memory. */
function createProgram(extra: Record<string, string>): ts.Program {
  const configFile = ts.readConfigFile(path.join(repoRoot, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(configFile.config as object, ts.sys, repoRoot);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file in extra
      ? ts.createSourceFile(file, extra[file] ?? "", language, true)
      : getSourceFile(file, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file in extra || fileExists(file);
  return ts.createProgram([...sourceFiles(path.join(repoRoot, "src")), ...Object.keys(extra)], options, host);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function isModuleLevel(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return (
    ts.isVariableDeclarationList(list) &&
    (list.flags & ts.NodeFlags.Const) !== 0 &&
    ts.isVariableStatement(list.parent) &&
    ts.isSourceFile(list.parent.parent)
  );
}

/** True when `node` sits in the initializer of a module-level const that is not itself a function. */
function runsAtLoad(node: ts.Node): boolean {
  for (let current = node; !ts.isSourceFile(current); current = current.parent) {
    const parent = current.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === current) {
      return (
        isModuleLevel(parent) &&
        !ts.isArrowFunction(unwrap(current as ts.Expression)) &&
        !ts.isFunctionExpression(unwrap(current as ts.Expression))
      );
    }
  }
  return false;
}

function scanCypher(extra: Record<string, string> = {}): string[] {
  const program = createProgram(extra);
  const checker = program.getTypeChecker();
  const files = program
    .getSourceFiles()
    .filter((file) => file.fileName.startsWith(path.join(repoRoot, "src")) || file.fileName in extra);
  const problems: string[] = [];

  const where = (node: ts.Node): string => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(repoRoot, file.fileName)}:${line + 1}`;
  };

  const declarationOf = (node: ts.Node): ts.Declaration | undefined => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  };

  const isModuleConst = (node: ts.Expression): boolean => {
    const expression = unwrap(node);
    if (ts.isElementAccessExpression(expression) || ts.isPropertyAccessExpression(expression)) {
      return isModuleConst(expression.expression);
    }
    if (!ts.isIdentifier(expression)) return false;
    const declaration = declarationOf(expression);
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && isModuleLevel(declaration);
  };

  // Rule A's fixed text.
  const isFixedStatement = (node: ts.Expression, seen = new Set<ts.Node>()): boolean => {
    const expression = unwrap(node);
    if (seen.has(expression)) return false;
    seen.add(expression);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return true;
    if (ts.isTemplateExpression(expression)) {
      return expression.templateSpans.every((span) => isFixedStatement(span.expression, seen));
    }
    if (ts.isConditionalExpression(expression)) {
      return isFixedStatement(expression.whenTrue, seen) && isFixedStatement(expression.whenFalse, seen);
    }
    if (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
    ) {
      return isFixedStatement(expression.left, seen) && isFixedStatement(expression.right, seen);
    }
    if (ts.isElementAccessExpression(expression) || ts.isPropertyAccessExpression(expression)) {
      return isFixedStatement(expression.expression, seen);
    }
    if (!ts.isIdentifier(expression)) return false;
    const declaration = declarationOf(expression);
    if (declaration === undefined || !ts.isVariableDeclaration(declaration)) return false;
    if (isModuleLevel(declaration)) return true;
    const list = declaration.parent;
    if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent)) {
      return isFixedStatement(list.parent.expression, seen);
    }
    const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
    return (
      isConst && declaration.initializer !== undefined && isFixedStatement(declaration.initializer, seen)
    );
  };

  const isForwardedByTheDoor = (node: ts.Expression): boolean => {
    const expression = unwrap(node);
    if (ts.isPropertyAccessExpression(expression) && expression.name.text === "statement") {
      return checker.getTypeAtLocation(expression.expression).getSymbol()?.getName() === "WriteStep";
    }
    // The door sends its parameter as given or compacted (compactStatement changes only whitespace).
    if (
      ts.isCallExpression(expression) &&
      ts.isIdentifier(expression.expression) &&
      expression.expression.text === "compactStatement" &&
      expression.arguments.length === 1 &&
      expression.getSourceFile().fileName === DOOR
    ) {
      const argument = expression.arguments[0];
      return argument !== undefined && isForwardedByTheDoor(argument);
    }
    if (!ts.isIdentifier(expression) || expression.getSourceFile().fileName !== DOOR) return false;
    const declaration = declarationOf(expression);
    return declaration !== undefined && ts.isParameter(declaration) && expression.text === "statement";
  };

  const isStatementCall = (call: ts.CallExpression): boolean => {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && STATEMENT_METHODS.has(callee.name.text)) {
      const type = checker.getTypeAtLocation(callee.expression);
      return DRIVER_TYPES.has(type.getSymbol()?.getName() ?? "");
    }
    if (!ts.isIdentifier(callee)) return false;
    // The `run` callback of Database.writeTransaction.
    const declaration = declarationOf(callee);
    if (declaration === undefined || !ts.isParameter(declaration)) return false;
    const work = declaration.parent;
    const outer = work.parent;
    return (
      ts.isCallExpression(outer) &&
      ts.isPropertyAccessExpression(outer.expression) &&
      outer.expression.name.text === "writeTransaction"
    );
  };

  // Rule B: statement builders, by declaration, and whether all their calls are fixed.
  const builderVerdicts = new Map<ts.Node, boolean>();
  const isStatementBuilder = (fn: ts.SignatureDeclaration): boolean => {
    const known = builderVerdicts.get(fn);
    if (known !== undefined) return known;
    // A builder is private to its module, so that every call of it is in sight.
    const exported = (node: ts.Node) =>
      ts.canHaveModifiers(node) &&
      (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    let nameNode: ts.Identifier | undefined;
    if (ts.isFunctionDeclaration(fn) && ts.isSourceFile(fn.parent) && !exported(fn)) nameNode = fn.name;
    if (
      (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
      ts.isVariableDeclaration(fn.parent) &&
      isModuleLevel(fn.parent) &&
      !exported(fn.parent.parent.parent) &&
      ts.isIdentifier(fn.parent.name)
    ) {
      nameNode = fn.parent.name;
    }
    let verdict = nameNode !== undefined;
    if (nameNode !== undefined) {
      const symbol = checker.getSymbolAtLocation(nameNode);
      const name = nameNode.text;
      for (const file of files) {
        const visit = (node: ts.Node): void => {
          if (!verdict) return;
          if (ts.isIdentifier(node) && node.text === name && node !== nameNode) {
            let target = checker.getSymbolAtLocation(node);
            if (target !== undefined && (target.flags & ts.SymbolFlags.Alias) !== 0) {
              target = checker.getAliasedSymbol(target);
            }
            if (
              target === symbol &&
              !ts.isImportSpecifier(node.parent) &&
              !ts.isExportSpecifier(node.parent)
            ) {
              const call = node.parent;
              const fixedCall =
                ts.isCallExpression(call) &&
                call.expression === node &&
                (runsAtLoad(call) || call.arguments.every((a) => ts.isStringLiteral(unwrap(a))));
              if (!fixedCall) verdict = false;
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
    }
    builderVerdicts.set(fn, verdict);
    return verdict;
  };

  const isFixedSubstitution = (node: ts.Expression): boolean => {
    const expression = unwrap(node);
    if (ts.isCallExpression(expression)) {
      return (
        ts.isIdentifier(expression.expression) &&
        FIXED_TEXT_HELPERS.has(expression.expression.text) &&
        expression.arguments.every((a) => ts.isStringLiteral(unwrap(a)))
      );
    }
    if (isModuleConst(expression)) return true;
    if (!ts.isIdentifier(expression)) return false;
    const declaration = declarationOf(expression);
    return (
      declaration !== undefined &&
      ts.isParameter(declaration) &&
      ts.isFunctionLike(declaration.parent) &&
      isStatementBuilder(declaration.parent)
    );
  };

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isStatementCall(node)) {
        const statement = node.arguments[0];
        if (statement !== undefined && !isFixedStatement(statement) && !isForwardedByTheDoor(statement)) {
          problems.push(`${where(node)}: statement is not fixed text: ${statement.getText()}`);
        }
      }
      if (
        ts.isPropertyAssignment(node) &&
        ts.isObjectLiteralExpression(node.parent) &&
        ts.isIdentifier(node.name) &&
        node.name.text === "statement" &&
        !isFixedStatement(node.initializer)
      ) {
        problems.push(`${where(node)}: statement is not fixed text: ${node.initializer.getText()}`);
      }
      if (ts.isTemplateExpression(node)) {
        const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join("");
        if (CYPHER_CLAUSE.test(text)) {
          for (const span of node.templateSpans) {
            if (!isFixedSubstitution(span.expression)) {
              problems.push(`${where(span)}: Cypher built from a value: \${${span.expression.getText()}}`);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return problems;
}

// A module that exists only in memory, written the ways rule A and rule B must refuse.
const PROBE = path.join(repoRoot, "src", "graph", "__safeCypherProbe.ts");
const PROBE_SOURCE = `
import type { Database } from "./database.js";
import { projectEntity } from "./entity.js";

const FIXED = "MATCH (n:Area) RETURN n";
const label = (name: string) => \`MATCH (n:\${name}) RETURN n\`;

export async function unsafe(db: Database, code: string, name: string, kind: string) {
  await db.read(FIXED);
  await db.read(\`MATCH (n {code: '\${code}'}) RETURN n\`);
  await db.read("MATCH (n) WHERE n.name = '" + name + "' RETURN n");
  const chosen = kind === "a" ? FIXED : code;
  await db.write(chosen);
  await db.read(\`MATCH (n) RETURN \${projectEntity(kind)}\`);
  await db.read(label(kind));
  await db.writeTransaction((run) => run(code));
}
`;

describe("Cypher in src/", () => {
  let problems: string[] = [];

  beforeAll(() => {
    problems = scanCypher({ [PROBE]: PROBE_SOURCE });
  }, 120_000);

  it("is fixed text: values reach Neo4j only as parameters", () => {
    expect(problems.filter((p) => !p.startsWith(path.relative(repoRoot, PROBE)))).toEqual([]);
  });

  it("catches statements and templates built from values", () => {
    const probe = problems.filter((p) => p.startsWith(path.relative(repoRoot, PROBE)));
    expect(probe.map((p) => p.replace(/^[^:]+:(\d+): /, "$1: "))).toEqual([
      "6: Cypher built from a value: ${name}",
      "10: statement is not fixed text: `MATCH (n {code: '${code}'}) RETURN n`",
      "10: Cypher built from a value: ${code}",
      `11: statement is not fixed text: "MATCH (n) WHERE n.name = '" + name + "' RETURN n"`,
      "13: statement is not fixed text: chosen",
      "14: statement is not fixed text: `MATCH (n) RETURN ${projectEntity(kind)}`",
      "14: Cypher built from a value: ${projectEntity(kind)}",
      "15: statement is not fixed text: label(kind)",
      "16: statement is not fixed text: code",
    ]);
  });
});
