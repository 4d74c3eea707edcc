import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSeed } from "./buildSeed.js";
import { SeedBuildError } from "./seedBuildError.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const rawDir = resolve(process.argv[2] ?? resolve(repoRoot, "../shared/data/raw"));
const outDir = resolve(process.argv[3] ?? resolve(repoRoot, "seed"));

const started = performance.now();
try {
  const { summary, files } = await buildSeed(rawDir, outDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const lines = [
    `seed:build ${rawDir} -> ${outDir} in ${seconds} s`,
    ...files.map(
      (f) =>
        `  ${f.name.padEnd(22)} ${String(f.rows).padStart(7)} rows ${(f.bytes / 1e6).toFixed(2).padStart(7)} MB`,
    ),
    `  total ${(total / 1e6).toFixed(2)} MB (plus README.md)`,
    `areas: ${summary.areas}`,
    `CCGs valid on ${summary.ccgsOn.map((c) => `${c.day}: ${c.count}`).join(", ")}`,
    `STPs with members on ${summary.stpsWithMembersOn.map((c) => `${c.day}: ${c.count}`).join(", ")}`,
    `STP codes: ${summary.stps}; LDRs: ${summary.ldrs} (${summary.ldrCcgs} CCGs); regions: ${summary.regions}; local offices: ${summary.localOffices}`,
    `trusts: ${summary.trusts}; local authorities: ${summary.localAuthorities}; county councils: ${summary.counties}`,
    `leaders: ${summary.leaders}; status rows: ${summary.statusRows}`,
  ];
  console.log(lines.join("\n"));
} catch (error) {
  // A SeedBuildError says which raw file and line broke the build; anything else is a bug, so show its stack.
  console.error(error instanceof SeedBuildError ? `seed:build failed: ${error.message}` : error);
  process.exitCode = 1;
}
