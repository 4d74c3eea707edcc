import { addDays } from "../analysis/classifyOverlaps.js";
import type { Context } from "../context.js";
import { badUserInput } from "../errors.js";
import type { EntityModel } from "../graph/models.js";
import { decodeCursor } from "../graph/pagination.js";
import { toSearchName } from "../graph/searchName.js";

/** `first`, checked: from 0 to the server's maximum page size (MAX_PAGE_SIZE). */
export function pageSize(first: number | null | undefined, maxPageSize: number, argument = "first"): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0) throw badUserInput(argument, `must be 0 or more; got ${size}`);
  if (size > maxPageSize)
    throw badUserInput(
      argument,
      `must be at most ${maxPageSize} (the server's maximum page size); got ${size}`,
    );
  return size;
}

/** `after`, checked: a cursor this API made, or null. */
export function cursor(after: string | null | undefined, argument = "after"): string | null {
  if (after === null || after === undefined) return null;
  if (decodeCursor(after) === null)
    throw badUserInput(argument, "is not a cursor from this API; pass a previous page's endCursor");
  return after;
}

/** The decoded first element of a code-ordered cursor. */
export function codeAfter(after: string | null): string | null {
  if (after === null) return null;
  const key = decodeCursor(after);
  return key === null ? null : String(key[0]);
}

const CODE = /^(E\d{8}|[A-Z0-9]{3,5}|LDR-[A-Z0-9]+(-[A-Z0-9]+)*)$/;

/** A code as given, upper-cased and checked against the shapes of ONS, ODS and LDR codes. */
export function entityCode(code: string, argument = "code"): string {
  const normalised = code.trim().toUpperCase();
  if (!CODE.test(normalised)) {
    throw badUserInput(
      argument,
      `${JSON.stringify(code)} is not an ONS code (E + 8 digits), an ODS code (3 to 5 letters and digits) or an LDR code (LDR-…)`,
    );
  }
  return normalised;
}

/** An LSOA code, checked. */
export function areaCode(code: string, argument = "code"): string {
  const normalised = code.trim().toUpperCase();
  if (!/^E01\d{6}$/.test(normalised))
    throw badUserInput(argument, `${JSON.stringify(code)} is not an LSOA (2011) code (E01 + 6 digits)`);
  return normalised;
}

/**
 * The date a dated field answers for: its own `asOf`, else the date its parent was looked up at,
 * else the last day the parent existed (when it has ended), else the latest date the data covers.
 */
export async function resolveAsOf(
  asOf: string | null | undefined,
  parent: Pick<EntityModel, "asOf" | "validTo"> | null,
  context: Context,
): Promise<string> {
  if (asOf !== null && asOf !== undefined) return asOf;
  if (parent?.asOf !== null && parent?.asOf !== undefined) return parent.asOf;
  const latest = await context.defaultAsOf();
  if (parent?.validTo !== null && parent?.validTo !== undefined) {
    const lastDay = addDays(parent.validTo, -1);
    return lastDay < latest ? lastDay : latest;
  }
  return latest;
}

/** An argument's value, or its default when a client passed an explicit null (which overrides the schema default). */
export function withDefault<T>(value: T | null | undefined, fallback: T): T {
  return value ?? fallback;
}

/** A name filter in search form, or null; refused when nothing searchable is left of it. */
export function nameFilter(value: string | null | undefined, argument: string): string | null {
  if (value === null || value === undefined) return null;
  const searchName = toSearchName(value);
  if (searchName === "") throw badUserInput(argument, "must contain a letter or a digit");
  return searchName;
}

/** An optional code argument, checked, or null. */
export function optionalCode(value: string | null | undefined, argument: string): string | null {
  return value === null || value === undefined ? null : entityCode(value, argument);
}
