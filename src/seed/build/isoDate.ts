import { SeedBuildError } from "./seedBuildError.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Converts an ODS `YYYYMMDD` date to `YYYY-MM-DD`; an empty cell gives null. */
export function odsDateToIso(value: string): string | null {
  if (value === "") return null;
  if (!/^\d{8}$/.test(value)) throw new SeedBuildError(`not an ODS date (YYYYMMDD): "${value}"`);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** The day after an ISO day, e.g. to turn an inclusive end date into an exclusive one. */
export function nextDay(isoDay: string): string {
  if (!ISO_DAY.test(isoDay)) throw new SeedBuildError(`not an ISO day: "${isoDay}"`);
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The first day of a `YYYY-MM` month: a month-only date takes effect on its first day. */
export function firstDayOfMonth(yearMonth: string): string {
  if (!/^\d{4}-\d{2}$/.test(yearMonth)) throw new SeedBuildError(`not a YYYY-MM month: "${yearMonth}"`);
  return `${yearMonth}-01`;
}

/** True when the value is YYYY, YYYY-MM or YYYY-MM-DD. */
export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value);
}

/** True when [validFrom, validTo) holds on the day; a null validTo is open-ended. */
export function holdsOn(validFrom: string, validTo: string | null, day: string): boolean {
  return validFrom <= day && (validTo === null || day < validTo);
}
