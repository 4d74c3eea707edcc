import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildAreaMemberships } from "./buildAreaMemberships.js";
import { buildFootprints } from "./buildFootprints.js";
import { buildLeaders } from "./buildLeaders.js";
import { buildMemberships } from "./buildMemberships.js";
import { buildOrganisations } from "./buildOrganisations.js";
import { buildStatusHistory } from "./buildStatusHistory.js";
import { readCcgStpVintages } from "./readCcgStpVintages.js";
import { checkSeed } from "./checkSeed.js";
import { readLsoaVintages, type LsoaPlacement } from "./readLsoaVintages.js";
import { createOrganisationNameIndex } from "./organisationNameIndex.js";
import { readCcgMergers } from "./readCcgMergers.js";
import { readLdrFootprints } from "./readLdrFootprints.js";
import { readRaw } from "./readRaw.js";
import { renderReadme } from "./renderReadme.js";
import { SeedBuildError } from "./seedBuildError.js";
import { seedFiles } from "./seedFiles.js";
import type { AreaRow, SeedContent, SourceRow } from "./seedRows.js";
import { SEED_BUILD_SOURCE_ID, SOURCE_CATALOGUE } from "./sourceCatalogue.js";
import { readStpCodeChanges } from "./readStpCodeChanges.js";
import { summariseSeed, type SeedSummary } from "./summariseSeed.js";
import { formatCsv } from "./formatCsv.js";

/** A written file and its size. */
export interface WrittenFile {
  name: string;
  rows: number;
  bytes: number;
}

/** What buildSeed wrote. */
export interface SeedBuildResult {
  summary: SeedSummary;
  files: WrittenFile[];
}

function sourceRows(): SourceRow[] {
  return [
    ...SOURCE_CATALOGUE.map((s) => ({
      id: s.id,
      file: s.file,
      title: s.title,
      publisher: s.publisher,
      licence: s.licence,
      evidence: s.evidence,
      url: s.url,
      note: s.note,
    })),
    {
      id: SEED_BUILD_SOURCE_ID,
      file: "src/seed/build",
      title: "Values computed by npm run seed:build from the other sources",
      publisher: "this project",
      licence: "MIT (project code); the values inherit their inputs' licences",
      evidence: "derived",
      url: null,
      note: "Cited without a row. Used for the April 2019 and April 2020 LSOA -> CCG placements (April 2018 CCG carried through the CCG mergers) and for the LSOA -> STP placements of NHS Cumbria CCG's areas; the rules are in README.md.",
    },
  ];
}

/** Assembles the whole seed from the raw files and runs the self-checks; writes nothing. */
export async function assembleSeed(rawDir: string): Promise<SeedContent> {
  const raw = await readRaw(rawDir);
  const vintages = readCcgStpVintages(raw);
  const april2016 = vintages[0];
  if (april2016 === undefined) throw new SeedBuildError("no April 2016 CCG vintage");
  const lsoas = readLsoaVintages(raw);
  const changes = readStpCodeChanges(raw, april2016);
  const ldrs = readLdrFootprints(raw, april2016);
  const mergers = readCcgMergers(raw, vintages);
  const organisations = buildOrganisations(raw, vintages, lsoas);
  const footprints = buildFootprints(raw, vintages, changes, ldrs);
  const memberships = buildMemberships(raw, vintages, changes, ldrs, organisations.rows);
  const areaMemberships = buildAreaMemberships(lsoas, mergers, memberships.rows, changes);
  const leaders = buildLeaders(
    raw,
    footprints.rows,
    createOrganisationNameIndex(organisations.rows, organisations.names),
  );
  const statusHistory = buildStatusHistory(raw, footprints.rows, footprints.recodes);
  const areas: AreaRow[] = [...(lsoas.get("2016") ?? new Map<string, LsoaPlacement>())]
    .map(([code, placement]) => ({ code, name: placement.name, refs: [placement.ref] }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const seed: SeedContent = {
    sources: sourceRows(),
    areas,
    organisations: organisations.rows,
    footprints: footprints.rows,
    memberships: memberships.rows,
    areaMemberships: areaMemberships.rows,
    leaders: leaders.rows,
    statusHistory: statusHistory.rows,
    gaps: [
      ...organisations.gaps,
      ...footprints.gaps,
      ...memberships.gaps,
      ...areaMemberships.gaps,
      ...leaders.gaps,
      ...statusHistory.gaps,
    ],
    conflicts: [
      ...organisations.conflicts,
      ...footprints.conflicts,
      ...memberships.conflicts,
      ...leaders.conflicts,
    ],
  };
  checkSeed(seed, lsoas, vintages);
  return seed;
}

/** Builds the seed from rawDir and writes its CSV files and README.md to outDir. */
export async function buildSeed(rawDir: string, outDir: string): Promise<SeedBuildResult> {
  const seed = await assembleSeed(rawDir);
  const summary = summariseSeed(seed);
  await mkdir(outDir, { recursive: true });
  const files: WrittenFile[] = [];
  for (const file of seedFiles(seed)) {
    const text = formatCsv(file.header, file.rows);
    await writeFile(join(outDir, file.name), text, "utf8");
    files.push({ name: file.name, rows: file.rows.length, bytes: Buffer.byteLength(text, "utf8") });
  }
  const readme = await renderReadme(seed, summary, files);
  await writeFile(join(outDir, "README.md"), readme, "utf8");
  return { summary, files };
}
