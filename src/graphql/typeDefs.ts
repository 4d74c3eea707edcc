import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, visit, type DocumentNode } from "graphql";
import { repoRoot } from "../config/readConfig.js";

/** The API contract: every schema/*.graphql file, in name order, as one SDL string. */
export function readTypeDefs(schemaDir: string = path.join(repoRoot, "schema")): string {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(path.join(schemaDir, file), "utf8"))
    .join("\n");
}

/**
 * The API contract parsed, with every name held as a one-byte string. The SDL's descriptions
 * hold characters beyond Latin-1 (×, –), so V8 keeps the whole text two bytes a character, and
 * so every name parsed from it. Those names become the answer's field names and enum values:
 * one of them makes JSON.stringify build the whole answer two bytes a character, twice its size,
 * and makes its UTF-8 length costly to take when it is written (most of a millisecond for the
 * council × STP report). GraphQL names are ASCII, so the copy changes no character.
 */
export function readSchemaDocument(schemaDir?: string): DocumentNode {
  return visit(parse(readTypeDefs(schemaDir)), {
    Name: (node) => ({ ...node, value: Buffer.from(node.value, "latin1").toString("latin1") }),
  });
}
