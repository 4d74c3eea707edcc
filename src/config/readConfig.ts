import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_QUERY_LIMITS } from "../graphql/limits.js";

/** Where this checkout lives; local Neo4j homes and the seed are found from it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The Neo4j the project talks to: an external one (NEO4J_URI) or the local server it runs itself. */
export type Neo4jTarget =
  | { kind: "external"; uri: string; username: string; password: string; database: string | undefined }
  | { kind: "local"; home: string; boltPort: number; httpPort: number; heap: string; pageCache: string };

/** Everything the service reads from its environment, validated once. */
export interface Config {
  port: number;
  host: string;
  neo4j: Neo4jTarget;
  seedDir: string;
  seedWhenEmpty: boolean;
  queryTimeoutMs: number;
  maxPageSize: number;
  introspection: boolean;
  /** Operation limits checked before execution (src/graphql/limits.ts). */
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

/** A configuration problem, reported to the user as one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === "" ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === "" ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (["true", "1", "yes"].includes(raw.toLowerCase())) return true;
    if (["false", "0", "no"].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
    return fallback;
  }

  neo4jUri(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s/]+/.test(raw)) {
      this.problems.push(
        `${name}=${JSON.stringify(raw)} must be a Bolt or Neo4j URI such as bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io`,
      );
    }
    return raw;
  }
}

/**
 * Reads and validates the configuration. `prefix` selects the variables of a second Neo4j
 * (the tests use NEO4J_TEST_URI and their own local server). Throws ConfigError listing every problem.
 */
export function readConfig(env: Env = process.env, options: { forTests?: boolean } = {}): Config {
  const read = new EnvReader(env);
  const forTests = options.forTests ?? false;
  const prefix = forTests ? "NEO4J_TEST_" : "NEO4J_";
  const uri = read.neo4jUri(`${prefix}URI`);
  const neo4j: Neo4jTarget =
    uri === undefined
      ? {
          kind: "local",
          home: path.resolve(
            repoRoot,
            read.string(
              forTests ? "NEO4J_TEST_LOCAL_HOME" : "NEO4J_LOCAL_HOME",
              forTests ? ".neo4j/test" : ".neo4j/main",
            ),
          ),
          boltPort: read.integer(
            forTests ? "NEO4J_TEST_LOCAL_BOLT_PORT" : "NEO4J_LOCAL_BOLT_PORT",
            forTests ? 7691 : 7690,
            1,
            65535,
          ),
          httpPort: read.integer(
            forTests ? "NEO4J_TEST_LOCAL_HTTP_PORT" : "NEO4J_LOCAL_HTTP_PORT",
            forTests ? 7478 : 7477,
            1,
            65535,
          ),
          heap: read.string("NEO4J_LOCAL_HEAP", "1g"),
          pageCache: read.string("NEO4J_LOCAL_PAGECACHE", "512m"),
        }
      : {
          kind: "external",
          uri,
          username: read.string(`${prefix}USERNAME`, "neo4j"),
          password: read.string(`${prefix}PASSWORD`, ""),
          database: read.optional(`${prefix}DATABASE`),
        };
  const config: Config = {
    port: read.integer("PORT", 4000, 0, 65535),
    host: read.string("HOST", "127.0.0.1"),
    neo4j,
    seedDir: path.resolve(repoRoot, read.string("SEED_DIR", "seed")),
    seedWhenEmpty: read.boolean("SEED_WHEN_EMPTY", true),
    queryTimeoutMs: read.integer("QUERY_TIMEOUT_MS", 10_000, 100, 600_000),
    maxPageSize: read.integer("MAX_PAGE_SIZE", 100, 1, 10_000),
    introspection: read.boolean("INTROSPECTION", true),
    maxDepth: read.integer("MAX_DEPTH", DEFAULT_QUERY_LIMITS.maxDepth, 1, 1_000),
    maxCost: read.integer("MAX_COST", DEFAULT_QUERY_LIMITS.maxCost, 1, 100_000_000),
    maxAliases: read.integer("MAX_ALIASES", DEFAULT_QUERY_LIMITS.maxAliases, 0, 10_000),
    maxTokens: read.integer("MAX_TOKENS", DEFAULT_QUERY_LIMITS.maxTokens, 10, 1_000_000),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
