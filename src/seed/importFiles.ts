import type { DerivedSeed } from "./loadSeed.js";
import {
  dayJobRows,
  datasetRow,
  footprintRows,
  groundRows,
  groupCoverageRows,
  leadershipRows,
  organisationRows,
  personRows,
  statusChangeRows,
} from "./loadRows.js";
import type { Seed } from "./seedTypes.js";

/**
 * The files of a bulk import (`neo4j-admin database import full`) that build the same graph as the
 * transactional load: the same labels, relationship types, properties and property types as
 * seedStore's statements write from the same rows (loadRows). A test loads the real seed both ways
 * and compares the two graphs property by property.
 */

/** A cell: null leaves the property out; a list is written with ARRAY_DELIMITER between items. */
type Cell = string | number | boolean | null | readonly (string | number)[];

/** One column: its header as the import tool reads it (`name:type`, `:ID(group)`, `:LABEL`…) and its value. */
interface Column<Row> {
  header: string;
  value: (row: Row) => Cell;
}

/** One file of nodes or relationships. */
export interface ImportFile {
  name: string;
  kind: "nodes" | "relationships";
  /** The CSV text: a header line, then one line per node or relationship. */
  text: string;
  rows: number;
}

/** The delimiter of list items in a cell, as the import tool is told (its default). */
export const ARRAY_DELIMITER = ";";

/** Node labels of organisations that cover ground, as MERGE_ORGANISATIONS sets them. */
const GEOGRAPHY_ORGANISATION_KINDS: ReadonlySet<string> = new Set(["CCG", "LOCAL_AUTHORITY", "REGION"]);

/** Where seedStore stores an open end in a list of dates (lists cannot hold null). */
const OPEN_END_DATE = "9999-12-31";

function cellText(fileName: string, header: string, cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell))
      throw new Error(`${fileName}, column ${header}: ${cell} is not a finite number`);
    return String(cell);
  }
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "string") return quoted(cell);
  return quoted(
    cell
      .map((item) => {
        const text = String(item);
        if (text.includes(ARRAY_DELIMITER)) {
          throw new Error(
            `${fileName}, column ${header}: the list item ${JSON.stringify(text)} holds the list delimiter "${ARRAY_DELIMITER}"`,
          );
        }
        return text;
      })
      .join(ARRAY_DELIMITER),
  );
}

// Every text is quoted, so that an empty string stays a string and a missing value (unquoted) stays missing.
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function importFile<Row>(
  name: string,
  kind: ImportFile["kind"],
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): ImportFile {
  const lines = [columns.map((c) => c.header).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cellText(name, c.header, c.value(row))).join(","));
  return { name, kind, text: `${lines.join("\n")}\n`, rows: rows.length };
}

/** Every file of the import of `seed`, in the order the import tool takes them: nodes, then relationships. */
export function buildImportFiles(
  seed: Seed,
  derived: DerivedSeed,
  stamp: { loadId: number; loadedAt: string },
): ImportFile[] {
  const loadId = (): Cell => stamp.loadId;
  const dataset = datasetRow(seed, derived, stamp.loadedAt);
  return [
    importFile(
      "sources.csv",
      "nodes",
      [
        { header: "id:ID(Source)", value: (s) => s.id },
        { header: ":LABEL", value: () => "Source" },
        { header: "loadId:long", value: loadId },
        { header: "file", value: (s) => s.file },
        { header: "title", value: (s) => s.title },
        { header: "publisher", value: (s) => s.publisher },
        { header: "licence", value: (s) => s.licence },
        { header: "evidence", value: (s) => s.evidence },
        { header: "url", value: (s) => s.url },
        { header: "note", value: (s) => s.note },
      ],
      seed.sources,
    ),
    importFile(
      "areas.csv",
      "nodes",
      [
        { header: "code:ID(Area)", value: (a) => a.code },
        { header: ":LABEL", value: () => "Area" },
        { header: "name", value: (a) => a.name },
        { header: "source", value: (a) => a.source },
        { header: "loadId:long", value: loadId },
      ],
      seed.areas,
    ),
    importFile(
      "organisations.csv",
      "nodes",
      [
        { header: "code:ID(Entity)", value: (o) => o.code },
        {
          header: ":LABEL",
          value: (o) =>
            GEOGRAPHY_ORGANISATION_KINDS.has(o.kind)
              ? "Organisation;Entity;Geography"
              : "Organisation;Entity",
        },
        { header: "loadId:long", value: loadId },
        { header: "odsCode", value: (o) => o.odsCode },
        { header: "name", value: (o) => o.name },
        { header: "searchName", value: (o) => o.searchName },
        { header: "kind", value: (o) => o.kind },
        { header: "trustType", value: (o) => o.trustType },
        { header: "foundationTrust:boolean", value: (o) => o.foundationTrust },
        { header: "validFrom:date", value: (o) => o.validFrom },
        { header: "validTo:date", value: (o) => o.validTo },
        { header: "evidence", value: (o) => o.evidence },
        { header: "source", value: (o) => o.source },
        { header: "note", value: (o) => o.note },
      ],
      organisationRows(seed),
    ),
    importFile(
      "footprints.csv",
      "nodes",
      [
        { header: "code:ID(Entity)", value: (f) => f.code },
        { header: ":LABEL", value: () => "Footprint;Geography;Entity" },
        { header: "loadId:long", value: loadId },
        { header: "name", value: (f) => f.name },
        { header: "searchName", value: (f) => f.searchName },
        { header: "kind", value: (f) => f.kind },
        { header: "formerCodes:string[]", value: (f) => f.formerCodes },
        { header: "validFrom:date", value: (f) => f.validFrom },
        { header: "validTo:date", value: (f) => f.validTo },
        { header: "evidence", value: (f) => f.evidence },
        { header: "source", value: (f) => f.source },
        { header: "note", value: (f) => f.note },
      ],
      footprintRows(seed),
    ),
    importFile(
      "people.csv",
      "nodes",
      [
        { header: "id:ID(Person)", value: (p) => p.id },
        { header: ":LABEL", value: () => "Person" },
        { header: "loadId:long", value: loadId },
        { header: "name", value: (p) => p.name },
        { header: "searchName", value: (p) => p.searchName },
      ],
      personRows(seed),
    ),
    importFile(
      "status_changes.csv",
      "nodes",
      [
        { header: "id:ID(StatusChange)", value: (s) => s.id },
        { header: ":LABEL", value: () => "StatusChange" },
        { header: "loadId:long", value: loadId },
        { header: "status", value: (s) => s.status },
        { header: "system", value: (s) => s.systemName },
        { header: "wholeFootprint:boolean", value: (s) => s.wholeFootprint },
        { header: "validFrom", value: (s) => s.validFrom },
        { header: "announced", value: (s) => s.announced },
        { header: "effectiveFrom:date", value: (s) => s.effectiveFrom },
        { header: "sourceUrl", value: (s) => s.sourceUrl },
        { header: "quote", value: (s) => s.sourceQuote },
        { header: "note", value: (s) => s.note },
        { header: "source", value: (s) => s.source },
        { header: "line:long", value: (s) => s.line },
      ],
      statusChangeRows(seed),
    ),
    importFile(
      "area_groups.csv",
      "nodes",
      [
        { header: "id:ID(AreaGroup)", value: (g) => g.id },
        { header: ":LABEL", value: () => "AreaGroup" },
        { header: "size:long", value: (g) => g.areaCodes.length },
      ],
      derived.groups,
    ),
    importFile(
      "kind_coverage.csv",
      "nodes",
      [
        { header: ":LABEL", value: () => "KindCoverage" },
        { header: "kind", value: (k) => k.kind },
        { header: "validFrom:date[]", value: (k) => k.validFrom },
        { header: "validTo:date[]", value: (k) => k.validTo.map((d) => d ?? OPEN_END_DATE) },
      ],
      derived.kindCoverage,
    ),
    importFile(
      "dataset.csv",
      "nodes",
      [
        { header: ":LABEL", value: () => "Dataset" },
        { header: "key", value: () => "seed" },
        { header: "coversFrom:date", value: (d) => d.coversFrom },
        { header: "latestDate:date", value: (d) => d.latestDate },
        { header: "areaCount:long", value: (d) => d.areaCount },
        { header: "loadedAt", value: (d) => d.loadedAt },
        { header: "seedDir", value: (d) => d.seedDir },
      ],
      [dataset],
    ),
    importFile(
      "member_of.csv",
      "relationships",
      [
        { header: ":START_ID(Entity)", value: (m) => m.memberCode },
        { header: ":END_ID(Entity)", value: (m) => m.groupCode },
        { header: ":TYPE", value: () => "MEMBER_OF" },
        { header: "validFrom:date", value: (m) => m.validFrom },
        { header: "loadId:long", value: loadId },
        { header: "validTo:date", value: (m) => m.validTo },
        { header: "partial:boolean", value: (m) => m.partial },
        { header: "evidence", value: (m) => m.evidence },
        { header: "evidenceDetail", value: (m) => m.evidenceDetail },
        { header: "source", value: (m) => m.source },
        { header: "note", value: (m) => m.note },
      ],
      seed.memberships,
    ),
    importFile(
      "in.csv",
      "relationships",
      [
        { header: ":START_ID(Area)", value: (m) => m.areaCode },
        { header: ":END_ID(Entity)", value: (m) => m.geographyCode },
        { header: ":TYPE", value: () => "IN" },
        { header: "validFrom:date", value: (m) => m.validFrom },
        { header: "validTo:date", value: (m) => m.validTo },
        { header: "evidence", value: (m) => m.evidence },
        { header: "source", value: (m) => m.source },
        { header: "loadId:long", value: loadId },
      ],
      seed.areaMemberships,
    ),
    importFile(
      "leads.csv",
      "relationships",
      [
        { header: ":START_ID(Person)", value: (l) => l.personId },
        { header: ":END_ID(Entity)", value: (l) => l.footprintCode },
        { header: ":TYPE", value: () => "LEADS" },
        { header: "line:long", value: (l) => l.line },
        { header: "loadId:long", value: loadId },
        { header: "validFrom", value: (l) => l.validFrom },
        { header: "validTo", value: (l) => l.validTo },
        { header: "effectiveFrom:date", value: (l) => l.effectiveFrom },
        { header: "effectiveTo:date", value: (l) => l.effectiveTo },
        { header: "evidence", value: (l) => l.evidence },
        { header: "source", value: (l) => l.source },
        { header: "note", value: (l) => l.note },
        { header: "dayJobTitle", value: (l) => l.dayJobTitle },
        { header: "dayJobOrganisationName", value: (l) => l.dayJobOrgName },
      ],
      leadershipRows(seed),
    ),
    importFile(
      "works_at.csv",
      "relationships",
      [
        { header: ":START_ID(Person)", value: (d) => d.personId },
        { header: ":END_ID(Entity)", value: (d) => d.organisationCode },
        { header: ":TYPE", value: () => "WORKS_AT" },
        { header: "line:long", value: (d) => d.line },
        { header: "loadId:long", value: loadId },
        { header: "title", value: (d) => d.title },
        { header: "validFrom", value: (d) => d.validFrom },
        { header: "validTo", value: (d) => d.validTo },
        { header: "effectiveFrom:date", value: (d) => d.effectiveFrom },
        { header: "effectiveTo:date", value: (d) => d.effectiveTo },
        { header: "evidence", value: (d) => d.evidence },
        { header: "source", value: (d) => d.source },
      ],
      dayJobRows(seed),
    ),
    importFile(
      "had_status.csv",
      "relationships",
      [
        { header: ":START_ID(Entity)", value: (s) => s.footprintCode },
        { header: ":END_ID(StatusChange)", value: (s) => s.id },
        { header: ":TYPE", value: () => "HAD_STATUS" },
        { header: "loadId:long", value: loadId },
      ],
      seed.statusChanges,
    ),
    importFile(
      "in_group.csv",
      "relationships",
      [
        { header: ":START_ID(Area)", value: (m) => m.areaCode },
        { header: ":END_ID(AreaGroup)", value: (m) => m.groupId },
        { header: ":TYPE", value: () => "IN_GROUP" },
      ],
      derived.groups.flatMap((g) => g.areaCodes.map((areaCode) => ({ areaCode, groupId: g.id }))),
    ),
    importFile(
      "within.csv",
      "relationships",
      [
        { header: ":START_ID(AreaGroup)", value: (c) => c.groupId },
        { header: ":END_ID(Entity)", value: (c) => c.geographyCode },
        { header: ":TYPE", value: () => "WITHIN" },
        { header: "validFrom:date", value: (c) => c.validFrom },
        { header: "validTo:date", value: (c) => c.validTo },
        { header: "evidence", value: (c) => c.evidence },
      ],
      groupCoverageRows(derived),
    ),
    importFile(
      "shares.csv",
      "relationships",
      [
        { header: ":START_ID(Entity)", value: (p) => p.leftCode },
        { header: ":END_ID(Entity)", value: (p) => p.rightCode },
        { header: ":TYPE", value: () => "SHARES" },
        { header: "validFrom:date", value: (p) => p.validFrom },
        { header: "validTo:date", value: (p) => p.validTo },
        { header: "areas:long", value: (p) => p.areas },
        { header: "lessCertain:long", value: (p) => p.lessCertain },
      ],
      derived.sharedGround.pairs,
    ),
    importFile(
      "ground.csv",
      "relationships",
      [
        { header: ":START_ID(Entity)", value: (g) => g.code },
        { header: ":END_ID(Entity)", value: (g) => g.code },
        { header: ":TYPE", value: (g) => `GROUND_${g.kind}` },
        { header: "kind", value: (g) => g.kind },
        { header: "validFrom:date", value: (g) => g.validFrom },
        { header: "validTo:date", value: (g) => g.validTo },
        { header: "areas:long", value: (g) => g.areas },
        { header: "lessCertain:long", value: (g) => g.lessCertain },
        { header: "rightCodes:string[]", value: (g) => g.rightCodes },
        { header: "sharedAreas:long[]", value: (g) => g.sharedAreas },
        { header: "sharedLessCertain:long[]", value: (g) => g.sharedLessCertain },
        { header: "uncoveredAreas:long", value: (g) => g.uncoveredAreas },
        { header: "uncoveredLessCertain:long", value: (g) => g.uncoveredLessCertain },
      ],
      groundRows(derived),
    ),
  ];
}
