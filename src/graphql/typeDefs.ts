import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../config/readConfig.js";

/** The API contract: every schema/*.graphql file, in name order, as one SDL string. */
export function readTypeDefs(schemaDir: string = path.join(repoRoot, "schema")): string {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(path.join(schemaDir, file), "utf8"))
    .join("\n");
}
