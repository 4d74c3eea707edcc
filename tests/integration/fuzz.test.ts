import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/graph/database.js";
import { readTypeDefs } from "../../src/graphql/typeDefs.js";
import { connectTestDatabase } from "../helpers/testDatabase.js";
import { startTestHttp } from "../helpers/testHttp.js";

/*
 * Random documents and variables, valid and not, made from the schema and sent over HTTP to the API
 * on the test database. Whatever arrives, the server answers without a 5xx and without crashing, and
 * every error it returns carries extensions.code (and none is an unexpected INTERNAL_SERVER_ERROR).
 */

const RUNS = 600;
// The runs stop early past this time, so that the test stays under a minute.
const TIME_LIMIT_MS = 45_000;

const schema = buildSchema(readTypeDefs());
type Gen = fc.GeneratorValue;

/** One HTTP request to /graphql, as the fuzzer made it. */
interface FuzzRequest {
  method: "GET" | "POST";
  contentType: string;
  /** The POST body, or the GET query string. */
  payload: string;
}

// Values that have broken servers before: huge and odd numbers, malformed dates, injection attempts.
const NASTY_STRINGS = [
  "",
  " ",
  "E54000001",
  "E38000116",
  "00J",
  "LDR-ALPHA",
  "amanda-doyle",
  "E01000001",
  "2017-02-30",
  "2017-13-01",
  "0000-00-00",
  "99999-01-01",
  "2017-06-01T00:00:00Z",
  "'; MATCH (n) DETACH DELETE n //",
  '") RETURN 1 //',
  "\\u0000",
  "\u0000",
  "🙂".repeat(50),
  "x".repeat(20_000),
  "eyJhIjoxfQ==",
  "WyJFNTQwMDAwMDEiXQ",
  "*",
  '+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
];
const NASTY_NUMBERS = [
  0,
  -1,
  1,
  6,
  7,
  100,
  101,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  1e308,
  -1e308,
  0.5,
  -0,
];

function scalarValue(g: Gen, name: string): unknown {
  switch (name) {
    case "Int":
      return g(() => fc.oneof(fc.integer({ min: -2, max: 120 }), fc.constantFrom(...NASTY_NUMBERS)));
    case "Float":
      return g(fc.double, { noNaN: true });
    case "Boolean":
      return g(fc.boolean);
    case "Date":
      return g(() =>
        fc.oneof(
          fc.constantFrom("2016-10-01", "2017-06-01", "2020-06-01"),
          fc.constantFrom(...NASTY_STRINGS),
        ),
      );
    default:
      return g(() => fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 30 })));
  }
}

/** A value for an input type: usually of that type, sometimes anything at all. */
function inputValue(g: Gen, type: GraphQLInputType, depth = 0): unknown {
  if (g(fc.integer, { min: 0, max: 9 }) === 0) return g(fc.jsonValue, { maxDepth: 3 });
  if (isNonNullType(type)) return inputValue(g, type.ofType, depth);
  if (g(fc.integer, { min: 0, max: 5 }) === 0) return null;
  if (isListType(type)) {
    const length = g(fc.integer, { min: 0, max: 3 });
    return Array.from({ length }, () => inputValue(g, type.ofType, depth + 1));
  }
  if (isEnumType(type)) {
    return g(fc.constantFrom, ...type.getValues().map((v) => v.name), "NOT_A_VALUE", "stp");
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (g(fc.boolean)) value[field.name] = inputValue(g, field.type, depth + 1);
    }
    if (g(fc.integer, { min: 0, max: 7 }) === 0) value["unknownField"] = 1;
    return value;
  }
  return scalarValue(g, type.name);
}

/** A GraphQL literal: JSON's syntax nearly fits, except for object keys and enum values. */
function literal(value: unknown, enumLike: boolean): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string")
    return enumLike && /^[A-Za-z_]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, enumLike)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) =>
    /^[A-Za-z_]\w*$/.test(key),
  );
  return `{ ${entries.map(([key, v]) => `${key}: ${literal(v, /kind|orderBy/i.test(key))}`).join(", ")} }`;
}

const ODD_BODIES: unknown[] = [
  null,
  [],
  "query",
  42,
  { query: 42 },
  { query: "{ dataset { areaCount } }", variables: "x" },
  { query: "{ dataset { areaCount } }", operationName: 7 },
  { query: "query A { dataset { areaCount } } query B { dataset { areaCount } }" },
  { query: "mutation { dataset { areaCount } }" },
  { query: "subscription { dataset { areaCount } }" },
];

const OTHER_VARIABLE_TYPES = [
  "Int",
  "Int!",
  "String",
  "ID!",
  "Date",
  "[Date]",
  "Boolean!",
  "GeographyKind",
  "NotAType",
];

/** Some of `items`, drawn by index: fast-check compares a generator's arguments, and schema objects are cyclic. */
function pick<T>(g: Gen, items: readonly T[], min: number, max: number): T[] {
  const indexes = g(fc.shuffledSubarray, [...items.keys()], {
    minLength: min,
    maxLength: Math.min(max, items.length),
  });
  return indexes.map((i) => items[i] as T);
}

class DocumentBuilder {
  readonly variableDefinitions: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private fields = 0;

  constructor(
    private readonly g: Gen,
    private readonly maxDepth: number,
    private readonly preferDeep: boolean,
  ) {}

  selectionSet(type: GraphQLCompositeType, depth: number): string {
    const g = this.g;
    if (isUnionType(type)) {
      const members = pick(g, type.getTypes(), 1, 2);
      return `{ __typename ${members.map((m) => `... on ${m.name} ${this.selectionSet(m, depth)}`).join(" ")} }`;
    }
    const all = Object.values(type.getFields());
    const composite = all.filter((f) => isCompositeType(getNamedType(f.type)));
    const pool = this.preferDeep && composite.length > 0 && depth < this.maxDepth ? composite : all;
    const count = this.preferDeep ? 1 : g(fc.integer, { min: 1, max: Math.min(3, pool.length) });
    const chosen = pick(g, pool, count, count);
    const parts = chosen.map((field) => this.field(field, depth));
    if (isInterfaceType(type) && g(fc.boolean)) {
      const implementations = schema.getPossibleTypes(type);
      for (const implementation of pick(g, implementations, 1, 1)) {
        parts.push(`... on ${implementation.name} ${this.selectionSet(implementation, depth)}`);
      }
    }
    return `{ ${parts.join(" ")} }`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const g = this.g;
    this.fields += 1;
    const alias = g(fc.integer, { min: 0, max: 7 }) === 0 ? `a${this.fields}: ` : "";
    const args = field.args.map((arg) => this.argument(arg)).filter((a) => a !== "");
    const argumentText = args.length === 0 ? "" : `(${args.join(", ")})`;
    const named = getNamedType(field.type);
    let selection = "";
    if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) {
      const stop = depth >= this.maxDepth || this.fields > 40;
      selection = stop ? "{ __typename }" : this.selectionSet(named, depth + 1);
    } else if (g(fc.integer, { min: 0, max: 30 }) === 0) {
      selection = "{ code }"; // a selection on a scalar: invalid
    }
    return `${alias}${field.name}${argumentText} ${selection}`;
  }

  private argument(arg: GraphQLArgument): string {
    const g = this.g;
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const mode = g(fc.integer, { min: 0, max: 5 });
    if (mode === 0 && !required) return "";
    if (mode === 1 && g(fc.integer, { min: 0, max: 5 }) === 0) return ""; // a required one missing, at times
    if (mode >= 4) {
      const name = `v${this.variableDefinitions.length}`;
      const declared =
        g(fc.integer, { min: 0, max: 4 }) === 0
          ? (pick(g, OTHER_VARIABLE_TYPES, 1, 1)[0] ?? "Int")
          : String(arg.type);
      this.variableDefinitions.push(`$${name}: ${declared}`);
      if (g(fc.integer, { min: 0, max: 5 }) !== 0) this.variables[name] = inputValue(g, arg.type);
      return `${arg.name}: $${name}`;
    }
    const enumLike = isEnumType(getNamedType(arg.type)) || isInputObjectType(getNullableType(arg.type));
    return `${arg.name}: ${literal(inputValue(g, arg.type), enumLike)}`;
  }
}

/** A document made from the schema, with its variables. */
function schemaRequest(g: Gen): { query: string; variables: Record<string, unknown> } {
  const deep = g(fc.integer, { min: 0, max: 5 }) === 0;
  const builder = new DocumentBuilder(g, deep ? 22 : g(fc.integer, { min: 1, max: 5 }), deep);
  const selection = builder.selectionSet(schema.getQueryType() as GraphQLCompositeType, 1);
  const definitions =
    builder.variableDefinitions.length === 0 ? "" : `(${builder.variableDefinitions.join(", ")})`;
  return { query: `query Fuzz${definitions} ${selection}`, variables: builder.variables };
}

/** A string that is mostly not GraphQL: a valid document mangled, deep nesting, noise. */
function brokenQuery(g: Gen): string {
  const { query } = schemaRequest(g);
  switch (g(fc.integer, { min: 0, max: 4 })) {
    case 0: {
      const cut = g(fc.integer, { min: 0, max: query.length });
      return query.slice(0, cut);
    }
    case 1: {
      const at = g(fc.integer, { min: 0, max: query.length });
      return query.slice(0, at) + g(fc.string, { maxLength: 8 }) + query.slice(at);
    }
    case 2: {
      const levels = g(fc.integer, { min: 1, max: 5_000 });
      return "{".repeat(levels) + "}".repeat(g(fc.integer, { min: 0, max: levels }));
    }
    case 3:
      return `{ geographies(first: ${g(fc.constantFrom, "99999999999999999999999", "1e400", "-0", "0x10", "1.5")}) { totalCount } }`;
    default:
      return g(fc.string, { maxLength: 200 });
  }
}

function fuzzRequest(g: Gen): FuzzRequest {
  const shape = g(fc.integer, { min: 0, max: 19 });
  if (shape <= 11) {
    const { query, variables } = schemaRequest(g);
    return { method: "POST", contentType: "application/json", payload: JSON.stringify({ query, variables }) };
  }
  if (shape <= 14) {
    return {
      method: "POST",
      contentType: "application/json",
      payload: JSON.stringify({ query: brokenQuery(g), variables: g(fc.jsonValue, { maxDepth: 2 }) }),
    };
  }
  if (shape === 15) {
    const { query, variables } = schemaRequest(g);
    const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    return { method: "GET", contentType: "", payload: search.toString() };
  }
  if (shape === 16) {
    const body = JSON.stringify(schemaRequest(g));
    return { method: "POST", contentType: "application/json", payload: body.slice(0, body.length - 3) };
  }
  if (shape === 17) {
    return { method: "POST", contentType: "text/plain", payload: JSON.stringify(schemaRequest(g)) };
  }
  // The right JSON in the wrong shape.
  const odd = pick(g, ODD_BODIES, 1, 1)[0];
  return { method: "POST", contentType: "application/json", payload: JSON.stringify(odd) };
}

let db: Database;
let http: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  // A short transaction timeout: a random analysis that runs long ends as DATABASE_TIMEOUT.
  db = connectTestDatabase(5_000);
  http = await startTestHttp(db);
});

afterAll(async () => {
  await http.stop();
  await db.close();
});

async function send(request: FuzzRequest): Promise<{ status: number; body: unknown }> {
  const response =
    request.method === "GET"
      ? await fetch(`${http.url}/graphql?${request.payload}`, {
          headers: { "apollo-require-preflight": "true" },
        })
      : await fetch(`${http.url}/graphql`, {
          method: "POST",
          headers: { "content-type": request.contentType },
          body: request.payload,
        });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

describe("random requests made from the schema", () => {
  it("get data or coded errors, never a 5xx or an unexpected error", async () => {
    let runs = 0;
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.gen().map(fuzzRequest), async (request) => {
        runs += 1;
        const { status, body } = await send(request);
        expect(status).toBeLessThan(500);
        expect(typeof body).toBe("object");
        const answer = body as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
        expect("data" in answer || Array.isArray(answer.errors)).toBe(true);
        for (const error of answer.errors ?? []) {
          const code = error.extensions?.code;
          expect(typeof code).toBe("string");
          expect(code).not.toBe("INTERNAL_SERVER_ERROR");
          codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
        }
        if (answer.errors === undefined) codes.set("(data)", (codes.get("(data)") ?? 0) + 1);
      }),
      { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)] },
    );
    process.stderr.write(
      `fuzz: ${runs} requests; answers by code: ${JSON.stringify(Object.fromEntries(codes))}\n`,
    );
    expect(runs).toBeGreaterThan(50);
    expect((await fetch(`${http.url}/health`)).status).toBe(200);
  }, 120_000);
});
