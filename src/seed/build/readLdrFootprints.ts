import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { ldrCodeFromName } from "./ldrCodeFromName.js";
import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";

/** The reconstruction files, in the order they were made. */
export const LDR_SOURCE_IDS = [
  "ldr-reconstructed",
  "ldr-part-north",
  "ldr-part-south",
  "ldr-part-three",
] as const;

/** One reconstructed LDR footprint and its CCG rows. */
export interface LdrFootprint {
  code: string;
  name: string;
  rows: RawRow[];
}

/**
 * Reads the LDR reconstruction files into footprints sorted by code. Fails when a CCG is placed
 * twice, is not an April 2016 CCG, or sits in another STP than the April 2016 lookup says, or
 * when two names give the same code.
 */
export function readLdrFootprints(raw: RawData, ccgs2016: CcgStpVintage): LdrFootprint[] {
  const byName = new Map<string, LdrFootprint>();
  const placed = new Map<string, RawRow>();
  for (const sourceId of LDR_SOURCE_IDS) {
    for (const row of rawTable(raw, sourceId).rows) {
      const where = `${sourceId}:${row.line}`;
      const ccgCode = row.get("ccg16cd");
      const ccg = ccgs2016.ccgs.get(ccgCode);
      if (ccg === undefined) throw new SeedBuildError(`${where}: ${ccgCode} is not an April 2016 CCG`);
      if (!ccg.stps.some((s) => s.stpCode === row.get("stp16cd"))) {
        throw new SeedBuildError(`${where}: ${ccgCode} is not in STP ${row.get("stp16cd")} in April 2016`);
      }
      const earlier = placed.get(ccgCode);
      if (earlier !== undefined)
        throw new SeedBuildError(
          `${where}: ${ccgCode} already placed at ${earlier.sourceId}:${earlier.line}`,
        );
      placed.set(ccgCode, row);
      const evidence = row.get("evidence");
      if (evidence !== "named_in_source" && evidence !== "inferred") {
        throw new SeedBuildError(`${where}: unknown evidence "${evidence}"`);
      }
      const name = row.get("ldr_name");
      const footprint = byName.get(name);
      if (footprint === undefined) byName.set(name, { code: ldrCodeFromName(name), name, rows: [row] });
      else footprint.rows.push(row);
    }
  }
  const footprints = [...byName.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (let i = 1; i < footprints.length; i++) {
    const [a, b] = [footprints[i - 1], footprints[i]];
    if (a !== undefined && b !== undefined && a.code === b.code) {
      throw new SeedBuildError(`LDR names "${a.name}" and "${b.name}" give the same code ${a.code}`);
    }
  }
  return footprints;
}
