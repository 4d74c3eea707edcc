import type { CsvCell } from "./formatCsv.js";
import type { SeedContent } from "./seedRows.js";
import { SEED_FORMAT } from "../seedFormat.js";
import { formatSourceRefs } from "./sourceRef.js";

/** One output file: its name, header and cells. */
export interface SeedFile {
  name: string;
  header: readonly string[];
  rows: CsvCell[][];
}

/** The seed's CSV files, in the order the README describes them. */
export function seedFiles(seed: SeedContent): SeedFile[] {
  return [
    {
      name: SEED_FORMAT.sources.file,
      header: SEED_FORMAT.sources.columns,
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
      name: SEED_FORMAT.areas.file,
      header: SEED_FORMAT.areas.columns,
      rows: seed.areas.map((a) => [a.code, a.name, formatSourceRefs(a.refs)]),
    },
    {
      name: SEED_FORMAT.organisations.file,
      header: SEED_FORMAT.organisations.columns,
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
      name: SEED_FORMAT.footprints.file,
      header: SEED_FORMAT.footprints.columns,
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
      name: SEED_FORMAT.memberships.file,
      header: SEED_FORMAT.memberships.columns,
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
      name: SEED_FORMAT.areaMemberships.file,
      header: SEED_FORMAT.areaMemberships.columns,
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
      name: SEED_FORMAT.leaders.file,
      header: SEED_FORMAT.leaders.columns,
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
      name: SEED_FORMAT.statusHistory.file,
      header: SEED_FORMAT.statusHistory.columns,
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
