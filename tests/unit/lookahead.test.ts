import { makeExecutableSchema } from "@graphql-tools/schema";
import { buildSchema, graphql, parse, printSchema, type GraphQLResolveInfo } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { describe, expect, it } from "vitest";
import { selectedFieldArguments, selectsPlainField } from "../../src/graphql/lookahead.js";

const schema = buildSchema(`
  interface Geography { code: String areaCount(asOf: String): Int }
  type Footprint implements Geography {
    code: String
    areaCount(asOf: String): Int
    members(first: Int = 10, kind: String): [String]
  }
  type Region implements Geography { code: String areaCount(asOf: String): Int members(first: Int): [String] }
  type Query { geography: Geography }
`);

/** What the lookahead sees from the root field `geography` of `query`. */
async function seen(query: string, variableValues?: Record<string, unknown>) {
  let result: { plain: boolean; members: Record<string, unknown>[] } | undefined;
  const outcome = await graphql({
    schema,
    source: query,
    variableValues,
    rootValue: {
      geography: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        result = {
          plain: selectsPlainField(info, "areaCount"),
          members: selectedFieldArguments(info, "Footprint", "members"),
        };
        return null;
      },
    },
  });
  expect(outcome.errors).toBeUndefined();
  return result;
}

describe("selectsPlainField", () => {
  it("finds the field selected without arguments, directly or through fragments", async () => {
    expect((await seen("{ geography { code areaCount } }"))?.plain).toBe(true);
    expect((await seen("{ geography { ... on Footprint { areaCount } } }"))?.plain).toBe(true);
    expect(
      (await seen("{ geography { ...F } } fragment F on Geography { ... on Region { areaCount } }"))?.plain,
    ).toBe(true);
  });

  it("does not count a selection with arguments, or a field not selected", async () => {
    expect((await seen('{ geography { areaCount(asOf: "2017-01-01") } }'))?.plain).toBe(false);
    expect((await seen("{ geography { areaCount(asOf: null) } }"))?.plain).toBe(false);
    expect((await seen("{ geography { code } }"))?.plain).toBe(false);
  });
});

describe("selectedFieldArguments", () => {
  it("gives each selection's arguments with variables and defaults applied", async () => {
    const query = `query Q($n: Int) {
      geography { ... on Footprint { members(first: $n) } ...M }
    }
    fragment M on Footprint { other: members(kind: "CCG") }`;
    expect((await seen(query, { n: 3 }))?.members).toEqual([{ first: 3 }, { first: 10, kind: "CCG" }]);
  });

  it("skips selections on other types", async () => {
    expect((await seen("{ geography { ... on Region { members(first: 2) } } }"))?.members).toEqual([]);
  });
});

/**
 * Query Q of `query` compiled once by graphql-jit; each run records what the lookahead finds of
 * `members` under the root field `geography`.
 */
function compiledRecordingMembers(query: string) {
  const seenArguments: Record<string, unknown>[][] = [];
  const compiledSchema = makeExecutableSchema({
    typeDefs: printSchema(schema),
    resolvers: {
      Geography: { __resolveType: () => "Footprint" },
      Query: {
        geography: (_parent: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
          seenArguments.push(selectedFieldArguments(info, "Footprint", "members"));
          return null;
        },
      },
    },
  });
  const compiled = compileQuery(compiledSchema, parse(query), "Q");
  if (!isCompiledQuery(compiled)) throw new Error("the document did not compile");
  return {
    run: (variables: Record<string, unknown>) => compiled.query(undefined, {}, variables),
    seenArguments,
  };
}

describe("a compiled document run again", () => {
  it("walks its selections once but applies each run's own variables", async () => {
    const { run, seenArguments } = compiledRecordingMembers(`query Q($n: Int, $kind: String) {
      geography { ... on Footprint { members(first: $n, kind: $kind) } }
    }`);
    await run({ n: 3, kind: "CCG" });
    await run({ n: 7 });
    expect(seenArguments).toEqual([[{ first: 3, kind: "CCG" }], [{ first: 7 }]]);
  });

  it("gives a selection written without variables the same arguments at every run, beside one with variables", async () => {
    const { run, seenArguments } = compiledRecordingMembers(`query Q($n: Int) {
      geography { ... on Footprint { fixed: members(first: 2, kind: "CCG") byVariable: members(first: $n) } }
    }`);
    for (const n of [3, 7, 3]) await run({ n });
    expect(seenArguments).toEqual([
      [{ first: 2, kind: "CCG" }, { first: 3 }],
      [{ first: 2, kind: "CCG" }, { first: 7 }],
      [{ first: 2, kind: "CCG" }, { first: 3 }],
    ]);
    // Shared between runs, so no run can change what the next one sees.
    expect(Object.isFrozen(seenArguments[1]?.[0])).toBe(true);
  });
});
