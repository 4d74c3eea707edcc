import path from "node:path";
import { readConfig } from "../config/readConfig.js";
import { applyGraphSchema } from "../graph/graphSchema.js";
import { openNeo4j } from "../neo4j/openNeo4j.js";
import { formatProblem } from "./csvTable.js";
import { deriveSeed, loadSeed } from "./loadSeed.js";
import { formatReport } from "./printReport.js";
import { readSeed } from "./readSeed.js";
import { buildSeedReport } from "./seedReport.js";

const USAGE = `Usage: npm run seed -- [dir] [--dry-run] [--replace]
  dir        the seed directory (default: ./seed)
  --dry-run  validate and report; write nothing
  --replace  delete the whole graph first, so that rows removed from the seed disappear`;

function progress(step: string, done: number, total: number): void {
  const text = `  ${step}: ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text.padEnd(60)}${done === total ? "\n" : ""}`);
  else if (done === total) process.stderr.write(`${text}\n`);
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const positional = argv.filter((a) => !a.startsWith("--"));
  for (const flag of flags) {
    if (!["--dry-run", "--replace", "--help"].includes(flag)) {
      console.error(`Unknown option ${flag}\n${USAGE}`);
      return 2;
    }
  }
  if (flags.has("--help")) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig();
  const dir = positional[0] === undefined ? config.seedDir : path.resolve(positional[0]);
  console.error(`Validating ${dir} …`);
  const result = await readSeed(dir);
  if (!result.ok) {
    for (const problem of result.problems) console.error(formatProblem(problem));
    console.error(`\nRefused: ${result.problems.length} problem(s) found. Nothing was written.`);
    return 1;
  }
  if (flags.has("--dry-run")) {
    console.log(formatReport(buildSeedReport(result.seed, deriveSeed(result.seed)), null, null));
    console.log("Dry run: the seed is valid. Nothing was written.");
    return 0;
  }
  const neo4j = await openNeo4j(config.neo4j, {
    timeoutMs: config.queryTimeoutMs,
    log: (line) => {
      console.error(line);
    },
  });
  try {
    await applyGraphSchema(neo4j.db);
    console.error(
      `Loading into ${neo4j.uri} in one transaction${flags.has("--replace") ? " (replacing the graph)" : ""} …`,
    );
    const loaded = await loadSeed(neo4j.db, result.seed, {
      replace: flags.has("--replace"),
      onProgress: progress,
    });
    console.log(formatReport(loaded.report, loaded.counts, loaded.seconds));
    return 0;
  } finally {
    await neo4j.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // As `npm start` reports a failure: its message, which names the cause and what to do.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
