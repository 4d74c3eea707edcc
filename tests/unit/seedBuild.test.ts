import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleSeed, buildSeed } from "../../src/seed/build/buildSeed.js";
import { mergeTouching } from "../../src/seed/build/interval.js";
import { ldrCodeFromName } from "../../src/seed/build/ldrCodeFromName.js";
import {
  createOrganisationNameIndex,
  normaliseOrganisationName,
  resolveOrganisationName,
} from "../../src/seed/build/organisationNameIndex.js";
import { personIdFromName } from "../../src/seed/build/personIdFromName.js";
import { SeedBuildError } from "../../src/seed/build/seedBuildError.js";
import type { OrganisationRow } from "../../src/seed/build/seedRows.js";
import { formatCsv } from "../../src/seed/build/formatCsv.js";

// A tiny England: six areas, eight CCGs over five vintages, three trusts, the Cumbria split and the
// North Durham move, two CCG mergers a year apart and an STP recoded in April 2020.
const DDT = '"Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby"';
const NTW = '"Northumberland, Tyne and Wear and North Durham"';
const WNE = '"West, North and East Cumbria"';
const LSC = "Lancashire and South Cumbria";
const CNE = "Cumbria and North East";
const BOM = "\ufeff";

function lines(...rows: string[]): string {
  return `${rows.join("\n")}\n`;
}

function crlf(...rows: string[]): string {
  return `${rows.join("\r\n")}\r\n`;
}

/** An ODS etr row padded to its width; cells are [code, name, national grouping, geography, open, close]. */
function etr(
  width: number,
  quoted: boolean,
  cells: [string, string, string, string, string, string],
): string {
  const [code, name, grouping, geography, open, close] = cells;
  const row = [code, name, grouping, geography, "", "", "", "", "", "", open, close];
  while (row.length < width) row.push("");
  return row.map((c) => (quoted ? `"${c}"` : c)).join(",");
}

const FIXTURE: Readonly<Record<string, string>> = {
  "nhs111_ccgdata_ccg16_stp17_2017-11-16.csv": lines(
    "CCG16CD,CCG16CDH,CCG16NM,STP17CD,STP17NM,FID,Product,LiveDate,ServiceIdWhitelist",
    `E38000041,01H,NHS Cumbria CCG,E54000047,${WNE},1,,,`,
    `E38000041,01H,NHS Cumbria CCG,E54000048,${LSC},2,,,`,
    `E38000116,00J,NHS North Durham CCG,E54000046,${NTW},3,Ask NHS,01/03/2017,`,
    `E38000001,01A,NHS Alpha CCG,E54000045,${DDT},4,,,`,
    `E38000002,02B,NHS Beta CCG,E54000045,${DDT},5,,,`,
  ),
  "ons_ccg17_nhsrlo17_nhser17_lookup_v3.csv": lines(
    "CCG17CD,CCG17NM,NHSRLO17CD,NHSRLO17NM,NHSER17CD,NHSER17NM,FID",
    "E38000116,NHS North Durham CCG,E39000039,NHS England North (Cumbria and North East),E40000001,North of England,1",
    "E38000001,NHS Alpha CCG,E39000039,NHS England North (Cumbria and North East),E40000001,North of England,2",
    "E38000002,NHS Beta CCG,E39000039,NHS England North (Cumbria and North East),E40000001,North of England,3",
    "E38000215,NHS North Cumbria CCG,E39000039,NHS England North (Cumbria and North East),E40000001,North of England,4",
    "E38000216,NHS Morecambe Bay CCG,E39000040,NHS England North (Lancashire and South Cumbria),E40000001,North of England,5",
  ),
  "ons_ccg17_names_codes.csv": lines(
    "CCG17CD,CCG_Code,CCG17NM,FID",
    "E38000116,00J,NHS North Durham CCG,1",
    "E38000001,01A,NHS Alpha CCG,2",
    "E38000002,02B,NHS Beta CCG,3",
    "E38000215,01H,NHS North Cumbria CCG,4",
    "E38000216,01K,NHS Morecambe Bay CCG,5",
  ),
  "ons_lsoa11_ccg16_lad16_lookup.csv":
    BOM +
    lines(
      "LSOA11CD,LSOA11NM,CCG16CD,CCG16CDH,CCG16NM,LAD16CD,LAD16NM,FID",
      "E01000001,Allerdale 001A,E38000041,01H,NHS Cumbria CCG,E07000026,Allerdale,1",
      "E01000002,Allerdale 001B,E38000041,01H,NHS Cumbria CCG,E07000026,Allerdale,2",
      "E01000003,County Durham 001A,E38000116,00J,NHS North Durham CCG,E06000047,County Durham,3",
      "E01000004,Hartlepool 001A,E38000001,01A,NHS Alpha CCG,E06000001,Hartlepool,4",
      "E01000005,Hartlepool 001B,E38000002,02B,NHS Beta CCG,E06000001,Hartlepool,5",
      "E01000006,Hartlepool 001C,E38000002,02B,NHS Beta CCG,E06000001,Hartlepool,6",
    ),
  "ons_lsoa11_ccg17_lad17_lookup_v4.csv":
    BOM +
    lines(
      "LSOA11CD,LSOA11NM,CCG17CD,CCG17CDH,CCG17NM,LAD17CD,LAD17NM,FID",
      "E01000006,Hartlepool 001C,E38000001,01A,NHS Alpha CCG,E06000001,Hartlepool,1",
      "E01000001,Allerdale 001A,E38000215,01H,NHS North Cumbria CCG,E07000026,Allerdale,2",
      "E01000002,Allerdale 001B,E38000216,01K,NHS Morecambe Bay CCG,E07000026,Allerdale,3",
      "E01000003,County Durham 001A,E38000116,00J,NHS North Durham CCG,E06000047,County Durham,4",
      "E01000004,Hartlepool 001A,E38000001,01A,NHS Alpha CCG,E06000001,Hartlepool,5",
      "E01000005,Hartlepool 001B,E38000002,02B,NHS Beta CCG,E06000001,Hartlepool,6",
    ),
  "hf_trust_stp_lookup_2017_18.csv":
    BOM +
    crlf(
      "NHS England Region,Trust,code,STP,STP_code",
      "London Commissioning Region,Chesterfield Royal Hospital NHS Foundation Trust,RFS,Derbyshire and Tees,E54000045",
      `North Of England Commissioning Region,Beta Mental Health NHS Trust,RBB,${NTW},E54000046`,
      `North Of England Commissioning Region,Manchester University NHS Foundation Trust,R0A,Greater Manchester,E54000046`,
    ),
  "ods_etr_jhau_nhs-spend_snapshot.csv": crlf(
    etr(27, true, ["RFS", "CHESTERFIELD ROYAL HOSPITAL NHS FOUNDATION TRUST", "Y60", "QJ2", "19930401", ""]),
    etr(27, true, ["RBB", "BETA HEALTH NHS TRUST", "Y63", "QHM", "19940401", "20170930"]),
    etr(27, true, ["RCC", "CLOSED EARLY NHS TRUST", "Y63", "QHM", "19900401", "20150331"]),
    etr(27, true, ["R0A", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "Y62", "QOP", "20171001", ""]),
    etr(27, true, ["RQF", "VELINDRE NHS TRUST", "", "", "19940401", ""]),
  ),
  "ods_etr_jah_nhsparse_circa2016.csv": lines(
    etr(24, false, ["RFS", "CHESTERFIELD ROYAL HOSPITAL NHS FOUNDATION TRUST", "Y55", "Q74", "19930401", ""]),
    etr(24, false, ["RBB", "BETA MENTAL HEALTH NHS TRUST", "Y54", "Q74", "19940401", ""]),
    etr(24, false, ["RCC", "CLOSED EARLY NHS TRUST", "Y54", "Q74", "19900401", "20150331"]),
    etr(24, false, ["R0A", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "", "", "", ""]),
    etr(24, false, ["RQF", "VELINDRE NHS TRUST", "W00", "Q99", "19940401", ""]),
  ),
  "stp_leads_2016_transcribed.csv": lines(
    "footprint_name_as_published,lead_name,lead_role_as_published,lead_organisation_as_published,lead_sector,status,source_url,source_date,notes",
    '"Durham, Darlington and Tees",Dr Jane Doe OBE,Chief Officer,NHS Alpha Clinical Commissioning Group,CCG,confirmed,https://example.org/a,2016-03-30,',
  ),
  "published_figures_ldr_stp.csv": lines(
    "figure_id,statement,value,as_at,source_url,source_publisher,notes",
    "stp_footprints,Number of STP footprints,44,2016-03-16,https://example.org/nhse,NHS England,",
    'stp_code_change_dec2016,"North Durham CCG moved from STP E54000003 to E54000001; the two STPs recoded E54000045 (Durham Darlington Teesside) and E54000046 (Northumberland Tyne and Wear and North Durham)",,2016-12,https://example.org/ons,ONS,',
    "stp_code_change_feb2017,Border correction between West North and East Cumbria STP and Lancashire and South Cumbria STP; recoded E54000047 and E54000048,,2017-02,https://example.org/ons,ONS,",
  ),
  "ldr_footprints_2016_reconstructed.csv": crlf(
    "ldr_name,ccg16cd,ccg16nm,stp16cd,evidence,source_url,source_quote,note",
    "Tees Local Digital Roadmap (name assumed),E38000001,NHS Alpha CCG,E54000045,named_in_source,https://example.org/tees,Alpha and Beta CCGs,Named in the roadmap.",
    `Tees Local Digital Roadmap (name assumed),E38000002,NHS Beta CCG,E54000045,inferred,https://example.org/tees,,"${"Inferred from the title only. ".repeat(10).trim()}"`,
  ),
  "stp_leads_2016_17.csv": crlf(
    "stp16cd,stp_name,lead_name,day_job_title,day_job_org,org_type,valid_from,valid_to,source_url,note",
    `E54000045,${DDT},Dr Jane Doe,Chief Officer,NHS Alpha CCG,ccg,2016-03,,https://example.org/a,HSJ list`,
    `E54000046,${NTW},,,,,,,,GAP: no source found`,
    `E54000047,${WNE},,,,,2016-03-30,,https://example.org/b,TBC: lead not confirmed at 30 Mar 2016`,
    `E54000047,${WNE},Ann Smith (Prof Ann Smith),Chief Executive,Chesterfield Royal Hospital NHS Foundation Trust,trust,2016,2017-06,https://example.org/c,note c`,
    `E54000048,${LSC},Sir John Roe,Chief Executive,Cumbria County Council,council,2016-03-16,,https://example.org/d,`,
  ),
  "ons_lad16_cty16_lookup_dec2016.csv": lines(
    "LAD16CD,LAD16NM,CTY16CD,CTY16NM,FID",
    "E07000026,Allerdale,E10000006,Cumbria,1",
  ),
  "ons_lad17_cty17_lookup_dec2017.csv": lines(
    "LAD17CD,LAD17NM,CTY17CD,CTY17NM,FID",
    "E07000026,Allerdale,E10000006,Cumbria,1",
  ),
  "ldr_footprints_2016_part_north.csv": lines(
    "ldr_name,ccg16cd,ccg16nm,stp16cd,evidence,source_url,source_quote,note",
    "North Durham Local Digital Roadmap,E38000116,NHS North Durham CCG,E54000046,inferred,https://example.org/nd,North Durham roadmap,Title only.",
  ),
  "ldr_footprints_2016_part_south.csv": lines(
    "ldr_name,ccg16cd,ccg16nm,stp16cd,evidence,source_url,source_quote,note",
  ),
  "ons_lsoa11_ccg17_stp17_lad17_lookup_apr2017.csv": lines(
    "LSOA11CD,LSOA11NM,CCG17CD,CCG17CDH,CCG17NM,STP17CD,STP17NM,LAD17CD,LAD17NM,FID",
    `E01000006,Hartlepool 001C,E38000001,01A,NHS Alpha CCG,E54000045,${DDT},E06000001,Hartlepool,1`,
    `E01000001,Allerdale 001A,E38000215,01H,NHS North Cumbria CCG,E54000047,${WNE},E07000026,Allerdale,2`,
    `E01000002,Allerdale 001B,E38000216,01K,NHS Morecambe Bay CCG,E54000048,${LSC},E07000026,Allerdale,3`,
    `E01000003,County Durham 001A,E38000116,00J,NHS North Durham CCG,E54000046,${NTW},E06000047,County Durham,4`,
    `E01000004,Hartlepool 001A,E38000001,01A,NHS Alpha CCG,E54000045,${DDT},E06000001,Hartlepool,5`,
    `E01000005,Hartlepool 001B,E38000002,02B,NHS Beta CCG,E54000045,${DDT},E06000001,Hartlepool,6`,
  ),
  "ons_lsoa11_ccg18_stp18_lad18_lookup_apr2018_v3.csv": lines(
    "LSOA11CD,LSOA11NM,CCG18CD,CCG18CDH,CCG18NM,STP18CD,STP18NM,LAD18CD,LAD18NM,FID",
    `E01000001,Allerdale 001A,E38000215,01H,NHS North Cumbria CCG,E54000049,${CNE},E07000026,Allerdale Borough,1`,
    `E01000002,Allerdale 001B,E38000216,01K,NHS Morecambe Bay CCG,E54000048,${LSC},E07000026,Allerdale Borough,2`,
    `E01000003,County Durham 001A,E38000116,00J,NHS North Durham CCG,E54000049,${CNE},E06000047,County Durham,3`,
    `E01000004,Hartlepool 001A,E38000001,01A,NHS Alpha CCG,E54000049,${CNE},E06000001,Hartlepool,4`,
    `E01000005,Hartlepool 001B,E38000002,02B,NHS Beta CCG,E54000049,${CNE},E06000001,Hartlepool,5`,
    `E01000006,Hartlepool 001C,E38000001,01A,NHS Alpha CCG,E54000049,${CNE},E06000001,Hartlepool,6`,
  ),
  "ons_ccg17_stp17_lookup_apr2017_v3.csv": lines(
    "CCG17CD,CCG17CDH,CCG17NM,STP17CD,STP17NM,FID",
    `E38000116,00J,NHS North Durham CCG,E54000046,${NTW},1`,
    `E38000001,01A,NHS Alpha CCG,E54000045,${DDT},2`,
    `E38000002,02B,NHS Beta CCG,E54000045,${DDT},3`,
    `E38000215,01H,NHS North Cumbria CCG,E54000047,${WNE},4`,
    `E38000216,01K,NHS Morecambe Bay CCG,E54000048,${LSC},5`,
  ),
  "ons_ccg18_stp18_lookup_apr2018_v2.csv": lines(
    "CCG18CD,CCG18CDH,CCG18NM,STP18CD,STP18NM,FID",
    `E38000116,00J,NHS North Durham CCG,E54000049,${CNE},1`,
    `E38000001,01A,NHS Alpha CCG,E54000049,${CNE},2`,
    `E38000002,02B,NHS Beta CCG,E54000049,${CNE},3`,
    `E38000215,01H,NHS North Cumbria CCG,E54000049,${CNE},4`,
    `E38000216,01K,NHS Morecambe Bay CCG,E54000048,${LSC},5`,
  ),
  "ons_ccg19_stp19_lookup_apr2019.csv": lines(
    "FID,CCG19CD,CCG19CDH,CCG19NM,STP19CD,STP19NM",
    `1,E38000116,00J,NHS North Durham CCG,E54000049,${CNE}`,
    `2,E38000215,01H,NHS North Cumbria CCG,E54000049,${CNE}`,
    "3,E38000216,01K,NHS Morecambe Bay CCG,E54000048,Healthier Lancashire and South Cumbria",
    `4,E38000229,15M,NHS Alpha CCG,E54000049,${CNE}`,
  ),
  "ons_ccg20_stp20_lookup_apr2020.csv": lines(
    "FID,CCG20CD,CCG20CDH,CCG20NM,STP20CD,STP20CDH,STP20NM",
    "1,E38000216,01K,NHS Morecambe Bay CCG,E54000048,QE1,Healthier Lancashire and South Cumbria",
    `2,E38000229,15M,NHS Alpha CCG,E54000050,QHM,${CNE}`,
    `3,E38000230,16N,NHS Delta CCG,E54000050,QHM,${CNE}`,
  ),
  "ons_stp20_names_codes_apr2020.csv": lines(
    "FID,STP20CD,STP20CDH,STP20NM",
    '"1",E54000048,QE1,Healthier Lancashire and South Cumbria',
    `"2",E54000050,QHM,${CNE}`,
  ),
  "stp_leads_2016_17_additions.csv": crlf(
    "stp16cd,stp_name,lead_name,day_job_title,day_job_org,org_type,valid_from,valid_to,source_url,note",
    `E54000046,${NTW},Jane Doe,Chief Officer,NHS Beta CCG,ccg,2016-11,,https://example.org/e,second-hand`,
  ),
  "ldr_footprints_2016_part_three.csv": lines(
    "ldr_name,ccg16cd,ccg16nm,stp16cd,evidence,source_url,source_quote,note",
  ),
  "stp_status_history_2017_2021.csv": lines(
    "stp_code,within_stp_code,stp_name,status,valid_from,announced,source_url,source_quote,note",
    'E54000048,,Lancashire and South Cumbria,ICS,,2018,https://example.org/s1,"quote, with comma",note 1',
    ",E54000046,Northumberland,CANDIDATE,,2017-03-31,https://example.org/s2,quote 2,",
    "E54000050,,North East and North Cumbria,ICS,,2019-06,https://example.org/s3,quote 3,note 3",
  ),
  "eric_trust_type_by_year_1999_2022_jspncr.csv": lines(
    "fyear,trust_code,trust_type",
    "201516,RFS,ACUTE - MEDIUM",
    "201617,RFS,ACUTE - MEDIUM",
    "201617,RBB,MENTAL HEALTH AND LEARNING DISABILITY",
    "201617,RFS,ACUTE - MEDIUM",
    "201617,RBB,MENTAL HEALTH AND LEARNING DISABILITY",
  ),
  "ods_successors_odsprocessing_20230925.csv": lines(
    "from,to,legal_start",
    "RW827,RX242,2006-04-01",
    "01A,15M,2019-04-01",
    "02B,15M,2019-04-01",
    "00J,16N,2020-04-01",
    "01H,16N,2020-04-01",
  ),
  "ccg_mergers_2019_2020_transcribed.csv": lines(
    "predecessor_ccg_code,predecessor_ccg_name,successor_ccg_code,successor_ccg_name,effective_date,source_url,source_quote",
    'E38000001,NHS Alpha CCG,E38000229,NHS Alpha CCG,2019-04-01,https://example.org/ods,"01A,15M,2019-04-01"',
    'E38000002,NHS Beta CCG,E38000229,NHS Alpha CCG,2019-04-01,https://example.org/ods,"02B,15M,2019-04-01"',
    'E38000116,NHS North Durham CCG,E38000230,NHS Delta CCG,2020-04-01,https://example.org/ods,"00J,16N,2020-04-01"',
    'E38000215,NHS North Cumbria CCG,E38000230,NHS Delta CCG,2020-04-01,https://example.org/ods,"01H,16N,2020-04-01"',
  ),
};

const L16 = "ons-lsoa-ccg16-lad16";
const L17 = "ons-lsoa-ccg17-stp17-lad17";
const L18 = "ons-lsoa-ccg18-stp18-lad18";

let root: string;

async function writeFixture(overrides: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await mkdtemp(join(root, "raw-"));
  for (const [file, text] of Object.entries({ ...FIXTURE, ...overrides })) {
    await writeFile(join(dir, file), text, "utf8");
  }
  return dir;
}

async function readCsv(dir: string, file: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(join(dir, file), "utf8"), { columns: true });
}

function pick(rows: readonly Record<string, string>[], columns: readonly string[]): string[][] {
  return rows.map((row) => columns.map((c) => row[c] ?? "<missing>"));
}

describe("seed:build on a hand-made raw folder", () => {
  let out: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "seed-build-test-"));
    out = join(root, "out");
    await buildSeed(await writeFixture(), out);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("merges consecutive vintages that agree and carries CCGs through their mergers", async () => {
    const rows = await readCsv(out, "area_memberships.csv");
    expect(
      pick(rows, ["area_code", "geography_code", "valid_from", "valid_to", "evidence", "source"]),
    ).toEqual([
      ["E01000001", "E07000026", "2016-04-01", "2019-04-01", "published", `${L16}:2 ${L17}:3 ${L18}:2`],
      ["E01000001", "E38000041", "2016-04-01", "2017-04-01", "published", `${L16}:2`],
      ["E01000001", "E38000215", "2017-04-01", "2019-04-01", "published", `${L17}:3 ${L18}:2`],
      ["E01000001", "E38000215", "2019-04-01", "2020-04-01", "derived", `${L18}:2 seed-build`],
      [
        "E01000001",
        "E38000230",
        "2020-04-01",
        "",
        "derived",
        `${L18}:2 ods-successors:6 ccg-mergers-2019-2020:5 seed-build`,
      ],
      [
        "E01000001",
        "E54000047",
        "2017-02-01",
        "2017-04-01",
        "derived",
        `${L16}:2 published-figures-ldr-stp:4 ${L17}:3 seed-build`,
      ],
      ["E01000002", "E07000026", "2016-04-01", "2019-04-01", "published", `${L16}:3 ${L17}:4 ${L18}:3`],
      ["E01000002", "E38000041", "2016-04-01", "2017-04-01", "published", `${L16}:3`],
      ["E01000002", "E38000216", "2017-04-01", "2019-04-01", "published", `${L17}:4 ${L18}:3`],
      ["E01000002", "E38000216", "2019-04-01", "", "derived", `${L18}:3 seed-build`],
      [
        "E01000002",
        "E54000048",
        "2017-02-01",
        "2017-04-01",
        "derived",
        `${L16}:3 published-figures-ldr-stp:4 ${L17}:4 seed-build`,
      ],
      ["E01000003", "E06000047", "2016-04-01", "2019-04-01", "published", `${L16}:4 ${L17}:5 ${L18}:4`],
      ["E01000003", "E38000116", "2016-04-01", "2019-04-01", "published", `${L16}:4 ${L17}:5 ${L18}:4`],
      ["E01000003", "E38000116", "2019-04-01", "2020-04-01", "derived", `${L18}:4 seed-build`],
      [
        "E01000003",
        "E38000230",
        "2020-04-01",
        "",
        "derived",
        `${L18}:4 ods-successors:5 ccg-mergers-2019-2020:4 seed-build`,
      ],
      ["E01000004", "E06000001", "2016-04-01", "2019-04-01", "published", `${L16}:5 ${L17}:6 ${L18}:5`],
      ["E01000004", "E38000001", "2016-04-01", "2019-04-01", "published", `${L16}:5 ${L17}:6 ${L18}:5`],
      [
        "E01000004",
        "E38000229",
        "2019-04-01",
        "",
        "derived",
        `${L18}:5 ods-successors:3 ccg-mergers-2019-2020:2 seed-build`,
      ],
      ["E01000005", "E06000001", "2016-04-01", "2019-04-01", "published", `${L16}:6 ${L17}:7 ${L18}:6`],
      ["E01000005", "E38000002", "2016-04-01", "2019-04-01", "published", `${L16}:6 ${L17}:7 ${L18}:6`],
      [
        "E01000005",
        "E38000229",
        "2019-04-01",
        "",
        "derived",
        `${L18}:6 ods-successors:4 ccg-mergers-2019-2020:3 seed-build`,
      ],
      ["E01000006", "E06000001", "2016-04-01", "2019-04-01", "published", `${L16}:7 ${L17}:2 ${L18}:7`],
      ["E01000006", "E38000001", "2017-04-01", "2019-04-01", "published", `${L17}:2 ${L18}:7`],
      ["E01000006", "E38000002", "2016-04-01", "2017-04-01", "published", `${L16}:7`],
      [
        "E01000006",
        "E38000229",
        "2019-04-01",
        "",
        "derived",
        `${L18}:7 ods-successors:3 ccg-mergers-2019-2020:2 seed-build`,
      ],
    ]);
  });

  it("marks a CCG split between STPs as partial, splits North Durham at its move and keeps every relationship", async () => {
    const rows = await readCsv(out, "memberships.csv");
    const columns = [
      "member_code",
      "group_code",
      "valid_from",
      "valid_to",
      "partial",
      "evidence",
      "evidence_detail",
      "source",
    ];
    const region = (line: number) => `ons-ccg17-region17:${line}`;
    expect(pick(rows, columns)).toEqual([
      [
        "E07000026",
        "E10000006",
        "2016-04-01",
        "2019-04-01",
        "false",
        "published",
        "",
        "ons-lad16-cty16:2 ons-lad17-cty17:2",
      ],
      ["E38000001", "E39000039", "2017-04-01", "2018-04-01", "false", "published", "", region(3)],
      ["E38000001", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(3)],
      [
        "E38000001",
        "E54000045",
        "2016-04-01",
        "2018-04-01",
        "false",
        "published",
        "",
        "nhs111-ccg16-stp17:5 ons-ccg17-stp17:3",
      ],
      ["E38000001", "E54000049", "2018-04-01", "2019-04-01", "false", "published", "", "ons-ccg18-stp18:3"],
      [
        "E38000001",
        "LDR-TEES",
        "2016-04-01",
        "2017-04-01",
        "false",
        "reconstructed",
        "named_in_source",
        "ldr-reconstructed:2",
      ],
      ["E38000002", "E39000039", "2017-04-01", "2018-04-01", "false", "published", "", region(4)],
      ["E38000002", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(4)],
      [
        "E38000002",
        "E54000045",
        "2016-04-01",
        "2018-04-01",
        "false",
        "published",
        "",
        "nhs111-ccg16-stp17:6 ons-ccg17-stp17:4",
      ],
      ["E38000002", "E54000049", "2018-04-01", "2019-04-01", "false", "published", "", "ons-ccg18-stp18:4"],
      [
        "E38000002",
        "LDR-TEES",
        "2016-04-01",
        "2017-04-01",
        "false",
        "reconstructed",
        "inferred",
        "ldr-reconstructed:3",
      ],
      ["E38000041", "E54000047", "2016-04-01", "2017-04-01", "true", "published", "", "nhs111-ccg16-stp17:2"],
      ["E38000041", "E54000048", "2016-04-01", "2017-04-01", "true", "published", "", "nhs111-ccg16-stp17:3"],
      ["E38000116", "E39000039", "2017-04-01", "2018-04-01", "false", "published", "", region(2)],
      ["E38000116", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(2)],
      [
        "E38000116",
        "E54000045",
        "2016-04-01",
        "2016-12-01",
        "false",
        "transcribed",
        "",
        "published-figures-ldr-stp:3",
      ],
      [
        "E38000116",
        "E54000046",
        "2016-12-01",
        "2018-04-01",
        "false",
        "transcribed",
        "",
        "nhs111-ccg16-stp17:4 published-figures-ldr-stp:3 ons-ccg17-stp17:2",
      ],
      [
        "E38000116",
        "E54000049",
        "2018-04-01",
        "2020-04-01",
        "false",
        "published",
        "",
        "ons-ccg18-stp18:2 ons-ccg19-stp19:2",
      ],
      [
        "E38000116",
        "LDR-NORTH-DURHAM",
        "2016-04-01",
        "2017-04-01",
        "false",
        "reconstructed",
        "inferred",
        "ldr-part-north:2",
      ],
      ["E38000215", "E39000039", "2017-04-01", "2018-04-01", "false", "published", "", region(5)],
      ["E38000215", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(5)],
      ["E38000215", "E54000047", "2017-04-01", "2018-04-01", "false", "published", "", "ons-ccg17-stp17:5"],
      [
        "E38000215",
        "E54000049",
        "2018-04-01",
        "2020-04-01",
        "false",
        "published",
        "",
        "ons-ccg18-stp18:5 ons-ccg19-stp19:3",
      ],
      ["E38000216", "E39000040", "2017-04-01", "2018-04-01", "false", "published", "", region(6)],
      ["E38000216", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(6)],
      [
        "E38000216",
        "E54000048",
        "2017-04-01",
        "",
        "false",
        "published",
        "",
        "ons-ccg17-stp17:6 ons-ccg18-stp18:6 ons-ccg19-stp19:4 ons-ccg20-stp20:2",
      ],
      ["E38000229", "E54000049", "2019-04-01", "2020-04-01", "false", "published", "", "ons-ccg19-stp19:5"],
      ["E38000229", "E54000050", "2020-04-01", "", "false", "published", "", "ons-ccg20-stp20:3"],
      ["E38000230", "E54000050", "2020-04-01", "", "false", "published", "", "ons-ccg20-stp20:4"],
      [
        "E39000039",
        "E40000001",
        "2017-04-01",
        "2018-04-01",
        "false",
        "published",
        "",
        `${region(2)} ${region(3)} ${region(4)} ${region(5)}`,
      ],
      ["E39000040", "E40000001", "2017-04-01", "2018-04-01", "false", "published", "", region(6)],
      ["RBB", "E54000046", "2017-04-01", "2017-10-01", "false", "transcribed", "", "hf-trust-stp-2017-18:3"],
      [
        "RFS",
        "E54000045",
        "2017-04-01",
        "2018-04-01",
        "false",
        "transcribed",
        "named_by_two_stps",
        "hf-trust-stp-2017-18:2",
      ],
    ]);
    const notes = new Map(rows.map((r) => [`${r.member_code}>${r.group_code}`, r.note]));
    expect(notes.get("E38000041>E54000047")).toBe(
      "NHS Cumbria CCG is listed in E54000047 and E54000048: split between STPs. Its areas are placed per LSOA in area_memberships.csv from 2017-02-01 (the February 2017 border); before that the sources cannot place them.",
    );
    expect(notes.get("RFS>E54000045")).toBe(
      "Two STPs named this trust; the table's author assigned it to this one. The table names the STP 'Derbyshire and Tees'.",
    );
    expect(notes.get("RBB>E54000046")).toBe("Ends when the trust closed (ODS).");
    expect(notes.get("E38000002>LDR-TEES")).toBe(
      `${"Inferred from the title only. ".repeat(7)}Inferred from the title… | source: https://example.org/tees`,
    );
  });

  it("builds organisations from every vintage, with ODS dates and ERIC types for the FY2016/17 trusts", async () => {
    const rows = await readCsv(out, "organisations.csv");
    const columns = [
      "code",
      "ods_code",
      "name",
      "kind",
      "trust_type",
      "foundation_trust",
      "valid_from",
      "valid_to",
    ];
    expect(pick(rows, columns)).toEqual([
      ["E06000001", "", "Hartlepool", "LOCAL_AUTHORITY", "", "", "2016-04-01", ""],
      ["E06000047", "", "County Durham", "LOCAL_AUTHORITY", "", "", "2016-04-01", ""],
      ["E07000026", "", "Allerdale Borough", "LOCAL_AUTHORITY", "", "", "2016-04-01", ""],
      ["E10000006", "", "Cumbria", "COUNTY_COUNCIL", "", "", "2016-04-01", ""],
      ["E38000001", "01A", "NHS Alpha CCG", "CCG", "", "", "2016-04-01", "2019-04-01"],
      ["E38000002", "02B", "NHS Beta CCG", "CCG", "", "", "2016-04-01", "2019-04-01"],
      ["E38000041", "01H", "NHS Cumbria CCG", "CCG", "", "", "2016-04-01", "2017-04-01"],
      ["E38000116", "00J", "NHS North Durham CCG", "CCG", "", "", "2016-04-01", "2020-04-01"],
      ["E38000215", "01H", "NHS North Cumbria CCG", "CCG", "", "", "2017-04-01", "2020-04-01"],
      ["E38000216", "01K", "NHS Morecambe Bay CCG", "CCG", "", "", "2017-04-01", ""],
      ["E38000229", "15M", "NHS Alpha CCG", "CCG", "", "", "2019-04-01", ""],
      ["E38000230", "16N", "NHS Delta CCG", "CCG", "", "", "2020-04-01", ""],
      [
        "E39000039",
        "",
        "NHS England North (Cumbria and North East)",
        "LOCAL_OFFICE",
        "",
        "",
        "2017-04-01",
        "",
      ],
      [
        "E39000040",
        "",
        "NHS England North (Lancashire and South Cumbria)",
        "LOCAL_OFFICE",
        "",
        "",
        "2017-04-01",
        "",
      ],
      ["E40000001", "", "North of England", "REGION", "", "", "2017-04-01", ""],
      [
        "RBB",
        "RBB",
        "BETA MENTAL HEALTH NHS TRUST",
        "NHS_TRUST",
        "MENTAL_HEALTH",
        "false",
        "1994-04-01",
        "2017-10-01",
      ],
      [
        "RFS",
        "RFS",
        "CHESTERFIELD ROYAL HOSPITAL NHS FOUNDATION TRUST",
        "NHS_TRUST",
        "ACUTE",
        "true",
        "1993-04-01",
        "",
      ],
      ["RQF", "RQF", "VELINDRE NHS TRUST", "NHS_TRUST", "", "false", "1994-04-01", ""],
    ]);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get("RFS")?.source).toBe(
      "ods-etr-2025:1 ods-etr-2016:1 eric-trust-type:3 eric-trust-type:5",
    );
    expect(byCode.get("RBB")?.note).toBe(
      "Name from the c. 2016 ODS snapshot; the 2025 snapshot names it 'BETA HEALTH NHS TRUST'. ERIC 2016/17 type: MENTAL HEALTH AND LEARNING DISABILITY.",
    );
    expect(byCode.get("E07000026")?.note).toBe("Also named 'Allerdale' (2016, 2017).");
  });

  it("keeps one row per STP code with its former code, and codes reconstructed LDRs from their names", async () => {
    const rows = await readCsv(out, "footprints.csv");
    const columns = ["code", "name", "kind", "former_codes", "valid_from", "valid_to", "evidence"];
    expect(pick(rows, columns)).toEqual([
      [
        "E54000045",
        "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby",
        "STP",
        "E54000003",
        "2016-03-16",
        "2018-04-01",
        "published",
      ],
      [
        "E54000046",
        "Northumberland, Tyne and Wear and North Durham",
        "STP",
        "E54000001",
        "2016-03-16",
        "2018-04-01",
        "published",
      ],
      ["E54000047", "West, North and East Cumbria", "STP", "", "2016-03-16", "2018-04-01", "published"],
      ["E54000048", "Healthier Lancashire and South Cumbria", "STP", "", "2016-03-16", "", "published"],
      ["E54000049", "Cumbria and North East", "STP", "", "2018-04-01", "2020-04-01", "published"],
      ["E54000050", "Cumbria and North East", "STP", "E54000049", "2020-04-01", "", "published"],
      [
        "LDR-NORTH-DURHAM",
        "North Durham Local Digital Roadmap",
        "LDR",
        "",
        "2016-04-01",
        "2017-04-01",
        "reconstructed",
      ],
      [
        "LDR-TEES",
        "Tees Local Digital Roadmap (name assumed)",
        "LDR",
        "",
        "2016-04-01",
        "2017-04-01",
        "reconstructed",
      ],
    ]);
    const notes = new Map(rows.map((r) => [r.code, r.note]));
    expect(notes.get("E54000049")).toBe(
      "New in April 2018; its CCGs that existed a year earlier were then in E54000045, E54000046, E54000047. ONS gave it the new code E54000050 in April 2020 under a matching name.",
    );
    expect(notes.get("E54000050")).toBe(
      "ODS code (April 2020): QHM. New code in April 2020 for E54000049 under a matching name (ONS); kept as its own row, with E54000049 as its former code.",
    );
  });

  it("resolves day-job organisations only when one organisation has the name", async () => {
    const rows = await readCsv(out, "leaders.csv");
    expect(rows).toEqual([
      {
        person_id: "jane-doe",
        name: "Dr Jane Doe",
        footprint_code: "E54000045",
        day_job_title: "Chief Officer",
        day_job_org_code: "",
        day_job_org_name: "NHS Alpha CCG",
        valid_from: "2016-03",
        valid_to: "",
        evidence: "transcribed",
        source: "stp-leads-2016-transcribed:2 stp-leads-2016-17:2",
        note: "HSJ list Written 'Dr Jane Doe OBE' in stp-leads-2016-transcribed row 2.",
      },
      {
        person_id: "jane-doe",
        name: "Jane Doe",
        footprint_code: "E54000046",
        day_job_title: "Chief Officer",
        day_job_org_code: "E38000002",
        day_job_org_name: "NHS Beta CCG",
        valid_from: "2016-11",
        valid_to: "",
        evidence: "transcribed",
        source: "stp-leads-2016-17-additions:2",
        note: "second-hand",
      },
      {
        person_id: "ann-smith",
        name: "Ann Smith",
        footprint_code: "E54000047",
        day_job_title: "Chief Executive",
        day_job_org_code: "RFS",
        day_job_org_name: "Chesterfield Royal Hospital NHS Foundation Trust",
        valid_from: "2016",
        valid_to: "2017-06",
        evidence: "transcribed",
        source: "stp-leads-2016-17:5",
        note: "note c Also named 'Prof Ann Smith' by the source.",
      },
      {
        person_id: "john-roe",
        name: "Sir John Roe",
        footprint_code: "E54000048",
        day_job_title: "Chief Executive",
        day_job_org_code: "E10000006",
        day_job_org_name: "Cumbria County Council",
        valid_from: "2016-03-16",
        valid_to: "",
        evidence: "transcribed",
        source: "stp-leads-2016-17:6",
        note: "",
      },
    ]);
    const readme = await readFile(join(out, "README.md"), "utf8");
    expect(readme).toContain("- Dr Jane Doe (E54000045): 'NHS Alpha CCG' (ambiguous: E38000001, E38000229).");
    expect(readme).toContain(
      "- E54000047 West, North and East Cumbria: TBC: lead not confirmed at 30 Mar 2016 (a later lead is named) (stp-leads-2016-17:4).",
    );
    expect(readme).not.toContain("E54000046 Northumberland, Tyne and Wear and North Durham: no sourced lead");
  });

  it("writes status rows under the STP, or the STP an area sits in", async () => {
    const rows = await readCsv(out, "status_history.csv");
    expect(
      pick(rows, [
        "footprint_code",
        "system_name",
        "whole_footprint",
        "status",
        "valid_from",
        "announced",
        "source_quote",
        "source",
      ]),
    ).toEqual([
      [
        "E54000046",
        "Northumberland",
        "false",
        "CANDIDATE",
        "",
        "2017-03-31",
        "quote 2",
        "stp-status-history:3",
      ],
      [
        "E54000048",
        "Lancashire and South Cumbria",
        "true",
        "ICS",
        "",
        "2018",
        "quote, with comma",
        "stp-status-history:2",
      ],
      [
        "E54000050",
        "North East and North Cumbria",
        "true",
        "ICS",
        "",
        "2019-06",
        "quote 3",
        "stp-status-history:4",
      ],
    ]);
  });

  it("lists one source per raw file and the build itself", async () => {
    const rows = await readCsv(out, "sources.csv");
    expect(rows).toHaveLength(30);
    expect(rows.at(-1)).toMatchObject({ id: "seed-build", evidence: "derived", url: "" });
    expect(rows.find((r) => r.id === "ods-etr-2016")).toMatchObject({
      evidence: "published",
      file: "ods_etr_jah_nhsparse_circa2016.csv",
    });
  });

  it("writes byte-identical files when run again on the same raw data", async () => {
    const again = join(root, "again");
    await buildSeed(await writeFixture(), again);
    const names = (await readdir(out)).sort();
    expect((await readdir(again)).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(join(again, name), "utf8")).toEqual(await readFile(join(out, name), "utf8"));
    }
    const areas = await readFile(join(out, "areas.csv"), "utf8");
    expect(areas.charCodeAt(0)).not.toBe(0xfeff);
    expect(areas).not.toContain("\r");
  });

  it("fails loudly when composing areas with CCG → STP does not reproduce the LSOA lookup", async () => {
    const wrong = FIXTURE["ons_lsoa11_ccg17_stp17_lad17_lookup_apr2017.csv"]?.replace(
      `E01000006,Hartlepool 001C,E38000001,01A,NHS Alpha CCG,E54000045,${DDT}`,
      `E01000006,Hartlepool 001C,E38000001,01A,NHS Alpha CCG,E54000046,${NTW}`,
    );
    const raw = await writeFixture({ "ons_lsoa11_ccg17_stp17_lad17_lookup_apr2017.csv": wrong ?? "" });
    await expect(assembleSeed(raw)).rejects.toThrow(SeedBuildError);
    await expect(assembleSeed(raw)).rejects.toThrow(/area → STP on 2017-06-01/);
  });

  it("fails loudly when a merger row is not an ODS successor line", async () => {
    const wrong = FIXTURE["ods_successors_odsprocessing_20230925.csv"]?.replace(
      "02B,15M,2019-04-01",
      "02B,15X,2019-04-01",
    );
    const raw = await writeFixture({ "ods_successors_odsprocessing_20230925.csv": wrong ?? "" });
    await expect(assembleSeed(raw)).rejects.toThrow(/is not the ODS successor line of E38000002/);
  });
});

describe("seed:build helpers", () => {
  it("codes LDR footprints from their names", () => {
    expect(
      [
        "Peninsula Local Digital Roadmap",
        "Lancashire's Local Digital Roadmap (LLDR)",
        "A Digital Roadmap for Kent & Medway",
        "The Local Digital Roadmap for Warrington",
        "Leicester, Leicestershire and Rutland (LLR) Local Digital Roadmap 2016-2021",
        "Local Digital Roadmap footprint of HRW CCG and Partners (Hambleton, Richmondshire and Whitby with South Tees)",
      ].map(ldrCodeFromName),
    ).toEqual([
      "LDR-PENINSULA",
      "LDR-LANCASHIRE",
      "LDR-KENT-AND-MEDWAY",
      "LDR-WARRINGTON",
      "LDR-LEICESTER-LEICESTERSHIRE-AND-RUTLAND",
      "LDR-HRW-CCG-AND-PARTNERS",
    ]);
  });

  it("gives one person id to name variants", () => {
    expect(
      ["Dr Amanda Doyle OBE", "Dr Amanda Doyle", "Sir Andrew Cash OBE", "Andy Hardy (Prof Andrew Hardy)"].map(
        personIdFromName,
      ),
    ).toEqual(["amanda-doyle", "amanda-doyle", "andrew-cash", "andy-hardy"]);
  });

  it("refuses ambiguous or unknown organisation names", () => {
    const org = (code: string, name: string, kind: OrganisationRow["kind"]): OrganisationRow => ({
      code,
      odsCode: null,
      name,
      kind,
      trustType: null,
      foundationTrust: null,
      validFrom: "2016-04-01",
      validTo: null,
      evidence: "published",
      refs: [],
      note: null,
    });
    const organisations = [
      org("E38000001", "NHS Alpha CCG", "CCG"),
      org("E38000229", "NHS Alpha CCG", "CCG"),
      org("E38000002", "NHS Beta Clinical Commissioning Group", "CCG"),
      org("RAE", "THE ALPHA NHS FOUNDATION TRUST", "NHS_TRUST"),
      org("E08000003", "Manchester", "LOCAL_AUTHORITY"),
      org("E10000024", "Nottinghamshire", "COUNTY_COUNCIL"),
      org("E06000023", "Bristol, City of", "LOCAL_AUTHORITY"),
    ];
    const index = createOrganisationNameIndex(organisations, new Map());
    expect([
      resolveOrganisationName(index, "NHS Alpha CCG", "ccg"),
      resolveOrganisationName(index, "NHS Beta CCG", "ccg"),
      resolveOrganisationName(index, "Alpha NHS Foundation Trust", "trust"),
      resolveOrganisationName(index, "Manchester City Council", "council"),
      resolveOrganisationName(index, "Nottinghamshire County Council", "council"),
      resolveOrganisationName(index, "Manchester County Council", "council"),
      resolveOrganisationName(index, "Bristol City Council", "council"),
      resolveOrganisationName(index, "NHS Alpha CCG and NHS Beta CCG", "ccg"),
      resolveOrganisationName(index, "Alpha STP", "other"),
    ]).toEqual([
      { kind: "ambiguous", codes: ["E38000001", "E38000229"] },
      { kind: "resolved", code: "E38000002" },
      { kind: "resolved", code: "RAE" },
      { kind: "resolved", code: "E08000003" },
      { kind: "resolved", code: "E10000024" },
      { kind: "unresolved", reason: "no organisation of the seed has this name" },
      { kind: "resolved", code: "E06000023" },
      { kind: "unresolved", reason: "no organisation of the seed has this name" },
      { kind: "unresolved", reason: 'organisation type "other" is not an organisation of the seed' },
    ]);
    expect(normaliseOrganisationName("Royal Devon & Exeter NHS Foundation Trust")).toBe(
      normaliseOrganisationName("ROYAL DEVON AND EXETER NHS FOUNDATION TRUST"),
    );
  });

  it("joins touching intervals and rejects overlapping ones", () => {
    const join = (a: { v: string }, b: { v: string }) => ({ v: `${a.v}+${b.v}` });
    const rows = [
      { key: "a", validFrom: "2017-04-01", validTo: "2018-04-01", v: "2017" },
      { key: "a", validFrom: "2016-04-01", validTo: "2017-04-01", v: "2016" },
      { key: "a", validFrom: "2019-04-01", validTo: null, v: "2019" },
      { key: "b", validFrom: "2016-04-01", validTo: "2017-04-01", v: "b" },
    ];
    expect(
      mergeTouching(
        rows,
        (r) => r.key,
        (a, b) => ({ ...a, ...join(a, b) }),
      ),
    ).toEqual([
      { key: "a", validFrom: "2016-04-01", validTo: "2018-04-01", v: "2016+2017" },
      { key: "a", validFrom: "2019-04-01", validTo: null, v: "2019" },
      { key: "b", validFrom: "2016-04-01", validTo: "2017-04-01", v: "b" },
    ]);
    expect(() =>
      mergeTouching(
        [
          { validFrom: "2016-04-01", validTo: "2018-04-01" },
          { validFrom: "2017-04-01", validTo: null },
        ],
        () => "k",
        (a) => a,
      ),
    ).toThrow(SeedBuildError);
  });

  it("writes RFC 4180 CSV with empty cells for nulls", () => {
    expect(
      formatCsv(
        ["a", "b", "c"],
        [
          ["x, y", null, true],
          ['say "hi"', "line\nbreak", false],
        ],
      ),
    ).toBe('a,b,c\n"x, y",,true\n"say ""hi""","line\nbreak",false\n');
  });
});
