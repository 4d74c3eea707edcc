import { describe, expect, it } from "vitest";
import { runWithoutCallSite } from "../../src/graph/database.js";

describe("runWithoutCallSite", () => {
  it("records no stack frames for errors created while it runs, and returns what it started", () => {
    const [value, stack] = runWithoutCallSite(() => ["started", new Error("inside").stack ?? ""] as const);
    expect(value).toBe("started");
    expect(stack.split("\n")).toEqual(["Error: inside"]);
  });

  it("restores the stack depth afterwards, also when the work throws", () => {
    const depth = Error.stackTraceLimit;
    expect(() =>
      runWithoutCallSite(() => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(Error.stackTraceLimit).toBe(depth);
    expect((new Error("outside").stack ?? "").split("\n").length).toBeGreaterThan(1);
  });
});
