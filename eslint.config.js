import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "src/generated", "neo4j/lib", ".neo4j", "dist", "coverage", "test-results"] },
  { ignores: ["web/src/gql"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // neo4j-driver declares its plain option objects (SessionConfig, Config) as classes.
      "@typescript-eslint/no-unsafe-class-instance-assignment": "off",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports." },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configuration files are loaded through their default export.
    files: ["eslint.config.js", "vitest.config.ts", "web/vite.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
