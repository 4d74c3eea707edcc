import { describe, expect, it } from "vitest";
import { isIsoDate } from "../../src/graphql/dateArgument.js";

/** The calendar's own answer: the date the parts name, if JavaScript's Date gives the same parts back. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

describe("isIsoDate", () => {
  it("agrees with the calendar on every day number of every month from 1896 to 2104", () => {
    const disagreements: string[] = [];
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const expected = month >= 1 && month <= 12 && isCalendarDate(year, month, day);
          if (isIsoDate(text) !== expected) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("knows the leap years of the Gregorian calendar", () => {
    expect(isIsoDate("2016-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2017-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
  });

  it("refuses anything not written YYYY-MM-DD", () => {
    for (const text of [
      "2017-3-01",
      "2017-03-1",
      " 2017-03-01",
      "2017-03-01 ",
      "2017/03/01",
      "20170301",
      "2017-03-01T00:00",
      "",
      "+2017-03-01",
    ]) {
      expect(isIsoDate(text), text).toBe(false);
    }
  });
});
