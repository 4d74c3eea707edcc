import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import type { Driver } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, repoRoot } from "../../src/config/readConfig.js";
import { createContext } from "../../src/context.js";
import { readSavedOperations } from "../../src/downloads/savedOperations.js";
import { Database } from "../../src/graph/database.js";
import {
  DEFAULT_LIST_SIZE,
  DEFAULT_QUERY_LIMITS,
  limitRules,
  measureOperation,
  type OperationMeasure,
} from "../../src/graphql/limits.js";
import { readTypeDefs } from "../../src/graphql/typeDefs.js";
import { createServer } from "../../src/server.js";

const schema = buildSchema(readTypeDefs());

function measure(text: string, maxPageSize = 100): OperationMeasure {
  const document = parse(text);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation === undefined) throw new Error("No operation");
  return measureOperation(schema, operation, (name) => fragments.get(name), maxPageSize);
}

/** Every query the web pages send, as written in web/src/view/queries.ts. */
function webQueries(): string[] {
  const source = readFileSync(path.join(repoRoot, "web", "src", "view", "queries.ts"), "utf8");
  return [...source.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((match) => match[1] ?? "");
}

function limitErrors(document: DocumentNode): string[] {
  return validate(schema, document, limitRules(DEFAULT_QUERY_LIMITS)).map((e) =>
    String(e.extensions["code"]),
  );
}

describe("the default limits", () => {
  const saved = [...readSavedOperations().values()];

  it.each(saved.map((operation) => [operation.name, operation.document]))(
    "let the saved operation %s through",
    (_name, document) => {
      expect(limitErrors(parse(document, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens }))).toEqual([]);
    },
  );

  it("let every query of the web pages and the explorer's introspection query through", () => {
    const queries = [
      ...webQueries(),
      getIntrospectionQuery({ descriptions: true, schemaDescription: true, inputValueDeprecation: true }),
    ];
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const query of queries) {
      expect(limitErrors(parse(query, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens }))).toEqual([]);
    }
  });

  it("let every STP with its members, leaders and regions through, first given as a variable", () => {
    const stps = `query Stps($first: Int!) {
      geographies(filter: { kind: STP }, first: $first) {
        edges { node { code name ... on Footprint {
          members { totalCount edges { node { member { code name } } } }
          leaders { person { name } dayJobOrganisation { code name } }
          regions { code name }
        } } }
      }
    }`;
    expect(measure(stps).cost).toBe(34_601);
    expect(limitErrors(parse(stps))).toEqual([]);
  });

  it("leave every saved operation a margin of at least 5x in cost", () => {
    for (const operation of saved) {
      expect(measure(operation.document).cost * 5).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
    }
  });
});

describe("measureOperation", () => {
  it("counts depth in fields, leaving fragments out of it", () => {
    expect(measure("{ dataset { areaCount } }")).toEqual({ depth: 2, cost: 2, aliases: 0 });
    expect(
      measure("{ dataset { ...D } } fragment D on Dataset { sources { ... on Source { id } } }").depth,
    ).toBe(3);
  });

  it("multiplies a connection's edges by its first argument, and a plain list by the default size", () => {
    // geographies (1) + edges (3 × (1 + node (1 + code 1))) = 1 + 3 × 3
    expect(measure("{ geographies(first: 3) { edges { node { code } } } }").cost).toBe(10);
    // the schema's default first is 20
    expect(measure("{ geographies { edges { node { code } } } }").cost).toBe(1 + 20 * 3);
    expect(measure("{ dataset { sources { id } } }").cost).toBe(1 + DEFAULT_LIST_SIZE * 2);
    // a list with its own first: search returns a list
    expect(measure('{ search(text: "x", first: 4) { __typename } }').cost).toBe(4);
  });

  it("counts a variable first as the largest page, and caps a literal at it", () => {
    const byVariable = measure("query Q($n: Int) { people(first: $n) { edges { node { id } } } }", 50);
    expect(byVariable.cost).toBe(1 + 50 * 3);
    expect(measure("{ people(first: 1000000) { edges { node { id } } } }", 50).cost).toBe(1 + 50 * 3);
  });

  it("counts a fragment at every use, and each alias", () => {
    const text = `{ a: dataset { ...F } b: dataset { ...F } }
      fragment F on Dataset { one: areaCount two: areaCount }`;
    expect(measure(text)).toEqual({ depth: 2, cost: 2 + 2 * 2, aliases: 6 });
  });

  it("costs nothing for introspection", () => {
    expect(measure("{ __schema { types { name fields { name } } } }").cost).toBe(0);
  });

  it("measures fragments that double at every level without expanding them", () => {
    const levels = 60;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Dataset { ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    const text = `{ dataset { ...F0 } } ${fragments} fragment F${levels} on Dataset { areaCount }`;
    expect(measure(text).cost).toBe(1 + 2 ** levels);
  });

  it("stops at a fragment cycle, which graphql's own rules refuse", () => {
    const text =
      "{ dataset { ...A } } fragment A on Dataset { ...B } fragment B on Dataset { ...A areaCount }";
    expect(measure(text)).toEqual({ depth: 2, cost: 2, aliases: 0 });
  });
});

/** A Database whose driver fails the test if anything reaches it. */
function unreachableDatabase(): Database {
  const driver = new Proxy(
    {},
    {
      get: () => {
        throw new Error("The database was used");
      },
    },
  ) as Driver;
  return new Database(driver, { timeoutMs: 1_000 });
}

describe("createServer's limits", () => {
  const server = createServer({
    introspection: true,
    logError: () => undefined,
    limits: { maxDepth: 3, maxCost: 50, maxAliases: 2, maxTokens: 40, maxPageSize: 10 },
  });

  async function codes(query: string): Promise<unknown[]> {
    const defaults = {
      asOf: () => Promise.resolve("2020-01-01"),
      kindCoverage: () => Promise.resolve(new Map()),
    };
    const context = createContext(unreachableDatabase(), defaults, 10);
    const response = await server.executeOperation({ query }, { contextValue: context });
    if (response.body.kind !== "single") throw new Error("Incremental responses are not expected");
    expect(response.http.status).toBe(400);
    expect(response.body.singleResult.data).toBeUndefined();
    return (response.body.singleResult.errors ?? []).map((e) => e.extensions?.["code"]);
  }

  it("refuses each limit with its own code before anything runs", async () => {
    await server.start();
    expect(
      await codes('{ organisation(code: "X") { footprints { group { ... on Footprint { code } } } } }'),
    ).toEqual(["QUERY_TOO_DEEP"]);
    expect(await codes("{ dataset { sources { id file title publisher licence } } }")).toEqual([
      "QUERY_TOO_COMPLEX",
    ]);
    expect(
      await codes("{ a: dataset { areaCount } b: dataset { areaCount } c: dataset { areaCount } }"),
    ).toEqual(["TOO_MANY_ALIASES"]);
    expect(await codes(`{ dataset { ${"areaCount ".repeat(40)} } }`)).toEqual(["QUERY_TOO_LARGE"]);
    await server.stop();
  });
});

describe("readConfig's limits", () => {
  it("reads MAX_DEPTH, MAX_COST, MAX_ALIASES and MAX_TOKENS", () => {
    const config = readConfig({ MAX_DEPTH: "8", MAX_COST: "2000", MAX_ALIASES: "0", MAX_TOKENS: "500" });
    expect(config).toMatchObject({ maxDepth: 8, maxCost: 2_000, maxAliases: 0, maxTokens: 500 });
  });

  it("refuses limits that are not whole numbers in range, listing each", () => {
    let error: unknown;
    try {
      readConfig({ MAX_DEPTH: "0", MAX_COST: "lots", MAX_TOKENS: "-1" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});
