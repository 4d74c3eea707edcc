import { holdsOn } from "./isoDate.js";
import type { SeedContent } from "./seedRows.js";

/** The counts the build prints and the README tabulates. */
export interface SeedSummary {
  areas: number;
  ccgsOn: { day: string; count: number }[];
  stpsWithMembersOn: { day: string; count: number }[];
  trusts: number;
  localAuthorities: number;
  counties: number;
  regions: number;
  localOffices: number;
  stps: number;
  ldrs: number;
  ldrCcgs: number;
  leaders: number;
  statusRows: number;
}

/** The days at which CCG and STP counts are reported: June of each CCG vintage. */
export const SUMMARY_DAYS = ["2016-06-01", "2017-06-01", "2018-06-01", "2019-06-01", "2020-06-01"] as const;

/** Counts the seed's rows by kind, and CCGs and STPs with members on each summary day. */
export function summariseSeed(seed: SeedContent): SeedSummary {
  const kindCount = (kind: string) => seed.organisations.filter((o) => o.kind === kind).length;
  return {
    areas: seed.areas.length,
    ccgsOn: SUMMARY_DAYS.map((day) => ({
      day,
      count: seed.organisations.filter((o) => o.kind === "CCG" && holdsOn(o.validFrom, o.validTo, day))
        .length,
    })),
    stpsWithMembersOn: SUMMARY_DAYS.map((day) => ({
      day,
      count: new Set(
        seed.memberships
          .filter(
            (m) =>
              m.groupCode.startsWith("E54") &&
              m.memberCode.startsWith("E38") &&
              holdsOn(m.validFrom, m.validTo, day),
          )
          .map((m) => m.groupCode),
      ).size,
    })),
    trusts: kindCount("NHS_TRUST"),
    localAuthorities: kindCount("LOCAL_AUTHORITY"),
    counties: kindCount("COUNTY_COUNCIL"),
    regions: kindCount("REGION"),
    localOffices: kindCount("LOCAL_OFFICE"),
    stps: seed.footprints.filter((f) => f.kind === "STP").length,
    ldrs: seed.footprints.filter((f) => f.kind === "LDR").length,
    ldrCcgs: seed.memberships.filter((m) => m.groupCode.startsWith("LDR-")).length,
    leaders: seed.leaders.length,
    statusRows: seed.statusHistory.length,
  };
}
