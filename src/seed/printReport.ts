import type { WriteCounts } from "../graph/seedStore.js";
import type { SeedReport } from "./seedReport.js";

/** The load report as text: counts per step, orphans and data-quality warnings (lists shortened). */
export function formatReport(
  report: SeedReport,
  counts: Map<string, WriteCounts> | null,
  seconds: number | null,
): string {
  const lines: string[] = [];
  lines.push("Seed rows:");
  for (const [file, rows] of Object.entries(report.rows))
    lines.push(`  ${file.padEnd(18)} ${String(rows).padStart(7)}`);
  lines.push(`  area groups (derived) ${String(report.areaGroups).padStart(4)}`);
  if (counts !== null) {
    lines.push(
      "Written (rows, nodes created, relationships created; the rest were already there and were updated):",
    );
    for (const [step, c] of counts) {
      lines.push(
        `  ${step.padEnd(24)} rows ${String(c.rows).padStart(7)}  nodes +${c.nodesCreated}${c.nodesDeleted > 0 ? ` -${c.nodesDeleted}` : ""}  relationships +${c.relationshipsCreated}${c.relationshipsDeleted > 0 ? ` -${c.relationshipsDeleted}` : ""}  ${(c.milliseconds / 1000).toFixed(1)} s`,
      );
    }
  }
  const section = (title: string, items: SeedReport["warnings"]) => {
    lines.push(`${title}: ${items.length === 0 ? "none" : ""}`);
    for (const warning of items) {
      lines.push(`  [${warning.kind}] ${warning.message}: ${warning.items.length}`);
      for (const item of warning.items.slice(0, 8)) lines.push(`      ${item}`);
      if (warning.items.length > 8) lines.push(`      … and ${warning.items.length - 8} more`);
    }
  };
  section("Orphans", report.orphans);
  section("Data-quality warnings and gaps", report.warnings);
  if (seconds !== null) lines.push(`Loaded in ${seconds.toFixed(1)} s.`);
  return lines.join("\n");
}
