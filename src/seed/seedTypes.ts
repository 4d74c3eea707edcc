import type { EvidenceLevel } from "../graph/models.js";

/** Organisation kinds a seed may hold; CCG, LOCAL_AUTHORITY and REGION are also geographies. */
export const ORGANISATION_KINDS = [
  "CCG",
  "NHS_TRUST",
  "LOCAL_AUTHORITY",
  "COUNTY_COUNCIL",
  "REGION",
  "LOCAL_OFFICE",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const FOOTPRINT_KINDS = ["STP", "LDR"] as const;
export type FootprintKind = (typeof FOOTPRINT_KINDS)[number];

export const TRUST_TYPES = [
  "ACUTE",
  "ACUTE_SPECIALIST",
  "MENTAL_HEALTH",
  "COMMUNITY",
  "AMBULANCE",
  "CARE_TRUST",
] as const;

export const STATUSES = ["CANDIDATE", "DEVOLVED", "SHADOW_ACS", "ACS", "SHADOW_ICS", "ICS", "ICP"] as const;
export type SystemStatusValue = (typeof STATUSES)[number];

/** A reference to the raw line a value came from. */
export interface SourceRef {
  sourceId: string;
  row: number | null;
}

export interface SeedSource {
  id: string;
  file: string;
  title: string;
  publisher: string | null;
  licence: string | null;
  evidence: EvidenceLevel;
  url: string | null;
  note: string | null;
}

export interface SeedArea {
  code: string;
  name: string;
  source: string;
}

export interface SeedOrganisation {
  code: string;
  odsCode: string | null;
  name: string;
  kind: OrganisationKind;
  trustType: string | null;
  foundationTrust: boolean | null;
  validFrom: string | null;
  validTo: string | null;
  evidence: EvidenceLevel;
  source: string;
  note: string | null;
}

export interface SeedFootprint {
  code: string;
  name: string;
  kind: FootprintKind;
  formerCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  evidence: EvidenceLevel;
  source: string;
  note: string | null;
}

/** An organisation or footprint inside another, over [validFrom, validTo). */
export interface SeedMembership {
  memberCode: string;
  groupCode: string;
  validFrom: string;
  validTo: string | null;
  partial: boolean;
  evidence: EvidenceLevel;
  evidenceDetail: string | null;
  source: string;
  note: string | null;
}

/** An LSOA area inside a geography, over [validFrom, validTo). */
export interface SeedAreaMembership {
  areaCode: string;
  geographyCode: string;
  validFrom: string;
  validTo: string | null;
  evidence: EvidenceLevel;
  source: string;
}

export interface SeedLeader {
  personId: string;
  name: string;
  footprintCode: string;
  dayJobTitle: string | null;
  dayJobOrgCode: string | null;
  dayJobOrgName: string | null;
  /** As precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
  validFrom: string | null;
  validTo: string | null;
  evidence: EvidenceLevel;
  source: string;
  note: string | null;
  line: number;
}

export interface SeedStatusChange {
  id: string;
  footprintCode: string;
  systemName: string;
  wholeFootprint: boolean;
  status: SystemStatusValue;
  validFrom: string | null;
  announced: string | null;
  sourceUrl: string;
  sourceQuote: string | null;
  note: string | null;
  source: string;
}

/** A whole seed, parsed and validated. */
export interface Seed {
  dir: string;
  sources: SeedSource[];
  areas: SeedArea[];
  organisations: SeedOrganisation[];
  footprints: SeedFootprint[];
  memberships: SeedMembership[];
  areaMemberships: SeedAreaMembership[];
  leaders: SeedLeader[];
  statusChanges: SeedStatusChange[];
}
