/** A cell before formatting: null is written as an empty cell, booleans as true/false. */
export type CsvCell = string | boolean | null;

function formatCell(cell: CsvCell): string {
  if (cell === null) return "";
  const text = typeof cell === "boolean" ? String(cell) : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats a header and rows as RFC 4180 CSV with `\n` line ends and a final newline (no BOM). */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => {
    if (row.length !== header.length) throw new Error(`row has ${row.length} cells, header ${header.length}`);
    return row.map(formatCell).join(",");
  });
  return `${lines.join("\n")}\n`;
}
