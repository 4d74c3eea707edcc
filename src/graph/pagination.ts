import type { PageModel } from "./models.js";

/** Opaque cursors: the sort key of a row, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The sort key inside a cursor, or null when the cursor is not one this API made. */
export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value)) {
      const key: unknown[] = value;
      if (key.every((v): v is string | number => typeof v === "string" || typeof v === "number")) return key;
    }
  } catch {
    // Falls through: not a cursor of ours.
  }
  return null;
}

/** A page of nodes whose cursors are made from each node's sort key, only when asked for. */
class KeyedPage<T> implements PageModel<T> {
  constructor(
    readonly nodes: T[],
    private readonly keyOf: (row: T) => readonly (string | number)[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    readonly totalCount: number | (() => Promise<number>),
  ) {}

  cursorAt(index: number): string {
    const row = this.nodes[index];
    return row === undefined ? "" : encodeCursor(this.keyOf(row));
  }
}

/** A page from rows fetched with one extra row (which only says that another page follows). */
export function toPage<T>(
  rows: readonly T[],
  first: number,
  hasPreviousPage: boolean,
  totalCount: number | (() => Promise<number>),
  keyOf: (row: T) => readonly (string | number)[],
): PageModel<T> {
  return new KeyedPage(rows.slice(0, first), keyOf, rows.length > first, hasPreviousPage, totalCount);
}

const noKey = (): readonly (string | number)[] => [];

/** A page with no nodes. */
export function emptyPage<T>(hasPreviousPage: boolean): PageModel<T> {
  return new KeyedPage<T>([], noKey, false, hasPreviousPage, 0);
}
