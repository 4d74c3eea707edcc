import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { holdsOn } from "./isoDate.js";
import type { SeedContent, SeedFinding } from "./seedRows.js";
import { SEED_BUILD_SOURCE_ID } from "./sourceCatalogue.js";
import type { SeedSummary } from "./summariseSeed.js";

/** A written file's name, row count and size, for the counts table. */
export interface FileStat {
  name: string;
  rows: number;
  bytes: number;
}

// The repository's Prettier options apply wherever the seed is written, so the README is formatted the same.
const PRETTIER_CONFIG_PATH = fileURLToPath(new URL("../../../seed/README.md", import.meta.url));

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) =>
    `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function count<T>(rows: readonly T[], keep: (row: T) => boolean): number {
  return rows.filter(keep).length;
}

const GAP_TOPICS_BEFORE = [
  "LDR footprints",
  "CCGs with no sourced LDR, by STP",
  "STP leads",
  "Day-job organisations not resolved to a code",
  "Leader dates",
  "Trusts without a type",
  "Trust → STP",
  "Status history",
  "Area placement",
  "Footprint codes",
];

const STATIC_GAPS: readonly SeedFinding[] = [
  {
    topic: "LDR footprints",
    text: "Rows carry the earliest LDR footprint found (mostly June-October 2016, the 73-footprint stage; Greater Manchester and HRW/South Tees are October 2015 footprint-stage evidence). Which of them merged into the 65 footprints of autumn 2016 is not known.",
  },
  {
    topic: "STP leads",
    text: "The Hertfordshire and West Essex lead from March to August 2016 is not sourced (HSJ says Deborah Fielding was the third leader in two years). Later leads (Greater Manchester and Birmingham and Solihull in 2017; Lincolnshire and BNSSG by 2018) are mentioned in notes only, without sourced dates.",
  },
  {
    topic: "Status history",
    text: "The Birmingham and Solihull and the Hampshire and the Isle of Wight ICS rows have no sourced announcement date. No source dates the first-wave shadow ICSs becoming full ICSs. The statutory ICSs of 1 July 2022 are outside the period.",
  },
  {
    topic: "Trust → STP",
    text: "Column 4 of the 2025 ODS snapshot places open trusts in their integrated care board of about 2025; that is not a 2016/17 fact and is not used.",
  },
  {
    topic: "Regions",
    text: "No region or local-office lookup exists outside April 2017: CCG → local office, CCG → region and local office → region hold for [2017-04-01, 2018-04-01) only, so the April 2016, 2018, 2019 and 2020 CCGs have no region.",
  },
  {
    topic: "Local authorities",
    text: "No LSOA → LAD lookup after April 2018: LSOA → LAD memberships end on 2019-04-01, and any LAD change after April 2018 is not recorded (LAD rows stay open-ended as far as the data knows).",
  },
  {
    topic: "Local authorities",
    text: "Upper tier: only E07 districts → E10 shire counties (December 2016 and December 2017 lookups). E06, E08 and E09 councils are their own upper tier; E11 metropolitan counties and E13 Inner/Outer London are not councils and are not in the seed.",
  },
  {
    topic: "Area placement",
    text: "No LSOA-level lookup for April 2019 or April 2020 is in the sources: those LSOA → CCG placements are derived from the CCG mergers. ODS records organisations, not boundaries, so a boundary move without a merger would be missed (ONS notes say the STP boundaries did not change in 2019).",
  },
  {
    topic: "CCG → STP before February 2017",
    text: "The April 2016 CCG → STP lookup carries the February 2017 STP codes and borders. Only the North Durham move of December 2016 is modelled (from the published figures); the Cumbria border before February 2017 is not in the sources.",
  },
  {
    topic: "Not in the sources",
    text: "Commissioning Support Units and the CCGs they served; CCG population estimates; the official LDR footprint list; an LDR or STP lead list from NHS England.",
  },
  {
    topic: "Not used",
    text: "ons_ccg17_stp17_cancer_alliance17_lookup_apr2017_v3.csv (CCG → Cancer Alliance, April 2017) is stored but not used: Cancer Alliances are not a footprint kind of this seed.",
  },
];

const STATIC_CONFLICTS: readonly SeedFinding[] = [
  {
    topic: "CCG → STP",
    text: "North Durham CCG (E38000116): the April 2016 lookup lists it in E54000046 for the whole of 2016/17; the published figures say it moved from E54000003 (now E54000045) to E54000001 (now E54000046) in December 2016. The graph uses the figures: E54000045 to 2016-12-01, E54000046 from then (both rows transcribed).",
  },
  {
    topic: "LDR footprints",
    text: "NHS Cumbria CCG has no sourced LDR. It is split between E54000047 and E54000048, so any LDR it led would cross an STP boundary, which conflicts with NHS England's statement that only Peninsula does. The graph has no LDR row for it.",
  },
  {
    topic: "LDR footprints",
    text: "Peninsula spans Devon (E54000037) and Cornwall and the Isles of Scilly (E54000036): the one crossing NHS England reports. Possible crossings that no source establishes: an eighth CCG in the Hampshire and Isle of Wight roadmap (Digital Health News counts 8 CCGs, the STP has 7; the graph keeps 7), Bassetlaw with Connected Nottinghamshire, Sandwell and West Birmingham with a Birmingham LDR, a Berkshire-wide footprint across BOB and Frimley.",
  },
  {
    topic: "LDR footprints",
    text: "Warrington: a stand-alone 'Local Digital Roadmap for Warrington' vs the Merseyside roadmap whose local delivery system includes Warrington. The graph uses the stand-alone LDR, as the reconstruction does. Weak rows (Lancashire, Merseyside, Birmingham and Solihull, the North East London three) are inferred and flagged in their notes.",
  },
  {
    topic: "Trusts",
    text: "Close dates: the c. 2016 ODS snapshot has none for trusts that closed later; the graph uses the 2025 snapshot's.",
  },
  {
    topic: "Trusts",
    text: "RJD Mid Staffordshire: ODS has it open until 2017-10-31, ERIC has no row after 2013/14, so it has no type. ERIC labels R1J Gloucestershire Care Services 'CARE TRUST' though it provided community services; the graph keeps ERIC's label (CARE_TRUST).",
  },
  {
    topic: "Trust → STP",
    text: "The acute trust table names some STPs differently from ONS (e.g. 'Frimley' for Frimley Health; each such row's note gives the table's name). Its 'NHS England Region' column disagrees with the trusts' regions (e.g. County Durham and Darlington is labelled London) and is not used. RFS and RVR were named by two STPs and assigned to one; RLN, RR7, RTF and RE9 were named by none and assigned by main site (evidence_detail).",
  },
  {
    topic: "STP leads",
    text: "Nottinghamshire: HSJ names the director of adult social care at Nottinghamshire County Council; a Wikipedia mirror says Nottingham City Council. The graph keeps the county council (as stp_leads_2016_17.csv does), so day_job_org_code is the county's E10 code.",
  },
  {
    topic: "Status history",
    text: "The December 2020 wave took effect 'from December 2020' (NHS England) or 'from 1 April 2021' (other sources): each row keeps its own source's date. The June 2017 systems are 'accountable care systems' in June 2017 reports and 'shadow' ACSs later (rows use SHADOW_ACS). Other disagreements (totals after May 2020, the remaining count after December 2020, the first wave's launch date, Berkshire West and North Cumbria naming, the May 2018 Cumbria ICS coded E54000047 though by then inside E54000049) are listed in stp_status_history_2017_2021_notes.md.",
  },
];

function findingsSection(findings: readonly SeedFinding[], order: readonly string[]): string {
  const topics = [...new Set([...order, ...findings.map((f) => f.topic)])].filter((t) =>
    findings.some((f) => f.topic === t),
  );
  return topics
    .map(
      (topic) =>
        `### ${topic}\n\n${findings
          .filter((f) => f.topic === topic)
          .map((f) => `- ${f.text}`)
          .join("\n")}`,
    )
    .join("\n\n");
}

/** Renders seed/README.md from the built seed: files, columns, sources, counts, gaps and conflicts. */
export async function renderReadme(
  seed: SeedContent,
  summary: SeedSummary,
  files: readonly FileStat[],
): Promise<string> {
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  const orgKinds = [
    "CCG",
    "NHS_TRUST",
    "LOCAL_AUTHORITY",
    "COUNTY_COUNCIL",
    "REGION",
    "LOCAL_OFFICE",
  ] as const;
  const kindOf = new Map<string, string>([
    ...seed.organisations.map((o) => [o.code, o.kind] as const),
    ...seed.footprints.map((f) => [f.code, f.kind] as const),
  ]);
  const relationCounts = new Map<string, number>();
  for (const m of seed.memberships) {
    const key = `${kindOf.get(m.memberCode) ?? "?"} → ${kindOf.get(m.groupCode) ?? "?"}`;
    relationCounts.set(key, (relationCounts.get(key) ?? 0) + 1);
  }
  const areaKinds = new Map<string, number>();
  for (const a of seed.areaMemberships) {
    const key = `${kindOf.get(a.geographyCode) ?? "?"} ${a.evidence}`;
    areaKinds.set(key, (areaKinds.get(key) ?? 0) + 1);
  }
  const odsReuse = new Map<string, string[]>();
  for (const o of seed.organisations) {
    if (o.kind === "CCG" && o.odsCode !== null)
      odsReuse.set(o.odsCode, [...(odsReuse.get(o.odsCode) ?? []), o.code]);
  }
  const reused = [...odsReuse].filter(([, codes]) => codes.length > 1).sort(([a], [b]) => a.localeCompare(b));
  const stpsIn2016 = count(
    seed.footprints,
    (f) => f.kind === "STP" && holdsOn(f.validFrom, f.validTo, "2016-06-01"),
  );
  const assumedLdrs = seed.footprints
    .filter((f) => f.kind === "LDR" && /assumed|not confirmed/i.test(f.name))
    .map((f) => `${f.code} (${f.name})`);
  const gaps: SeedFinding[] = [
    {
      topic: "LDR footprints",
      text: "The first reconstruction pass left 118 CCGs without an LDR; the North, South and third passes placed 45 more. The count below is after all four files.",
    },
    ...seed.gaps,
    ...STATIC_GAPS,
    { topic: "LDR footprints", text: `LDR names assumed by the reconstruction: ${assumedLdrs.join("; ")}.` },
    {
      topic: "Organisation codes",
      text: `ODS codes are reused across CCG vintages, so ods_code is not unique: ${reused.map(([ods, codes]) => `${ods} (${codes.join(", ")})`).join("; ")}.`,
    },
  ];
  const leadersWithCode = count(seed.leaders, (l) => l.dayJobOrgCode !== null);
  const placedAreas = count(seed.areaMemberships, (a) => a.geographyCode.startsWith("E54"));
  const renamedTrusts = count(
    seed.organisations,
    (o) => o.kind === "NHS_TRUST" && (o.note ?? "").includes("the 2025 snapshot names it"),
  );
  const conflicts = [
    {
      topic: "Trusts",
      text: `Names: the c. 2016 and 2025 ODS snapshots name ${renamedTrusts} trusts differently; the graph uses the c. 2016 name and keeps the 2025 name in note.`,
    },
    ...STATIC_CONFLICTS,
    ...seed.conflicts,
  ];

  const text = `# Seed data

Generated by \`npm run seed:build\` from the raw public data in \`shared/data/raw/\` (see its \`PROVENANCE.md\`). The
loader (\`npm run seed\`) reads only this folder, so every file here says where each value came from and how far to
trust it. A rebuild regenerates every file, this README included, from the raw data; see
[Loading your own data](#loading-your-own-data) before editing by hand.

Nothing here is invented: what the sources lack is listed under [Gaps](#gaps), and where sources disagree both are
kept or cited and [Conflicts](#conflicts) says which one the graph uses.

## Counts

${table(
  ["file", "rows", "MB"],
  [
    ...files.map((f) => [`\`${f.name}\``, f.rows, mb(f.bytes)]),
    ["total", files.reduce((s, f) => s + f.rows, 0), mb(totalBytes)],
  ],
)}

${table(
  ["day", "CCGs valid", "STPs with CCG members"],
  summary.ccgsOn.map((c, i) => [c.day, c.count, summary.stpsWithMembersOn[i]?.count ?? 0]),
)}

${summary.areas} LSOA areas; ${summary.trusts} NHS trusts (active in FY2016/17); ${summary.localAuthorities} local
authorities; ${summary.counties} county councils; ${summary.regions} regions; ${summary.localOffices} local offices;
${summary.stps} STP codes (${stpsIn2016} in 2016/17); ${summary.ldrs} reconstructed LDR footprints holding
${summary.ldrCcgs} CCGs; ${summary.leaders} STP leads; ${summary.statusRows} status rows.

## Conventions

- CSV, UTF-8 without BOM, a header row, RFC 4180 quoting, \`\\n\` line ends. An empty cell is null. Booleans are
  \`true\`/\`false\`. Rows are sorted (see each file), so the same raw data always gives byte-identical files.
- Dates are ISO \`YYYY-MM-DD\`, except \`leaders.csv\` and \`status_history.csv\`, which keep the source's precision
  (\`YYYY\`, \`YYYY-MM\` or \`YYYY-MM-DD\`) and may be empty.
- Intervals are \`[valid_from, valid_to)\`: from inclusive, to exclusive. An empty \`valid_to\` means the fact still
  holds as far as the data knows. A month-only source date ("2016-12") takes effect on the 1st of the month.
- Each lookup vintage holds from its date (1 April of its year) until the next vintage; consecutive vintages that agree
  are merged into one row that cites every source row it came from.
- \`valid_from\` of a CCG, STP, local authority, county, region or local office is the first date the data covers it,
  not the date it was created. For trusts it is the ODS open date, and \`valid_to\` is the day after the ODS close
  date (ODS close dates are the last day open).
- \`evidence\` is one of \`published\` (official data stored unmodified), \`transcribed\` (typed by hand from web
  pages or compiled by hand), \`reconstructed\` (assembled from documents where no official list was found; partial),
  \`derived\` (computed by a stated rule). They are ordered from strongest to weakest in that order. On
  organisations and footprints it is the level of the source that establishes the code and name (details taken from a
  transcription, such as a former code, are cited in \`source\` and described in \`note\`). On a relationship it is the
  weakest level of the sources the row rests on: a row merged across vintages takes the weakest, so an LSOA → CCG row
  running from 2016 into 2019 or 2020 is \`derived\` even though its 2016-2018 part is published (its \`source\` shows
  which rows are which).
- \`source\` is a space-separated list of \`sourceId:row\` references into \`sources.csv\`, where row is the 1-based
  line number in the raw file: the header is line 1, so the first data row is 2. The two header-less ODS files
  (\`ods-etr-2025\`, \`ods-etr-2016\`) number their first data row 1. Values the build computes also cite
  \`${SEED_BUILD_SOURCE_ID}\` **without a row** (a bare id).
- \`areas.csv\` and \`status_history.csv\` have no \`evidence\` column (the format has none): their rows take the level
  of their single source, \`published\` and \`transcribed\`.

## Files

### sources.csv

One row per raw file used, plus \`${SEED_BUILD_SOURCE_ID}\` for values the build computes. ${seed.sources.length} rows, in
the order of \`PROVENANCE.md\`.

${table(
  ["column", "meaning"],
  [
    ["id", "short kebab-case id, cited by every `source` column"],
    ["file", "the raw file's name in `shared/data/raw/` (`src/seed/build` for the build itself)"],
    ["title", "the dataset's title as its publisher gives it, or what the transcription holds"],
    ["publisher", "who published or compiled it"],
    ["licence", "its licence (data licence, then the hosting repository's)"],
    ["evidence", "published, transcribed, reconstructed or derived"],
    [
      "url",
      "the original publisher's page or the commit-pinned repository file; empty where each row of the file has its own URL",
    ],
    ["note", "quirks and how the build uses it"],
  ],
)}

Licences: ONS lookups, NHS Digital ODS and ERIC data are under the Open Government Licence v3.0 ("Contains National
Statistics data © Crown copyright and database right"); the hosting repositories' licences (MIT, Apache-2.0, GPL-3.0 or
none) cover their code. Transcriptions and reconstructions hold facts (names, roles, dates) from public pages, with
quotes of at most 25 words. \`ons-lsoa-ccg17-lad17-v4\` and \`ods-successors\` are used to verify other files and are
not cited by data rows. Not used: the April 2017 CCG → Cancer Alliance lookup.

### areas.csv

The ${summary.areas} LSOA (2011) areas, sorted by code.

${table(
  ["column", "meaning"],
  [
    ["code", "LSOA 2011 code (E01…)"],
    ["name", "LSOA name, e.g. `Bradford 004A`"],
    [
      "source",
      "its row in `ons-lsoa-ccg16-lad16`; the April 2017 and 2018 lookups hold the same codes and names (checked)",
    ],
  ],
)}

Evidence: published (ONS, OGL v3.0).

### organisations.csv

${seed.organisations.length} rows, sorted by code: ${orgKinds.map((k) => `${count(seed.organisations, (o) => o.kind === k)} ${k}`).join(", ")}.

${table(
  ["column", "meaning"],
  [
    [
      "code",
      "ONS code for a CCG (E38), local authority (E06/E07/E08/E09), county council (E10), local office (E39) or region (E40); the ODS code for an NHS trust (R…)",
    ],
    [
      "ods_code",
      "the 3-character ODS code of a CCG, or the trust's ODS code; empty otherwise. Not unique across CCG vintages (see Gaps)",
    ],
    [
      "name",
      "CCGs, local authorities and counties: the latest vintage's name; trusts: the c. 2016 ODS name (`ods-etr-2016`); other names are in `note`",
    ],
    ["kind", "CCG, NHS_TRUST, LOCAL_AUTHORITY, COUNTY_COUNCIL, REGION or LOCAL_OFFICE"],
    [
      "trust_type",
      "trusts only, from ERIC 2016/17: ACUTE (ERIC ACUTE - LARGE/MEDIUM/SMALL/TEACHING/MULTI-SERVICE), ACUTE_SPECIALIST, MENTAL_HEALTH (MENTAL HEALTH AND LEARNING DISABILITY), COMMUNITY, AMBULANCE, CARE_TRUST; empty where ERIC has none",
    ],
    ["foundation_trust", "trusts only: true when the c. 2016 name contains FOUNDATION TRUST"],
    [
      "valid_from, valid_to",
      "CCGs: April of the first vintage it is in to April of the first vintage it is absent from (open if in April 2020). Trusts: ODS open date to the day after the ODS close date. Local authorities: from 2016-04-01, open (in every LSOA lookup to April 2018). Counties: from 2016-04-01 (December 2016 lookup; no English change in 2016), open. Regions and local offices: from 2017-04-01, open",
    ],
    ["evidence", "published for every row"],
    [
      "source",
      "CCGs: their row in each CCG → STP lookup (and the April 2017 names file); trusts: both ODS snapshots and the ERIC rows; councils, regions, local offices: their first row in each lookup",
    ],
    ["note", "other names, the ERIC type label, why a type is missing"],
  ],
)}

Sources: \`nhs111-ccg16-stp17\`, \`ons-ccg17-names\`, \`ons-ccg17-stp17\`, \`ons-ccg18-stp18\`, \`ons-ccg19-stp19\`,
\`ons-ccg20-stp20\` (CCGs); \`ods-etr-2025\` (the 237 trusts: open ≤ 2017-03-31 and no close or close ≥ 2016-04-01; dates),
\`ods-etr-2016\` (names; the same 237 without its hand-added R0A and R0B and the 2015 closures R1G and RFW),
\`eric-trust-type\` (types; the duplicated 201617 block deduplicated); the three LSOA lookups (local authorities);
\`ons-lad16-cty16\`, \`ons-lad17-cty17\` (counties); \`ons-ccg17-region17\` (regions, local offices). All OGL v3.0.

### footprints.csv

${seed.footprints.length} rows, sorted by code: ${summary.stps} STP codes and ${summary.ldrs} LDR footprints.

${table(
  ["column", "meaning"],
  [
    [
      "code",
      "STP: ONS E54 code (the February 2017 code for the 2016/17 set). LDR: `LDR-` + an uppercase slug of the name (pattern `^LDR-[A-Z0-9-]+$`), assigned by the build because no official LDR code exists",
    ],
    [
      "name",
      'STP: the latest ONS name for the code (earlier names in `note`). LDR: the reconstruction\'s `ldr_name`, verbatim (some say "(name assumed)")',
    ],
    ["kind", "STP or LDR"],
    [
      "former_codes",
      "space-separated codes the footprint had before: E54000045 was E54000003 and E54000046 was E54000001 until December 2016. The April 2020 recodes (E54000050-E54000054) are separate rows; `note` links them",
    ],
    [
      "valid_from, valid_to",
      "STPs of 2016/17 from 2016-03-16 (the 44 announced by NHS England); later codes from April of their first vintage; to April of the first vintage without the code. LDRs: [2016-04-01, 2017-04-01), because they are defined over the April 2016 CCGs",
    ],
    [
      "evidence",
      "STP: published (the ONS code and name; the start date and former codes rest on the published-figures transcription, cited in `source`). LDR: reconstructed",
    ],
    [
      "source",
      "STP: its first row in each CCG → STP lookup, the April 2020 names file, and the published figures where used. LDR: every reconstruction row of the footprint",
    ],
    [
      "note",
      "names by vintage, recodes, ODS code (April 2020), and for LDRs how many CCGs are named in a source or inferred",
    ],
  ],
)}

Sources: the CCG → STP lookups and \`ons-stp20-names\` (ONS, OGL v3.0); \`published-figures-ldr-stp\` (transcription);
\`ldr-reconstructed\`, \`ldr-part-north\`, \`ldr-part-south\`, \`ldr-part-three\` (reconstructions).

### memberships.csv

Organisation and footprint relationships, ${seed.memberships.length} rows sorted by member, group and \`valid_from\`.

${table(
  ["column", "meaning"],
  [
    ["member_code", "the organisation inside (CCG, trust, local authority, local office)"],
    ["group_code", "the footprint or organisation it is in (STP, LDR, county council, local office, region)"],
    ["valid_from, valid_to", "see the table below"],
    [
      "partial",
      "true when the member is split between several groups of one kind at once: only NHS Cumbria CCG (E38000041) in E54000047 and E54000048, 2016/17",
    ],
    ["evidence", "published, transcribed, reconstructed or derived (weakest of the row's sources)"],
    [
      "evidence_detail",
      "LDR rows: the reconstruction's evidence, `named_in_source` or `inferred`. Trust → STP rows: `assigned_by_main_site` or `named_by_two_stps` (from the table's README). Empty elsewhere",
    ],
    ["source", "every source row the relationship rests on"],
    [
      "note",
      'caveats. LDR rows: the reconstruction\'s note (shortened to 240 characters when longer), then `source: <url>` and `quote: "…"`; no separate ldr_sources.csv is written, and the full note is in the cited raw row',
    ],
  ],
)}

${table(
  ["relationship", "rows", "when", "from", "evidence"],
  [
    [
      "CCG → STP",
      relationCounts.get("CCG → STP") ?? 0,
      "April 2016 to open; one row per run of vintages that agree",
      "`nhs111-ccg16-stp17` (2016/17), `ons-ccg17-stp17` … `ons-ccg20-stp20`; North Durham's December 2016 move from `published-figures-ldr-stp`",
      "published; North Durham's two 2016 rows transcribed",
    ],
    [
      "CCG → LDR",
      relationCounts.get("CCG → LDR") ?? 0,
      "[2016-04-01, 2017-04-01)",
      "the four LDR reconstruction files",
      "reconstructed",
    ],
    [
      "CCG → LOCAL_OFFICE, CCG → REGION",
      (relationCounts.get("CCG → LOCAL_OFFICE") ?? 0) + (relationCounts.get("CCG → REGION") ?? 0),
      "[2017-04-01, 2018-04-01)",
      "`ons-ccg17-region17`",
      "published",
    ],
    [
      "LOCAL_OFFICE → REGION",
      relationCounts.get("LOCAL_OFFICE → REGION") ?? 0,
      "[2017-04-01, 2018-04-01)",
      "`ons-ccg17-region17` (every row naming the pair)",
      "published",
    ],
    [
      "NHS_TRUST → STP",
      relationCounts.get("NHS_TRUST → STP") ?? 0,
      "[2017-04-01, 2018-04-01), cut to the trust's own dates",
      "`hf-trust-stp-2017-18` (acute trusts only)",
      "transcribed",
    ],
    [
      "LOCAL_AUTHORITY → COUNTY_COUNCIL",
      relationCounts.get("LOCAL_AUTHORITY → COUNTY_COUNCIL") ?? 0,
      "[2016-04-01, 2019-04-01)",
      "`ons-lad16-cty16`, `ons-lad17-cty17` (E07 → E10 rows only)",
      "published",
    ],
  ],
)}

The district → county interval: the December 2016 lookup stands for April 2016 (no English change in 2016), and the
December 2017 lookup is carried to the end of the April 2018 LAD vintage, whose codes are the same (an E07 district's
county cannot change without its code changing). CCG → STP for 2016/17 uses the February 2017 STP codes throughout.

### area_memberships.csv

Area-level facts only, ${seed.areaMemberships.length} rows sorted by area, geography and \`valid_from\`:
${[...areaKinds]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, n]) => `${n} ${k}`)
  .join(", ")}.

${table(
  ["column", "meaning"],
  [
    ["area_code", "LSOA 2011 code"],
    ["geography_code", "a CCG (E38), a local authority (E06-E09) or, for split CCGs only, an STP (E54)"],
    ["valid_from, valid_to", "see below"],
    ["evidence", "published, or derived where any part of the row is derived"],
    [
      "source",
      "the area's row in each LSOA lookup behind the row; derived rows add `seed-build` and the merger rows (`ccg-mergers-2019-2020` and the matching `ods-successors` line)",
    ],
  ],
)}

- **LSOA → CCG:** April 2016 (\`ons-lsoa-ccg16-lad16\`), April 2017 (\`ons-lsoa-ccg17-stp17-lad17\`; the Version 4
  lookup agrees exactly), April 2018 (\`ons-lsoa-ccg18-stp18-lad18\`); April 2019 and April 2020 are **derived**: the
  April 2018 CCG carried through the April 2019 mergers, then the April 2020 mergers (\`ccg-mergers-2019-2020\`); a
  CCG with no merger row is unchanged. The 2020 placement is open-ended.
- **LSOA → LAD:** the April 2016, 2017 and 2018 lookups, [2016-04-01, 2019-04-01) at most.
- **LSOA → STP:** only where a CCG → STP membership is partial. NHS Cumbria CCG's ${placedAreas} areas are placed from
  2017-02-01 (the February 2017 border correction between E54000047 and E54000048) to 2017-04-01 by the April 2017
  LSOA lookup, which draws that border (derived). Before 2017-02-01 the sources cannot place them, so they have no
  STP then.
- To find an area's STP on a day, compose LSOA → CCG with CCG → STP; where the CCG's membership is partial, use the
  area's own STP row instead.
- The build fails unless: this composition on 2017-06-01 and 2018-06-01 reproduces the STP column of the April 2017
  and April 2018 LSOA lookups for every area; the derived CCGs on 2019-06-01 and 2020-06-01 are exactly the CCG codes
  of the ONS April 2019 and April 2020 CCG → STP lookups; each merger row matches an ODS successor line; and every
  code and source a row cites exists.

### leaders.csv

STP leads, ${seed.leaders.length} rows (only rows with a lead name), sorted by footprint, \`valid_from\` and person.
${leadersWithCode} day-job organisations are resolved to a code.

${table(
  ["column", "meaning"],
  [
    [
      "person_id",
      "lowercase slug of the name without honorifics (Dr, Sir, Prof, …), post-nominals (OBE, …) or parenthesised aliases: `amanda-doyle` for both 'Dr Amanda Doyle' and 'Dr Amanda Doyle OBE'",
    ],
    ["name", "the source's lead_name without parenthesised aliases (kept in `note`)"],
    ["footprint_code", "the STP (February 2017 code)"],
    ["day_job_title", "as the source words it"],
    [
      "day_job_org_code",
      "the organisations.csv code, only when exactly one organisation of the source's org_type has the name after normalising case, punctuation, '&', a leading 'The', 'NHS', 'Trust', 'CCG' and 'Clinical Commissioning Group' (councils: 'City/Borough Council' → a local authority, 'County Council' → a county council). Otherwise empty, and listed under Gaps",
    ],
    ["day_job_org_name", "the source's day_job_org"],
    [
      "valid_from, valid_to",
      "as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD); valid_from is often the source's date, not the appointment date (see note); may be empty",
    ],
    ["evidence", "transcribed"],
    [
      "source",
      "the row in `stp-leads-2016-17` or `stp-leads-2016-17-additions`, plus the `stp-leads-2016-transcribed` row naming the same person in the same day job",
    ],
    ["note", "the source's note, aliases, other spellings"],
  ],
)}

### status_history.csv

STP / ACS / ICS status changes, ${seed.statusHistory.length} rows from \`stp-status-history\` (transcribed), sorted by
footprint and date.

${table(
  ["column", "meaning"],
  [
    [
      "footprint_code",
      "the row's stp_code, or within_stp_code for an area smaller than an STP; always a footprints.csv code (E54000050, E54000051 and E54000053 are April 2020 codes)",
    ],
    ["system_name", "the name the source uses (the row's stp_name)"],
    [
      "whole_footprint",
      "false for areas smaller than the STP (Blackpool and Fylde Coast, Berkshire West, Buckinghamshire, Northumberland)",
    ],
    ["status", "CANDIDATE, SHADOW_ACS, ACS, SHADOW_ICS, ICS, DEVOLVED or ICP"],
    ["valid_from", "effective date where the source gives one, as precise as the source"],
    ["announced", "announcement date, as precise as the source"],
    ["source_url, source_quote", "the page and a quote of at most 25 words"],
    ["note", "the transcriber's note"],
    ["source", "the raw row"],
  ],
)}

## Gaps

${findingsSection(gaps, GAP_TOPICS_BEFORE)}

## Conflicts

${findingsSection(conflicts, [])}

## Loading your own data

A data team holding the official LDR footprint list (NHS England's "View the Local Digital Roadmap Footprints"
spreadsheet) replaces the reconstruction in the same format:

1. Add a row to \`sources.csv\` for the list: a new \`id\` (e.g. \`nhse-ldr-footprints-2016\`), its file name, title,
   publisher, licence, \`evidence\` = \`published\` and its \`url\`.
2. In \`footprints.csv\`, delete the rows with \`kind\` = \`LDR\` and add one per official footprint: \`code\` =
   \`LDR-\` + an uppercase slug of its name (\`^LDR-[A-Z0-9-]+$\`, unique; keep a reconstructed code where the footprint is
   the same, so links stay stable), \`kind\` = \`LDR\`, \`former_codes\` empty, \`valid_from\`/\`valid_to\` as the list
   holds (2016-04-01 / 2017-04-01 for a list over the April 2016 CCGs), \`evidence\` = \`published\`, \`source\` =
   \`<your id>:<row>\`.
3. In \`memberships.csv\`, delete the rows whose \`group_code\` starts with \`LDR-\` and add one per CCG and footprint:
   \`member_code\` = the April 2016 CCG's E38 code, \`group_code\` = the LDR code, the same dates, \`partial\` =
   \`true\` only if the list splits a CCG between footprints, \`evidence\` = \`published\`, \`evidence_detail\` empty,
   \`source\` = \`<your id>:<row>\`.
4. Keep the rest of the seed as it is and load it with \`npm run seed\`.

\`npm run seed:build\` rebuilds every file from \`shared/data/raw/\` and overwrites hand edits. To keep them, store the
list beside the raw data and add it to the build (\`src/seed/build/sourceCatalogue.ts\` and
\`src/seed/build/readLdrFootprints.ts\`), or re-apply the rows after each rebuild.

## Rebuilding

\`\`\`sh
npm run seed:build                 # shared/data/raw -> seed/
npx tsx src/seed/build/cli.ts [rawDir] [outDir]
\`\`\`

The build is deterministic (same raw data, byte-identical files) and stops with a message, writing nothing, when a
raw file breaks an assumption or a self-check fails. It prints the counts above when it succeeds.
`;
  const options = (await resolveConfig(PRETTIER_CONFIG_PATH)) ?? {};
  return format(text, { ...options, parser: "markdown" });
}
