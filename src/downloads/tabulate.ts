/** One row of a download: column name → cell value. */
export type Row = Record<string, string | number | boolean | null>;

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The scalar leaves of an object (nested objects flattened with `_`); lists of scalars joined with "; ". */
function scalars(value: Record<string, unknown>, prefix: string, skip: string | undefined): Row {
  const row: Row = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === skip || key === "__typename") continue;
    const name = `${prefix}${snake(key)}`;
    if (
      child === null ||
      typeof child === "string" ||
      typeof child === "number" ||
      typeof child === "boolean"
    ) {
      row[name] = child;
    } else if (isObject(child)) {
      Object.assign(row, scalars(child, `${name}_`, undefined));
    } else if (Array.isArray(child) && child.every((item) => !isObject(item) && !Array.isArray(item))) {
      row[name] = child.map(String).join("; ");
    }
    // Lists of objects off the row path are left out: they are not part of this table.
  }
  return row;
}

/**
 * Flattens an operation's data into rows along `path` (e.g. coterminosity.geographies.overlaps):
 * one row per item of the deepest list, each carrying its ancestors' scalars. A list item's
 * columns are prefixed by the list's name, except the outermost list's; an empty list still gives
 * its parent one row, with that list's columns empty.
 */
export function tabulate(data: unknown, path: readonly string[]): Row[] {
  const walk = (value: unknown, rest: readonly string[], prefix: string, inList: boolean): Row[] => {
    if (!isObject(value)) return [];
    const [head, ...tail] = rest;
    const own = scalars(value, prefix, head);
    if (head === undefined) return [own];
    const child = value[head];
    if (Array.isArray(child)) {
      if (child.length === 0) return [own];
      const childPrefix = inList ? `${prefix}${snake(head)}_` : prefix;
      return child.flatMap((item) => walk(item, tail, childPrefix, true).map((row) => ({ ...own, ...row })));
    }
    if (isObject(child)) return walk(child, tail, prefix, inList).map((row) => ({ ...own, ...row }));
    return [own];
  };
  return walk(data, path, "", false);
}

/** Rows reduced to `columns` (renamed, in that order), or all columns in first-seen order. */
export function selectColumns(
  rows: readonly Row[],
  columns: readonly { name: string; from: string }[] | null,
): { header: string[]; rows: Row[] } {
  if (columns === null) {
    const header: string[] = [];
    for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
    return { header, rows: [...rows] };
  }
  return {
    header: columns.map((c) => c.name),
    rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, row[c.from] ?? null]))),
  };
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A text cell a spreadsheet would read as a formula is shown as text instead.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads curly quotes and dashes), CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly Row[]): string {
  const lines = [
    header.map(csvCell).join(","),
    ...rows.map((row) => header.map((name) => csvCell(row[name])).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
