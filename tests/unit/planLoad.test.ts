import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveSeed, planLoad } from "../../src/seed/loadSeed.js";
import { readSeed } from "../../src/seed/readSeed.js";
import type { Seed } from "../../src/seed/seedTypes.js";

const TINY_SEED = path.resolve(import.meta.dirname, "../fixtures/tinySeed");
const CLEARING_STEPS = [
  "remove stale relationships",
  "remove stale nodes",
  "clear area groups",
  "clear shared ground",
  "clear kind coverage",
];

let seed: Seed;

beforeAll(async () => {
  const result = await readSeed(TINY_SEED);
  if (!result.ok) throw new Error("the tiny seed must be valid");
  seed = result.seed;
});

const options = (emptyGraph: boolean) => ({
  replace: true,
  loadedAt: "2026-01-01T00:00:00Z",
  firstLoad: emptyGraph,
  emptyGraph,
});

describe("planLoad", () => {
  it("clears what an earlier load left, except in an empty graph", () => {
    const intoGraph = [...planLoad(seed, () => deriveSeed(seed), options(false))].map((step) => step.name);
    const intoEmpty = [...planLoad(seed, () => deriveSeed(seed), options(true))].map((step) => step.name);
    expect(intoGraph).toEqual(expect.arrayContaining(CLEARING_STEPS));
    expect(intoEmpty.filter((name) => CLEARING_STEPS.includes(name))).toEqual([]);
    expect(intoEmpty).toEqual(intoGraph.filter((name) => !CLEARING_STEPS.includes(name)));
  });

  it("derives the seed only when the step after the areas is taken", () => {
    let derivations = 0;
    const steps = planLoad(
      seed,
      () => {
        derivations += 1;
        return deriveSeed(seed);
      },
      options(true),
    )[Symbol.iterator]();
    const nextStep = (): string | null => {
      const taken = steps.next();
      return taken.done === true ? null : taken.value.name;
    };
    expect(nextStep()).toBe("sources");
    expect(nextStep()).toBe("areas");
    expect(derivations).toBe(0);
    expect(nextStep()).toBe("organisations");
    expect(derivations).toBe(1);
  });

  it("gives every step again to a second pass, as a retried transaction makes", () => {
    const plan = planLoad(seed, () => deriveSeed(seed), options(false));
    const first = [...plan].map((step) => [step.name, step.rows?.length ?? 0]);
    const second = [...plan].map((step) => [step.name, step.rows?.length ?? 0]);
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });
});
