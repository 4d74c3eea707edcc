import { ApolloServer } from "@apollo/server";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { compiledSchemaExecutor } from "../../src/graphql/compiledExecutor.js";
import { PreparedOperations } from "../../src/graphql/preparedOperations.js";

const typeDefs = `
  type Query {
    echo(text: String!): String!
    failing: String
    typed: Thing
  }
  union Thing = Circle | Square
  type Circle { radius: Int! }
  type Square { side: Int! }
`;

/** Apollo hands resolvers a shallow copy of the context, so the count lives one level down. */
interface Calls {
  count: { echo: number };
}

function createCompiledServer(): ApolloServer<Calls> {
  const schema = makeExecutableSchema({
    typeDefs,
    resolvers: {
      Query: {
        echo: (_: unknown, { text }: { text: string }, context: Calls) => {
          context.count.echo += 1;
          return text;
        },
        failing: () => {
          throw new GraphQLError("refused", { extensions: { code: "BAD_USER_INPUT", argument: "x" } });
        },
        typed: () => ({ side: 3 }),
      },
      Thing: {
        __resolveType: (value: { side?: number }) => (value.side === undefined ? "Circle" : "Square"),
      },
    },
  });
  return new ApolloServer<Calls>({ gateway: compiledSchemaExecutor(schema, new PreparedOperations()) });
}

async function run(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const calls = { count: { echo: 0 } };
  const server = createCompiledServer();
  await server.start();
  try {
    const response = await server.executeOperation(
      { query, variables, operationName },
      { contextValue: calls },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return { result: response.body.singleResult, status: response.http.status, calls: calls.count };
  } finally {
    await server.stop();
  }
}

describe("the compiled executor", () => {
  it("runs a non-null variable's default when the variable is not given", async () => {
    const { result } = await run(`query ($text: String! = "hello") { echo(text: $text) }`, {});
    expect(result).toEqual({ data: { echo: "hello" } });
  });

  it("answers the same as graphql-js for aliases, fragments and unions", async () => {
    const { result, calls } = await run(
      `{ a: echo(text: "x") b: echo(text: "y") typed { __typename ... on Square { side } ... on Circle { radius } } }`,
    );
    expect(result).toEqual({ data: { a: "x", b: "y", typed: { __typename: "Square", side: 3 } } });
    expect(calls.echo).toBe(2);
  });

  it("keeps a resolver error's code, extensions, path and location", async () => {
    const { result } = await run(`{
  failing
}`);
    expect(result.data).toEqual({ failing: null });
    expect(result.errors).toEqual([
      {
        message: "refused",
        locations: [{ line: 2, column: 3 }],
        path: ["failing"],
        extensions: { code: "BAD_USER_INPUT", argument: "x" },
      },
    ]);
  });

  it("refuses a variable of the wrong type as bad user input, running nothing", async () => {
    const { result, status, calls } = await run(`query ($text: String!) { echo(text: $text) }`, { text: 3 });
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(calls.echo).toBe(0);
  });

  it("says which operation to run when a document holds several and none is named", async () => {
    const { result, status } = await run(`query A { echo(text: "a") } query B { echo(text: "b") }`);
    expect(status).toBe(400);
    expect(result.errors).toEqual([
      {
        message: "Must provide operation name if query contains multiple operations.",
        extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
      },
    ]);
  });

  it("runs the named operation of several", async () => {
    const { result } = await run(`query A { echo(text: "a") } query B { echo(text: "b") }`, undefined, "B");
    expect(result).toEqual({ data: { echo: "b" } });
  });
});
