import type { CsvCell } from "./formatCsv.js";
import type { SeedContent } from "./seedRows.js";
import { formatSourceRefs } from "./sourceRef.js";

/** One output file: its name, header and cells. */
export interface SeedFile {
  name: string;
  header: string[];
  rows: CsvCell[][];
}

/** The seed's CSV files, in the order the README describes them. */
export function seedFiles(seed: SeedContent): SeedFile[] {
  return [
    {
      name: "sources.csv",
      header: ["id", "file", "title", "publisher", "licence", "evidence", "url", "note"],
      rows: seed.sources.map((s) => [
        s.id,
        s.file,
        s.title,
        s.publisher,
        s.licence,
        s.evidence,
        s.url,
        s.note,
      ]),
    },
    {
      name: "areas.csv",
      header: ["code", "name", "source"],
      rows: seed.areas.map((a) => [a.code, a.name, formatSourceRefs(a.refs)]),
    },
    {
      name: "organisations.csv",
      header: [
        "code",
        "ods_code",
        "name",
        "kind",
        "trust_type",
        "foundation_trust",
        "valid_from",
        "valid_to",
        "evidence",
        "source",
        "note",
      ],
      rows: seed.organisations.map((o) => [
        o.code,
        o.odsCode,
        o.name,
        o.kind,
        o.trustType,
        o.foundationTrust,
        o.validFrom,
        o.validTo,
        o.evidence,
        formatSourceRefs(o.refs),
        o.note,
      ]),
    },
    {
      name: "footprints.csv",
      header: [
        "code",
        "name",
        "kind",
        "former_codes",
        "valid_from",
        "valid_to",
        "evidence",
        "source",
        "note",
      ],
      rows: seed.footprints.map((f) => [
        f.code,
        f.name,
        f.kind,
        f.formerCodes.length > 0 ? f.formerCodes.join(" ") : null,
        f.validFrom,
        f.validTo,
        f.evidence,
        formatSourceRefs(f.refs),
        f.note,
      ]),
    },
    {
      name: "memberships.csv",
      header: [
        "member_code",
        "group_code",
        "valid_from",
        "valid_to",
        "partial",
        "evidence",
        "evidence_detail",
        "source",
        "note",
      ],
      rows: seed.memberships.map((m) => [
        m.memberCode,
        m.groupCode,
        m.validFrom,
        m.validTo,
        m.partial,
        m.evidence,
        m.evidenceDetail,
        formatSourceRefs(m.refs),
        m.note,
      ]),
    },
    {
      name: "area_memberships.csv",
      header: ["area_code", "geography_code", "valid_from", "valid_to", "evidence", "source"],
      rows: seed.areaMemberships.map((a) => [
        a.areaCode,
        a.geographyCode,
        a.validFrom,
        a.validTo,
        a.evidence,
        formatSourceRefs(a.refs),
      ]),
    },
    {
      name: "leaders.csv",
      header: [
        "person_id",
        "name",
        "footprint_code",
        "day_job_title",
        "day_job_org_code",
        "day_job_org_name",
        "valid_from",
        "valid_to",
        "evidence",
        "source",
        "note",
      ],
      rows: seed.leaders.map((l) => [
        l.personId,
        l.name,
        l.footprintCode,
        l.dayJobTitle,
        l.dayJobOrgCode,
        l.dayJobOrgName,
        l.validFrom,
        l.validTo,
        l.evidence,
        formatSourceRefs(l.refs),
        l.note,
      ]),
    },
    {
      name: "status_history.csv",
      header: [
        "footprint_code",
        "system_name",
        "whole_footprint",
        "status",
        "valid_from",
        "announced",
        "source_url",
        "source_quote",
        "note",
        "source",
      ],
      rows: seed.statusHistory.map((s) => [
        s.footprintCode,
        s.systemName,
        s.wholeFootprint,
        s.status,
        s.validFrom,
        s.announced,
        s.sourceUrl,
        s.sourceQuote,
        s.note,
        formatSourceRefs(s.refs),
      ]),
    },
  ];
}
