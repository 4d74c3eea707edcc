import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, repoRoot } from "../../src/config/readConfig.js";

describe("readConfig", () => {
  it("runs the local Neo4j with defaults when NEO4J_URI is unset", () => {
    const config = readConfig({});
    expect(config).toEqual({
      port: 4000,
      host: "127.0.0.1",
      neo4j: {
        kind: "local",
        home: path.join(repoRoot, ".neo4j/main"),
        boltPort: 7690,
        httpPort: 7477,
        heap: "1g",
        pageCache: "512m",
      },
      seedDir: path.join(repoRoot, "seed"),
      seedWhenEmpty: true,
      queryTimeoutMs: 10_000,
      maxPageSize: 100,
      introspection: true,
      maxDepth: 15,
      maxCost: 50_000,
      maxAliases: 30,
      maxTokens: 2_000,
    });
  });

  it("uses the server NEO4J_URI names, with its credentials and database", () => {
    const config = readConfig({
      NEO4J_URI: "neo4j+s://abc.databases.neo4j.io",
      NEO4J_USERNAME: "reader",
      NEO4J_PASSWORD: "secret",
      NEO4J_DATABASE: "footprints",
    });
    expect(config.neo4j).toEqual({
      kind: "external",
      uri: "neo4j+s://abc.databases.neo4j.io",
      username: "reader",
      password: "secret",
      database: "footprints",
    });
  });

  it("gives the tests their own local server, away from the main job's data and ports", () => {
    const config = readConfig({ NEO4J_URI: "bolt://localhost:7687" }, { forTests: true });
    expect(config.neo4j).toMatchObject({
      kind: "local",
      home: path.join(repoRoot, ".neo4j/test"),
      boltPort: 7691,
    });
  });

  it("uses NEO4J_TEST_URI for the tests when it is set", () => {
    const config = readConfig({ NEO4J_TEST_URI: "bolt://127.0.0.1:9999" }, { forTests: true });
    expect(config.neo4j).toMatchObject({ kind: "external", uri: "bolt://127.0.0.1:9999" });
  });

  it("lists every bad variable at once", () => {
    let error: unknown;
    try {
      readConfig({ PORT: "eighty", NEO4J_URI: "http://localhost:7474", INTROSPECTION: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as ConfigError).problems.join("\n")).toMatch(
      /PORT.*NEO4J_URI|NEO4J_URI[\s\S]*PORT|PORT[\s\S]*NEO4J_URI/,
    );
  });
});
