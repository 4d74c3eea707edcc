import type { Evidence } from "./evidence.js";
import type { SourceRef } from "./sourceRef.js";

export type OrganisationKind =
  "CCG" | "NHS_TRUST" | "LOCAL_AUTHORITY" | "COUNTY_COUNCIL" | "REGION" | "LOCAL_OFFICE";
export type TrustType =
  "ACUTE" | "ACUTE_SPECIALIST" | "MENTAL_HEALTH" | "COMMUNITY" | "AMBULANCE" | "CARE_TRUST";
export type FootprintKind = "STP" | "LDR";

export interface SourceRow {
  id: string;
  file: string;
  title: string;
  publisher: string;
  licence: string;
  evidence: Evidence;
  url: string | null;
  note: string | null;
}

export interface AreaRow {
  code: string;
  name: string;
  refs: SourceRef[];
}

export interface OrganisationRow {
  code: string;
  odsCode: string | null;
  name: string;
  kind: OrganisationKind;
  trustType: TrustType | null;
  foundationTrust: boolean | null;
  validFrom: string;
  validTo: string | null;
  evidence: Evidence;
  refs: SourceRef[];
  note: string | null;
}

export interface FootprintRow {
  code: string;
  name: string;
  kind: FootprintKind;
  formerCodes: string[];
  validFrom: string;
  validTo: string | null;
  evidence: Evidence;
  refs: SourceRef[];
  note: string | null;
}

export interface MembershipRow {
  memberCode: string;
  groupCode: string;
  validFrom: string;
  validTo: string | null;
  partial: boolean;
  evidence: Evidence;
  evidenceDetail: string | null;
  refs: SourceRef[];
  note: string | null;
}

export interface AreaMembershipRow {
  areaCode: string;
  geographyCode: string;
  validFrom: string;
  validTo: string | null;
  evidence: Evidence;
  refs: SourceRef[];
}

export interface LeaderRow {
  personId: string;
  name: string;
  footprintCode: string;
  dayJobTitle: string | null;
  dayJobOrgCode: string | null;
  dayJobOrgName: string | null;
  validFrom: string | null;
  validTo: string | null;
  evidence: Evidence;
  refs: SourceRef[];
  note: string | null;
}

export interface StatusRow {
  footprintCode: string;
  systemName: string;
  wholeFootprint: boolean;
  status: string;
  validFrom: string | null;
  announced: string | null;
  sourceUrl: string;
  sourceQuote: string | null;
  note: string | null;
  refs: SourceRef[];
}

/** One gap (something the sources lack) or conflict, grouped by topic for seed/README.md. */
export interface SeedFinding {
  topic: string;
  text: string;
}

/** The whole seed before it is written. */
export interface SeedContent {
  sources: SourceRow[];
  areas: AreaRow[];
  organisations: OrganisationRow[];
  footprints: FootprintRow[];
  memberships: MembershipRow[];
  areaMemberships: AreaMembershipRow[];
  leaders: LeaderRow[];
  statusHistory: StatusRow[];
  gaps: SeedFinding[];
  conflicts: SeedFinding[];
}
