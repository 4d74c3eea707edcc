import type { Verdict } from "../gql/graphql";
import { kindLabel } from "./labels";
import type { MatrixLayout, Report, ReportRow } from "./matrixLayout";

/** One thing the picture shows, in words; `codes` are the geographies it is about, first one to open. */
export interface Finding {
  key: string;
  verdict: Verdict;
  text: string;
  codes: string[];
}

function names(rows: readonly { name: string }[], limit = 6): string {
  const shown = rows.slice(0, limit).map((row) => row.name);
  const rest = rows.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** What stands out in a report: straddles, shared partners, unions, gaps and less certain data. */
export function describeFindings(report: Report, layout: MatrixLayout): Finding[] {
  const findings: Finding[] = [];
  const { usualVerdict } = layout;
  const left = report.left;
  const right = report.right;
  const rowsWith = (verdict: Verdict): ReportRow[] => layout.rows.filter((row) => row.verdict === verdict);

  const straddling = rowsWith("STRADDLES");
  if (straddling.length > 0) {
    findings.push({
      key: "straddles",
      verdict: "STRADDLES",
      text: `${straddling.length} ${kindLabel(left, straddling.length)} straddle ${kindLabel(right)} boundaries: ${names(straddling.map((row) => row.geography))}.`,
      codes: straddling.map((row) => row.geography.code),
    });
  }

  const unions = rowsWith("UNION");
  if (usualVerdict !== "UNION" && unions.length > 0) {
    const described = unions.map(
      (row) => `${row.geography.name} (${row.overlaps.length} ${kindLabel(right, row.overlaps.length)})`,
    );
    findings.push({
      key: "union",
      verdict: "UNION",
      text:
        unions.length === 1
          ? `${unions[0]?.geography.name ?? ""} is exactly ${unions[0]?.overlaps.length ?? 0} whole ${kindLabel(right, 2)}: ${names(unions[0]?.overlaps.map((overlap) => overlap.right) ?? [])}.`
          : `${unions.length} ${kindLabel(left, unions.length)} are each exactly several whole ${kindLabel(right, 2)}: ${names(described.map((name) => ({ name })))}.`,
      codes: unions.map((row) => row.geography.code),
    });
  }

  if (usualVerdict !== "NESTED") {
    const byPartner = new Map<string, ReportRow[]>();
    for (const row of rowsWith("NESTED")) {
      const partner = row.overlaps[0]?.right.code;
      if (partner !== undefined) byPartner.set(partner, [...(byPartner.get(partner) ?? []), row]);
    }
    const groups = [...byPartner].flatMap(([partner, rows]) => {
      const column = layout.columns[layout.columnIndex.get(partner) ?? -1];
      return column === undefined ? [] : [{ column, rows }];
    });
    if (groups.length <= 2) {
      for (const { column, rows } of groups) {
        const name = `${column.lessCertain ? "≈ " : ""}${column.name}`;
        findings.push({
          key: `nested-${column.code}`,
          verdict: "NESTED",
          text:
            rows.length > 1
              ? `${name} spans ${rows.length} ${kindLabel(left, rows.length)}: ${names(rows.map((row) => row.geography))} lie inside it.`
              : `${rows[0]?.geography.name ?? ""} lies inside ${name}, which is larger.`,
          codes: [column.code, ...rows.map((row) => row.geography.code)],
        });
      }
    } else {
      const count = groups.reduce((total, group) => total + group.rows.length, 0);
      const described = [...groups]
        .sort((a, b) => b.rows.length - a.rows.length)
        .map(({ column, rows }) => ({ name: `${column.name} (${rows.length})` }));
      findings.push({
        key: "nested",
        verdict: "NESTED",
        text: `${count} ${kindLabel(left, count)} lie wholly inside a larger ${kindLabel(right)}: ${names(described, 4)}.`,
        codes: groups.flatMap(({ rows }) => rows.map((row) => row.geography.code)),
      });
    }
  }

  const none = rowsWith("NONE");
  if (none.length > 0) {
    findings.push({
      key: "none",
      verdict: "NONE",
      text: `${none.length} ${kindLabel(left, none.length)} have no ${kindLabel(right)} on ${report.asOf}: a gap in the data (hatched), not a boundary.`,
      codes: none.map((row) => row.geography.code),
    });
  }

  const lessCertain = layout.columns.filter((column) => column.lessCertain);
  if (lessCertain.length > 0) {
    findings.push({
      key: "less-certain",
      verdict: "NONE",
      text: `≈ ${lessCertain.length} ${kindLabel(right, lessCertain.length)} are reconstructed from published documents (dashed, italic): less certain than official lookups.`,
      codes: [],
    });
  }
  // Straddles first, then what spans or joins several, then gaps and caveats.
  const rank = (finding: Finding): number =>
    finding.verdict === "STRADDLES"
      ? 0
      : finding.key.startsWith("nested-")
        ? 1
        : finding.verdict === "NONE"
          ? 4
          : 2;
  return findings.sort((a, b) => rank(a) - rank(b));
}
