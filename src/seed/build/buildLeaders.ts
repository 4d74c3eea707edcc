import { isPartialDate } from "./isoDate.js";
import {
  normaliseOrganisationName,
  resolveOrganisationName,
  type OrganisationNameIndex,
} from "./organisationNameIndex.js";
import { personIdFromName, splitNameAliases } from "./personIdFromName.js";
import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { FootprintRow, LeaderRow, SeedFinding } from "./seedRows.js";
import { refOf } from "./sourceRef.js";

/** leaders.csv rows sorted by footprint, start and person, and what the build found missing or in conflict. */
export interface LeadersResult {
  rows: LeaderRow[];
  gaps: SeedFinding[];
  conflicts: SeedFinding[];
}

const LEAD_SOURCES = ["stp-leads-2016-17", "stp-leads-2016-17-additions"] as const;

function dateOrNull(row: RawRow, column: string): string | null {
  const value = row.get(column);
  if (value === "") return null;
  if (!isPartialDate(value))
    throw new SeedBuildError(
      `${row.sourceId}:${row.line}: ${column} "${value}" is not YYYY, YYYY-MM or YYYY-MM-DD`,
    );
  return value;
}

/**
 * Builds leaders.csv from the 2016-17 leads and their additions (rows with a lead name only). The
 * March 2016 transcription is cited where it names the same person in the same day job, and its
 * spelling kept in note.
 */
export function buildLeaders(
  raw: RawData,
  footprints: readonly FootprintRow[],
  names: OrganisationNameIndex,
): LeadersResult {
  const result: LeadersResult = { rows: [], gaps: [], conflicts: [] };
  const stps = new Map(footprints.filter((f) => f.kind === "STP").map((f) => [f.code, f]));
  const early = rawTable(raw, "stp-leads-2016-transcribed").rows.filter((row) => row.get("lead_name") !== "");
  const named = new Set<string>();
  const unnamedRows: RawRow[] = [];
  for (const sourceId of LEAD_SOURCES) {
    for (const row of rawTable(raw, sourceId).rows) {
      const footprintCode = row.get("stp16cd");
      if (!stps.has(footprintCode))
        throw new SeedBuildError(`${sourceId}:${row.line}: ${footprintCode} is not an STP of the seed`);
      const leadName = row.get("lead_name");
      if (leadName === "") {
        unnamedRows.push(row);
        continue;
      }
      named.add(footprintCode);
      const { name, aliases } = splitNameAliases(leadName);
      const personId = personIdFromName(leadName);
      const refs = [refOf(row)];
      const notes = [row.get("note")].filter((n) => n !== "");
      if (aliases.length > 0)
        notes.push(`Also named ${aliases.map((a) => `'${a}'`).join(", ")} by the source.`);
      const dayJobOrg = row.get("day_job_org");
      // The March 2016 row is the same lead when it names the same person with the same day-job organisation.
      const sameLead = early.filter(
        (e) =>
          personIdFromName(e.get("lead_name")) === personId &&
          normaliseOrganisationName(e.get("lead_organisation_as_published")) ===
            normaliseOrganisationName(dayJobOrg),
      );
      for (const other of sameLead) {
        refs.push(refOf(other));
        const spelling = other.get("lead_name");
        if (spelling !== leadName) {
          notes.push(`Written '${spelling}' in ${other.sourceId} row ${other.line}.`);
          result.conflicts.push({
            topic: "Leader names",
            text: `${personId}: '${leadName}' (${sourceId}:${row.line}) and '${spelling}' (${other.sourceId}:${other.line}); one person, the graph uses '${name}'.`,
          });
        }
      }
      let dayJobOrgCode: string | null = null;
      if (dayJobOrg !== "") {
        const resolution = resolveOrganisationName(names, dayJobOrg, row.get("org_type"));
        if (resolution.kind === "resolved") dayJobOrgCode = resolution.code;
        else {
          const why =
            resolution.kind === "ambiguous" ? `ambiguous: ${resolution.codes.join(", ")}` : resolution.reason;
          result.gaps.push({
            topic: "Day-job organisations not resolved to a code",
            text: `${name} (${footprintCode}): '${dayJobOrg}' (${why}).`,
          });
        }
      }
      const validFrom = dateOrNull(row, "valid_from");
      if (validFrom === null) {
        result.gaps.push({
          topic: "Leader dates",
          text: `${name} (${footprintCode}): no start date in the source.`,
        });
      }
      result.rows.push({
        personId,
        name,
        footprintCode,
        dayJobTitle: row.get("day_job_title") || null,
        dayJobOrgCode,
        dayJobOrgName: dayJobOrg || null,
        validFrom,
        validTo: dateOrNull(row, "valid_to"),
        evidence: "transcribed",
        refs,
        note: notes.length > 0 ? notes.join(" ") : null,
      });
    }
  }
  for (const row of unnamedRows) {
    const code = row.get("stp16cd");
    const note = row.get("note");
    const kind = note.startsWith("TBC") ? "TBC" : "GAP";
    if (kind === "GAP" && named.has(code)) continue; // a later file names the lead
    result.gaps.push({
      topic: "STP leads",
      text: `${code} ${row.get("stp_name")}: ${kind === "TBC" ? `${note}${named.has(code) ? " (a later lead is named)" : ""}` : "no sourced lead"} (${row.sourceId}:${row.line}).`,
    });
  }
  const without = [...stps.values()]
    .filter((f) => f.validFrom <= "2017-03-31" && !named.has(f.code))
    .map((f) => `${f.code} ${f.name}`);
  result.gaps.push({
    topic: "STP leads",
    text: `${without.length} of the 2016/17 STPs have no named lead: ${without.join("; ")}.`,
  });
  result.rows.sort(
    (a, b) =>
      a.footprintCode.localeCompare(b.footprintCode) ||
      (a.validFrom ?? "").localeCompare(b.validFrom ?? "") ||
      a.personId.localeCompare(b.personId),
  );
  return result;
}
