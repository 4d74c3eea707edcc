import path from "node:path";
import type { EvidenceLevel } from "../graph/models.js";
import { formatProblem, readCsvTable, type CsvRow, type SeedProblem } from "./csvTable.js";
import { SEED_FORMAT } from "./seedFormat.js";
import {
  FOOTPRINT_KINDS,
  ORGANISATION_KINDS,
  STATUSES,
  TRUST_TYPES,
  type FootprintKind,
  type OrganisationKind,
  type Seed,
  type SeedArea,
  type SeedAreaMembership,
  type SeedFootprint,
  type SeedLeader,
  type SeedMembership,
  type SeedOrganisation,
  type SeedSource,
  type SeedStatusChange,
  type SystemStatusValue,
} from "./seedTypes.js";

/** The file names of a seed directory. */
export const SEED_FILES = {
  sources: SEED_FORMAT.sources.file,
  areas: SEED_FORMAT.areas.file,
  organisations: SEED_FORMAT.organisations.file,
  footprints: SEED_FORMAT.footprints.file,
  memberships: SEED_FORMAT.memberships.file,
  areaMemberships: SEED_FORMAT.areaMemberships.file,
  leaders: SEED_FORMAT.leaders.file,
  statusHistory: SEED_FORMAT.statusHistory.file,
} as const;

/** The code pattern of each kind of entity. */
export const CODE_PATTERNS: Record<OrganisationKind | FootprintKind | "AREA", RegExp> = {
  AREA: /^E01\d{6}$/,
  CCG: /^E38\d{6}$/,
  NHS_TRUST: /^[A-Z0-9]{3,5}$/,
  LOCAL_AUTHORITY: /^E0[6-9]\d{6}$/,
  COUNTY_COUNCIL: /^E10\d{6}$/,
  REGION: /^E40\d{6}$/,
  LOCAL_OFFICE: /^E39\d{6}$/,
  STP: /^E54\d{6}$/,
  LDR: /^LDR-[A-Z0-9]+(-[A-Z0-9]+)*$/,
};

const EVIDENCE: Record<string, EvidenceLevel> = {
  published: "PUBLISHED",
  transcribed: "TRANSCRIBED",
  reconstructed: "RECONSTRUCTED",
  derived: "DERIVED",
};

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

// A seed repeats a few dozen dates over a hundred thousand rows: each is checked once.
const calendarDates = new Map<string, boolean>();

function isCalendarDate(value: string): boolean {
  let valid = calendarDates.get(value);
  if (valid === undefined) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    valid = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    if (calendarDates.size < 10_000) calendarDates.set(value, valid);
  }
  return valid;
}

/** The first day a date of any precision (YYYY, YYYY-MM, YYYY-MM-DD) stands for. */
export function firstDayOf(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** Validation of one seed file's rows, collecting every problem rather than stopping at the first. */
class RowChecker {
  constructor(
    private readonly file: string,
    private readonly problems: SeedProblem[],
  ) {}

  problem(row: CsvRow, column: string, message: string): void {
    this.problems.push({ file: this.file, line: row.line, column, message });
  }

  required(row: CsvRow, column: string): string {
    const value = row.get(column);
    if (value === "") this.problem(row, column, "is required but empty");
    return value;
  }

  optional(row: CsvRow, column: string): string | null {
    const value = row.get(column);
    return value === "" ? null : value;
  }

  pattern(row: CsvRow, column: string, pattern: RegExp, what: string): string {
    const value = this.required(row, column);
    if (value !== "" && !pattern.test(value)) {
      this.problem(
        row,
        column,
        `${JSON.stringify(value)} is not a valid ${what} (expected ${String(pattern)})`,
      );
    }
    return value;
  }

  oneOf<T extends string>(row: CsvRow, column: string, allowed: readonly T[]): T {
    const value = this.required(row, column);
    if (value !== "" && !(allowed as readonly string[]).includes(value)) {
      this.problem(row, column, `${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
    }
    return value as T;
  }

  evidence(row: CsvRow, column = "evidence"): EvidenceLevel {
    const value = this.required(row, column);
    const level = EVIDENCE[value];
    if (value !== "" && level === undefined) {
      this.problem(row, column, `${JSON.stringify(value)} is not one of ${Object.keys(EVIDENCE).join(", ")}`);
    }
    return level ?? "DERIVED";
  }

  boolean(row: CsvRow, column: string, optional = false): boolean | null {
    const value = row.get(column);
    if (value === "" && optional) return null;
    if (value === "true") return true;
    if (value === "false") return false;
    this.problem(row, column, `${JSON.stringify(value)} must be true or false`);
    return null;
  }

  date(row: CsvRow, column: string, options: { required: boolean; partial?: boolean }): string | null {
    const value = row.get(column);
    if (value === "") {
      if (options.required) this.problem(row, column, "is required but empty");
      return null;
    }
    const shape = options.partial === true ? PARTIAL_DATE : FULL_DATE;
    const full = firstDayOf(value);
    if (!shape.test(value) || !isCalendarDate(full)) {
      const expected = options.partial === true ? "YYYY, YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD";
      this.problem(row, column, `${JSON.stringify(value)} is not a date (${expected})`);
      return null;
    }
    return value;
  }

  interval(row: CsvRow, from: string | null, to: string | null): void {
    if (from !== null && to !== null && firstDayOf(from) >= firstDayOf(to)) {
      this.problem(row, "valid_to", `${to} is not after valid_from ${from}`);
    }
  }

  unique(row: CsvRow, column: string, key: string, seen: Map<string, number>): void {
    const first = seen.get(key);
    if (first !== undefined) this.problem(row, column, `${JSON.stringify(key)} duplicates line ${first}`);
    else seen.set(key, row.line);
  }

  sources(row: CsvRow, known: ReadonlySet<string>, column = "source"): string {
    const value = this.required(row, column);
    for (const reference of value.split(/\s+/).filter((part) => part !== "")) {
      const [id, line] = reference.split(":");
      if (id === undefined || !known.has(id)) {
        this.problem(row, column, `source ${JSON.stringify(id)} is not in ${SEED_FILES.sources}`);
      } else if (line !== undefined && !/^\d+$/.test(line)) {
        this.problem(row, column, `${JSON.stringify(reference)} must be sourceId or sourceId:row`);
      }
    }
    return value;
  }
}

/** The result of reading a seed: the validated seed, or every problem found in it. */
export type ReadSeedResult = { ok: true; seed: Seed } | { ok: false; problems: SeedProblem[] };

/** Reads a seed directory, or fails with every problem it has, one per line (file:line: field: what). */
export async function readValidSeed(dir: string): Promise<Seed> {
  const result = await readSeed(dir);
  if (!result.ok) throw new Error(`The seed is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.seed;
}

/**
 * Reads and validates every file of a seed directory before anything is written: code patterns,
 * references that must resolve, duplicate keys, dates, ordered intervals, and areas that would be
 * in two geographies of one kind on the same day. Returns all problems, not just the first.
 */
export async function readSeed(dir: string): Promise<ReadSeedResult> {
  const problems: SeedProblem[] = [];
  const table = (file: string, columns: readonly string[]) =>
    readCsvTable(path.join(dir, file), file, columns, problems);

  const [
    sourceTable,
    areaTable,
    organisationTable,
    footprintTable,
    membershipTable,
    areaMembershipTable,
    leaderTable,
    statusTable,
  ] = await Promise.all([
    table(SEED_FORMAT.sources.file, SEED_FORMAT.sources.columns),
    table(SEED_FORMAT.areas.file, SEED_FORMAT.areas.columns),
    table(SEED_FORMAT.organisations.file, SEED_FORMAT.organisations.columns),
    table(SEED_FORMAT.footprints.file, SEED_FORMAT.footprints.columns),
    table(SEED_FORMAT.memberships.file, SEED_FORMAT.memberships.columns),
    table(SEED_FORMAT.areaMemberships.file, SEED_FORMAT.areaMemberships.columns),
    table(SEED_FORMAT.leaders.file, SEED_FORMAT.leaders.columns),
    table(SEED_FORMAT.statusHistory.file, SEED_FORMAT.statusHistory.columns),
  ]);

  // sources.csv
  const sources: SeedSource[] = [];
  {
    const check = new RowChecker(sourceTable.file, problems);
    const seen = new Map<string, number>();
    for (const row of sourceTable.rows) {
      const id = check.pattern(row, "id", /^[a-z0-9]+(-[a-z0-9]+)*$/, "source id");
      check.unique(row, "id", id, seen);
      sources.push({
        id,
        file: check.required(row, "file"),
        title: check.required(row, "title"),
        publisher: check.optional(row, "publisher"),
        licence: check.optional(row, "licence"),
        evidence: check.evidence(row),
        url: check.optional(row, "url"),
        note: check.optional(row, "note"),
      });
    }
  }
  const sourceIds = new Set(sources.map((s) => s.id));

  // areas.csv
  const areas: SeedArea[] = [];
  const areaCodes = new Set<string>();
  {
    const check = new RowChecker(areaTable.file, problems);
    const seen = new Map<string, number>();
    for (const row of areaTable.rows) {
      const code = check.pattern(row, "code", CODE_PATTERNS.AREA, "LSOA (2011) code");
      check.unique(row, "code", code, seen);
      areaCodes.add(code);
      areas.push({ code, name: check.required(row, "name"), source: check.sources(row, sourceIds) });
    }
  }

  // organisations.csv and footprints.csv share one code space: a code names one entity.
  const kindByCode = new Map<string, OrganisationKind | FootprintKind>();
  const codeLines = new Map<string, number>();
  const organisations: SeedOrganisation[] = [];
  {
    const check = new RowChecker(organisationTable.file, problems);
    for (const row of organisationTable.rows) {
      const kind = check.oneOf(row, "kind", ORGANISATION_KINDS);
      const pattern = CODE_PATTERNS[kind] as RegExp | undefined;
      const code =
        pattern === undefined
          ? check.required(row, "code")
          : check.pattern(row, "code", pattern, `${kind} code`);
      check.unique(row, "code", code, codeLines);
      kindByCode.set(code, kind);
      const odsCode = check.optional(row, "ods_code");
      if (odsCode !== null && !/^[A-Z0-9]{3,5}$/.test(odsCode)) {
        check.problem(row, "ods_code", `${JSON.stringify(odsCode)} is not a valid ODS code`);
      }
      const trustType = check.optional(row, "trust_type");
      if (trustType !== null && !(TRUST_TYPES as readonly string[]).includes(trustType)) {
        check.problem(
          row,
          "trust_type",
          `${JSON.stringify(trustType)} is not one of ${TRUST_TYPES.join(", ")}`,
        );
      }
      const validFrom = check.date(row, "valid_from", { required: false });
      const validTo = check.date(row, "valid_to", { required: false });
      check.interval(row, validFrom, validTo);
      organisations.push({
        code,
        odsCode,
        name: check.required(row, "name"),
        kind,
        trustType,
        foundationTrust: check.boolean(row, "foundation_trust", true),
        validFrom,
        validTo,
        evidence: check.evidence(row),
        source: check.sources(row, sourceIds),
        note: check.optional(row, "note"),
      });
    }
  }
  const footprints: SeedFootprint[] = [];
  {
    const check = new RowChecker(footprintTable.file, problems);
    for (const row of footprintTable.rows) {
      const kind = check.oneOf(row, "kind", FOOTPRINT_KINDS);
      const pattern = CODE_PATTERNS[kind] as RegExp | undefined;
      const code =
        pattern === undefined
          ? check.required(row, "code")
          : check.pattern(row, "code", pattern, `${kind} code`);
      check.unique(row, "code", code, codeLines);
      kindByCode.set(code, kind);
      const formerCodes = row
        .get("former_codes")
        .split(/\s+/)
        .filter((c) => c !== "");
      for (const former of formerCodes) {
        if (!CODE_PATTERNS.STP.test(former) && !CODE_PATTERNS.LDR.test(former)) {
          check.problem(row, "former_codes", `${JSON.stringify(former)} is not a footprint code`);
        }
      }
      const validFrom = check.date(row, "valid_from", { required: false });
      const validTo = check.date(row, "valid_to", { required: false });
      check.interval(row, validFrom, validTo);
      footprints.push({
        code,
        name: check.required(row, "name"),
        kind,
        formerCodes,
        validFrom,
        validTo,
        evidence: check.evidence(row),
        source: check.sources(row, sourceIds),
        note: check.optional(row, "note"),
      });
    }
  }

  // memberships.csv
  const memberships: SeedMembership[] = [];
  {
    const check = new RowChecker(membershipTable.file, problems);
    const seen = new Map<string, number>();
    for (const row of membershipTable.rows) {
      const memberCode = check.required(row, "member_code");
      const groupCode = check.required(row, "group_code");
      if (memberCode !== "" && !kindByCode.has(memberCode)) {
        check.problem(
          row,
          "member_code",
          `${JSON.stringify(memberCode)} is not in ${SEED_FILES.organisations} or ${SEED_FILES.footprints}`,
        );
      }
      if (groupCode !== "" && !kindByCode.has(groupCode)) {
        check.problem(
          row,
          "group_code",
          `${JSON.stringify(groupCode)} is not in ${SEED_FILES.organisations} or ${SEED_FILES.footprints}`,
        );
      }
      if (memberCode !== "" && memberCode === groupCode)
        check.problem(row, "group_code", "a geography cannot be a member of itself");
      const validFrom = check.date(row, "valid_from", { required: true }) ?? "";
      const validTo = check.date(row, "valid_to", { required: false });
      check.interval(row, validFrom, validTo);
      check.unique(row, "valid_from", `${memberCode} in ${groupCode} from ${validFrom}`, seen);
      memberships.push({
        memberCode,
        groupCode,
        validFrom,
        validTo,
        partial: check.boolean(row, "partial") ?? false,
        evidence: check.evidence(row),
        evidenceDetail: check.optional(row, "evidence_detail"),
        source: check.sources(row, sourceIds),
        note: check.optional(row, "note"),
      });
    }
  }

  // area_memberships.csv: an area is in at most one geography of each kind on any day.
  const areaMemberships: SeedAreaMembership[] = [];
  {
    const check = new RowChecker(areaMembershipTable.file, problems);
    const byAreaAndKind = new Map<string, { from: string; to: string; line: number; geography: string }[]>();
    for (const row of areaMembershipTable.rows) {
      const areaCode = check.pattern(row, "area_code", CODE_PATTERNS.AREA, "LSOA (2011) code");
      if (areaCode !== "" && CODE_PATTERNS.AREA.test(areaCode) && !areaCodes.has(areaCode)) {
        check.problem(row, "area_code", `${JSON.stringify(areaCode)} is not in ${SEED_FILES.areas}`);
      }
      const geographyCode = check.required(row, "geography_code");
      const kind = kindByCode.get(geographyCode);
      if (geographyCode !== "" && kind === undefined) {
        check.problem(
          row,
          "geography_code",
          `${JSON.stringify(geographyCode)} is not in ${SEED_FILES.organisations} or ${SEED_FILES.footprints}`,
        );
      } else if (kind !== undefined && !["CCG", "LOCAL_AUTHORITY", "REGION", "STP", "LDR"].includes(kind)) {
        check.problem(row, "geography_code", `${geographyCode} is a ${kind}, which does not cover areas`);
      }
      const validFrom = check.date(row, "valid_from", { required: true }) ?? "";
      const validTo = check.date(row, "valid_to", { required: false });
      check.interval(row, validFrom, validTo);
      if (kind !== undefined && validFrom !== "") {
        const key = `${areaCode} ${kind}`;
        const spans = byAreaAndKind.get(key) ?? [];
        const to = validTo ?? "9999-12-31";
        const clash = spans.find((s) => s.from < to && validFrom < s.to);
        if (clash !== undefined) {
          check.problem(
            row,
            "valid_from",
            `${areaCode} is already in ${kind} ${clash.geography} over part of this interval (line ${clash.line})`,
          );
        }
        spans.push({ from: validFrom, to, line: row.line, geography: geographyCode });
        byAreaAndKind.set(key, spans);
      }
      areaMemberships.push({
        areaCode,
        geographyCode,
        validFrom,
        validTo,
        evidence: check.evidence(row),
        source: check.sources(row, sourceIds),
      });
    }
  }

  // leaders.csv
  const leaders: SeedLeader[] = [];
  {
    const check = new RowChecker(leaderTable.file, problems);
    const nameById = new Map<string, string>();
    for (const row of leaderTable.rows) {
      const personId = check.pattern(row, "person_id", /^[a-z0-9]+(-[a-z0-9]+)*$/, "person id");
      const name = check.required(row, "name");
      const footprintCode = check.required(row, "footprint_code");
      if (footprintCode !== "" && !["STP", "LDR"].includes(kindByCode.get(footprintCode) ?? "")) {
        check.problem(
          row,
          "footprint_code",
          `${JSON.stringify(footprintCode)} is not in ${SEED_FILES.footprints}`,
        );
      }
      const dayJobOrgCode = check.optional(row, "day_job_org_code");
      if (dayJobOrgCode !== null && !kindByCode.has(dayJobOrgCode)) {
        check.problem(
          row,
          "day_job_org_code",
          `${JSON.stringify(dayJobOrgCode)} is not in ${SEED_FILES.organisations}`,
        );
      }
      const validFrom = check.date(row, "valid_from", { required: false, partial: true });
      const validTo = check.date(row, "valid_to", { required: false, partial: true });
      check.interval(row, validFrom, validTo);
      leaders.push({
        personId,
        name,
        footprintCode,
        dayJobTitle: check.optional(row, "day_job_title"),
        dayJobOrgCode,
        dayJobOrgName: check.optional(row, "day_job_org_name"),
        validFrom,
        validTo,
        evidence: check.evidence(row),
        source: check.sources(row, sourceIds),
        note: check.optional(row, "note"),
        line: row.line,
      });
      nameById.set(personId, nameById.get(personId) ?? name);
    }
  }

  // status_history.csv
  const statusChanges: SeedStatusChange[] = [];
  {
    const check = new RowChecker(statusTable.file, problems);
    for (const row of statusTable.rows) {
      const footprintCode = check.pattern(row, "footprint_code", CODE_PATTERNS.STP, "STP code");
      if (footprintCode !== "" && kindByCode.get(footprintCode) !== "STP") {
        check.problem(
          row,
          "footprint_code",
          `${JSON.stringify(footprintCode)} is not an STP in ${SEED_FILES.footprints}`,
        );
      }
      const validFrom = check.date(row, "valid_from", { required: false, partial: true });
      const announced = check.date(row, "announced", { required: false, partial: true });
      statusChanges.push({
        id: `${footprintCode}:${row.line}`,
        footprintCode,
        systemName: check.required(row, "system_name"),
        wholeFootprint: check.boolean(row, "whole_footprint") ?? true,
        status: check.oneOf<SystemStatusValue>(row, "status", STATUSES),
        validFrom,
        announced,
        sourceUrl: check.required(row, "source_url"),
        sourceQuote: check.optional(row, "source_quote"),
        note: check.optional(row, "note"),
        source: check.sources(row, sourceIds),
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    seed: {
      dir,
      sources,
      areas,
      organisations,
      footprints,
      memberships,
      areaMemberships,
      leaders,
      statusChanges,
    },
  };
}
