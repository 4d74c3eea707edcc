import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql module for the source and @apollo/server, as under plain Node: graphql 16 ships
    // both CommonJS and ES builds, and its type checks fail across the two.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/browser/**/*.test.ts"],
          globalSetup: ["tests/helpers/globalSetup.ts"],
          // One Neo4j database: files that touch it run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Pages render slower on a busy machine: a poll waits up to 15 s unless it says otherwise.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
