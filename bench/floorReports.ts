import type { Record as Neo4jRecord } from "neo4j-driver";
import { reportFromGround } from "../src/analysis/coterminosityReport.js";
import { groundFromRows, type KindPairRow } from "../src/graph/overlap.js";

/** Which parts of the report the operation selects, beyond what every report operation asks. */
export interface ReportSelection {
  kinds: boolean;
  counts: boolean;
}

/**
 * The floor's coterminosity report: the rows of coterminosityGround classified as ours are, shaped
 * as the operation's selection (plain JSON, no GraphQL).
 */
export function reportFromRecords(
  records: readonly Neo4jRecord[],
  parameters: { left: string; right: string; onlyMismatches: boolean },
  selection: ReportSelection,
): unknown {
  const asOf = (records[0]?.get("asOf") as string | undefined) ?? null;
  if (asOf === null) return null;
  const rows = records.map((record): KindPairRow => {
    // Only the code and name travel: the report shows no more of a geography.
    const [code, name] = record.get("geography") as [string, string];
    return {
      row: record.get("row") as KindPairRow["row"],
      geography: [code, name, "", null, null, null, null, null, null, null, false],
      pairs: record.get("pairs") as KindPairRow["pairs"],
      areas: record.get("areas") as number,
    };
  });
  const report = reportFromGround(
    groundFromRows(rows, asOf),
    parameters.left,
    parameters.right,
    asOf,
    parameters.onlyMismatches,
  );
  return {
    ...(selection.kinds ? { left: report.left, right: report.right } : {}),
    asOf: report.asOf,
    summary: report.summary,
    caveats: report.caveats,
    geographies: report.geographies.map((g) => ({
      geography: { code: g.geography.code, name: g.geography.name },
      verdict: g.verdict,
      ...(selection.counts ? { uncoveredAreas: g.uncoveredAreas, lessCertainAreas: g.lessCertainAreas } : {}),
      overlaps: g.overlaps.map((o) => ({
        right: { code: o.right.code, name: o.right.name },
        relation: o.relation,
        sharedAreas: o.sharedAreas,
        leftShare: o.leftShare,
        rightShare: o.rightShare,
      })),
    })),
  };
}
