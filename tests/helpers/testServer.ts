import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import { repoRoot } from "../../src/config/readConfig.js";
import { createContext, type Context } from "../../src/context.js";
import type { Database } from "../../src/graph/database.js";
import { createDatasetDefaults } from "../../src/graphql/datasetDefaults.js";
import { createServer } from "../../src/server.js";

/** What one operation returned, and the Cypher statements it ran. */
export interface OperationResult {
  data: Record<string, unknown> | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
  statements: string[];
}

/** The API's GraphQL server on the test database, executing operations without HTTP. */
export interface TestServer {
  execute(query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
  stop(): Promise<void>;
}

export async function startTestServer(db: Database): Promise<TestServer> {
  const apollo: ApolloServer<Context> = createServer({ introspection: true, logError: () => undefined });
  await apollo.start();
  const defaults = createDatasetDefaults(db);
  return {
    async execute(query, variables) {
      const statements: string[] = [];
      const context = createContext(
        db.withListener((s) => statements.push(s)),
        defaults,
      );
      const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
      if (response.body.kind !== "single") throw new Error("Incremental responses are not expected");
      const result = response.body.singleResult;
      return {
        data: result.data,
        errors: result.errors as OperationResult["errors"],
        statements,
      };
    },
    stop: () => apollo.stop(),
  };
}

/** A saved operation from operations/, as the explorer and the tests use it. */
export function readOperation(name: string): string {
  return readFileSync(path.join(repoRoot, "operations", `${name}.graphql`), "utf8");
}
