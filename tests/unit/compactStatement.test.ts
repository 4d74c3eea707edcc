import { describe, expect, it } from "vitest";
import { compactStatement } from "../../src/graph/database.js";

describe("compactStatement", () => {
  it("drops whitespace after opening brackets, commas and colons and before closing brackets and commas", () => {
    const statement = `
      MATCH (n:Geography { kind: $kind })
      WHERE n.code IN [ $a , $b ]
      RETURN n { .code, .name } AS node, count( * ) AS total`;
    expect(compactStatement(statement)).toBe(
      "MATCH (n:Geography {kind:$kind}) WHERE n.code IN [$a,$b] RETURN n {.code,.name} AS node,count(*) AS total",
    );
  });

  it("keeps string literals and quoted names as written", () => {
    const statement = `RETURN 'a ,  b : ( c )' AS text, "d [ e ]" AS other, n.\`odd , name\` AS name`;
    expect(compactStatement(statement)).toBe(
      "RETURN 'a ,  b : ( c )' AS text,\"d [ e ]\" AS other,n.`odd , name` AS name",
    );
  });

  it("sends a statement that may hold a comment as written", () => {
    const statement = "MATCH (n) // every node\nRETURN count( n )";
    expect(compactStatement(statement)).toBe(statement);
  });
});
