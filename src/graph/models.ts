/** How far a fact can be trusted, from the kind of source it comes from. */
export type EvidenceLevel = "PUBLISHED" | "TRANSCRIBED" | "RECONSTRUCTED" | "DERIVED";

/** The geography kinds the API compares. */
export type GeographyKindValue = "STP" | "LDR" | "CCG" | "LOCAL_AUTHORITY" | "REGION";

/** The organisation kinds the graph holds. */
export type OrganisationKindValue =
  "CCG" | "NHS_TRUST" | "LOCAL_AUTHORITY" | "COUNTY_COUNCIL" | "REGION" | "LOCAL_OFFICE";

/**
 * A footprint or an organisation as graph/ returns it: plain JS values, dates as ISO strings.
 * `asOf` is the date it was looked up at, which its dated fields use when given none of their own.
 */
export interface EntityModel {
  entity: "FOOTPRINT" | "ORGANISATION";
  code: string;
  name: string;
  /** STP or LDR for a footprint; the organisation kind for an organisation. */
  kind: string;
  odsCode: string | null;
  formerCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  evidence: EvidenceLevel;
  trustType: string | null;
  foundationTrust: boolean | null;
  asOf: string | null;
}

/** A geography is an entity that covers ground: a footprint, a CCG, a local authority or a region. */
export type GeographyModel = EntityModel;

/** An organisation's membership of a footprint or of another organisation. */
export interface MembershipModel {
  member: EntityModel;
  group: EntityModel;
  validFrom: string;
  validTo: string | null;
  partial: boolean;
  evidence: EvidenceLevel;
  evidenceDetail: string | null;
  source: string;
  note: string | null;
}

export interface PersonModel {
  id: string;
  name: string;
}

/** A person leading a footprint, with the day job the source gives. */
export interface LeadershipModel {
  personId: string;
  footprintCode: string;
  validFrom: string | null;
  validTo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  dayJobTitle: string | null;
  dayJobOrganisationCode: string | null;
  dayJobOrganisationName: string | null;
  evidence: EvidenceLevel;
  source: string;
  note: string | null;
  /** The person and day-job organisation, when the read that found the leadership brought them along. */
  person?: PersonModel;
  dayJobOrganisation?: EntityModel | null;
}

export interface AreaModel {
  code: string;
  name: string;
}

/** One page of a list, fetched with one row more than asked for to know whether another follows. */
export interface PageModel<T> {
  nodes: T[];
  /** The cursor of the node at `index`, made only when a client asks for it. */
  cursorAt: (index: number) => string;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** A number, or a function that runs the count query only when a client asks for it. */
  totalCount: number | (() => Promise<number>);
}

/** A source file of the seed. */
export interface SourceModel {
  id: string;
  file: string;
  title: string;
  publisher: string | null;
  licence: string | null;
  evidence: EvidenceLevel;
  url: string | null;
}

/** What the loaded data covers. */
export interface DatasetModel {
  coversFrom: string | null;
  latestDate: string | null;
  areaCount: number;
  loadedAt: string | null;
}

/** The ground two geographies share at a date, in areas. */
export interface OverlapModel {
  left: EntityModel;
  right: EntityModel;
  relation: "EQUAL" | "LEFT_WITHIN_RIGHT" | "RIGHT_WITHIN_LEFT" | "PARTIAL";
  sharedAreas: number;
  leftShare: number;
  rightShare: number;
}
