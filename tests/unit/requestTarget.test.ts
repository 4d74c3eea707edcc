import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRequestTarget } from "../../src/http/requestTarget.js";

function expectSameAsUrl(target: string): void {
  const read = readRequestTarget(target);
  if (!URL.canParse(target, "http://localhost")) {
    expect(read).toBeNull();
    return;
  }
  const url = new URL(target, "http://localhost");
  expect(read).not.toBeNull();
  if (read === null) return;
  expect(read.pathname).toBe(url.pathname);
  expect(read.search).toBe(url.search);
  expect([...read.searchParams]).toEqual([...url.searchParams]);
}

describe("readRequestTarget", () => {
  it("reads common targets as URL does", () => {
    for (const target of [
      "/",
      "/graphql",
      "/graphql/",
      "/explorer/operations.json",
      "/download/stpLdrCoterminosity.csv?asOf=2017-06-01",
      "/graphql?query=%7B__typename%7D",
      "/web/../graphql",
      "/./graphql",
      "//graphql",
      "/a//b",
      "/%2e%2e/graphql",
      "/graphql#part",
      "/caf\u00e9",
      "/a b",
      "\\graphql",
      "//",
    ]) {
      expectSameAsUrl(target);
    }
  });

  it("reads any target made of path characters as URL does", () => {
    const pathCharacter = fc.constantFrom(..."/.-_~aZ09%2e?&=#\\ ".split(""));
    fc.assert(
      fc.property(fc.string({ unit: pathCharacter, maxLength: 24 }), (rest) => {
        expectSameAsUrl(`/${rest}`);
      }),
      { numRuns: 5_000 },
    );
  });

  it("reads a missing target as the root", () => {
    expect(readRequestTarget(undefined)?.pathname).toBe("/");
  });
});
