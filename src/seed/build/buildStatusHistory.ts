import { isPartialDate } from "./isoDate.js";
import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { FootprintRow, SeedFinding, StatusRow } from "./seedRows.js";
import { refOf } from "./sourceRef.js";

/** status_history.csv rows sorted by footprint and date, and the 2016/17 STPs with no status row. */
export interface StatusHistoryResult {
  rows: StatusRow[];
  gaps: SeedFinding[];
}

const STATUSES = new Set(["CANDIDATE", "SHADOW_ACS", "ACS", "SHADOW_ICS", "ICS", "DEVOLVED", "ICP"]);

function partialDate(row: RawRow, column: string): string | null {
  const value = row.get(column);
  if (value === "") return null;
  if (!isPartialDate(value))
    throw new SeedBuildError(`stp-status-history:${row.line}: ${column} "${value}" is not YYYY[-MM[-DD]]`);
  return value;
}

/**
 * Builds status_history.csv: footprint_code is stp_code, or within_stp_code for an area smaller
 * than an STP (then whole_footprint is false). Dates keep the source's precision.
 */
export function buildStatusHistory(
  raw: RawData,
  footprints: readonly FootprintRow[],
  recodes: ReadonlyMap<string, string>,
): StatusHistoryResult {
  const stps = new Map(footprints.filter((f) => f.kind === "STP").map((f) => [f.code, f]));
  const rows = rawTable(raw, "stp-status-history").rows.map((row): StatusRow => {
    const stpCode = row.get("stp_code");
    const withinCode = row.get("within_stp_code");
    const footprintCode = stpCode !== "" ? stpCode : withinCode;
    if (!stps.has(footprintCode)) {
      throw new SeedBuildError(
        `stp-status-history:${row.line}: footprint "${footprintCode}" is not in footprints.csv`,
      );
    }
    const status = row.get("status");
    if (!STATUSES.has(status))
      throw new SeedBuildError(`stp-status-history:${row.line}: unknown status ${status}`);
    return {
      footprintCode,
      systemName: row.get("stp_name"),
      wholeFootprint: stpCode !== "",
      status,
      validFrom: partialDate(row, "valid_from"),
      announced: partialDate(row, "announced"),
      sourceUrl: row.get("source_url"),
      sourceQuote: row.get("source_quote") || null,
      note: row.get("note") || null,
      refs: [refOf(row)],
    };
  });
  const whole = new Set(rows.filter((r) => r.wholeFootprint).map((r) => r.footprintCode));
  const gaps: SeedFinding[] = [];
  for (const f of stps.values()) {
    if (f.validFrom > "2017-03-31" || whole.has(f.code)) continue;
    const parts = [`${f.code} ${f.name}: no status row for the whole footprint under this code`];
    const areas = [...new Set(rows.filter((r) => r.footprintCode === f.code).map((r) => r.systemName))];
    if (areas.length > 0) parts.push(`rows for areas within it: ${areas.join(", ")}`);
    const later = recodes.get(f.code);
    if (later !== undefined && whole.has(later)) parts.push(`its April 2020 code ${later} has rows`);
    gaps.push({ topic: "Status history", text: `${parts.join("; ")}.` });
  }
  rows.sort(
    (a, b) =>
      a.footprintCode.localeCompare(b.footprintCode) ||
      (a.validFrom ?? a.announced ?? "").localeCompare(b.validFrom ?? b.announced ?? "") ||
      a.status.localeCompare(b.status) ||
      a.systemName.localeCompare(b.systemName),
  );
  return { rows, gaps };
}
