import type { Evidence, Verdict, ViewCoterminosityQuery } from "../gql/graphql";

export type Report = ViewCoterminosityQuery["coterminosity"];
export type ReportRow = Report["geographies"][number];
export type ReportOverlap = ReportRow["overlaps"][number];

/** One right-hand geography: a column of the matrix. */
export interface MatrixColumn {
  code: string;
  name: string;
  /** Reconstructed from documents (the LDRs): drawn as less certain. */
  lessCertain: boolean;
  /** How many rows share ground with it. */
  rowCount: number;
  /** Some row shares only part of its ground with it (PARTIAL). */
  partial: boolean;
  /** It is one of the highlighted rows' non-equal partners: part of what stands out. */
  highlighted: boolean;
}

/** The matrix: rows and columns ordered so that each row's main partner lies on a diagonal. */
export interface MatrixLayout {
  rows: ReportRow[];
  columns: MatrixColumn[];
  columnIndex: ReadonlyMap<string, number>;
  /** The verdict most rows get (COTERMINOUS for STP × LDR, NESTED for councils × STP): the unremarkable case. */
  usualVerdict: Verdict | undefined;
}

function evidenceOf(geography: object): Evidence | undefined {
  return "evidence" in geography ? (geography.evidence as Evidence) : undefined;
}

/** True when the row is worth a look: it straddles, or its verdict is not the usual one. */
export function isHighlighted(row: ReportRow, usualVerdict: Verdict | undefined): boolean {
  return row.verdict === "STRADDLES" || (row.verdict !== usualVerdict && row.verdict !== "NONE");
}

/** The verdict most rows of the report get; undefined for an empty report. */
export function usualVerdictOf(report: Report): Verdict | undefined {
  let best: { verdict: Verdict; count: number } | undefined;
  for (const entry of report.summary) {
    if (entry.verdict !== "NONE" && entry.count > (best?.count ?? 0)) best = entry;
  }
  return best?.verdict;
}

/** The share (0 to 1) of a row's ground that no right-hand geography covers: the gap. */
export function uncoveredShare(row: ReportRow): number {
  const first = row.overlaps[0];
  if (first === undefined || first.leftShare === 0) return row.uncoveredAreas > 0 ? 1 : 0;
  const areaCount = first.sharedAreas / first.leftShare;
  return Math.min(1, row.uncoveredAreas / areaCount);
}

/**
 * Orders the report for drawing: columns in the order rows (by code) first meet them, main partner
 * first; rows by their main partner's column, then code, so that matches form a diagonal and a
 * right-hand geography shared by several rows shows as a vertical run. Rows with no overlap come last.
 */
export function layoutMatrix(report: Report, rows: readonly ReportRow[]): MatrixLayout {
  const usualVerdict = usualVerdictOf(report);
  const columns = new Map<string, MatrixColumn>();
  for (const row of [...rows].sort((a, b) => a.geography.code.localeCompare(b.geography.code))) {
    const highlighted = isHighlighted(row, usualVerdict);
    for (const overlap of row.overlaps) {
      let column = columns.get(overlap.right.code);
      if (column === undefined) {
        column = {
          code: overlap.right.code,
          name: overlap.right.name,
          lessCertain: evidenceOf(overlap.right) === "RECONSTRUCTED",
          rowCount: 0,
          partial: false,
          highlighted: false,
        };
        columns.set(column.code, column);
      }
      column.rowCount += 1;
      if (overlap.relation === "PARTIAL") column.partial = true;
      // A column stands out when it holds a highlighted row or cuts across it; a row made of whole columns (UNION) stands out on its own.
      if (highlighted && (overlap.relation === "LEFT_WITHIN_RIGHT" || overlap.relation === "PARTIAL")) {
        column.highlighted = true;
      }
    }
  }
  const ordered = [...columns.values()];
  const columnIndex = new Map(ordered.map((column, index) => [column.code, index]));
  const mainColumn = (row: ReportRow): number => {
    const first = row.overlaps[0];
    return first === undefined ? ordered.length : (columnIndex.get(first.right.code) ?? ordered.length);
  };
  const sortedRows = [...rows].sort(
    (a, b) => mainColumn(a) - mainColumn(b) || a.geography.code.localeCompare(b.geography.code),
  );
  return { rows: sortedRows, columns: ordered, columnIndex, usualVerdict };
}

/** Whether the row's own geography is reconstructed from documents. */
export function rowLessCertain(row: ReportRow): boolean {
  return evidenceOf(row.geography) === "RECONSTRUCTED";
}
