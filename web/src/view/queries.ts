import { graphql } from "../gql";

/** What a status badge shows: the status, the system the source names, from when, and the source. */
export const ViewStatusChangeFragment = graphql(`
  fragment ViewStatusChange on StatusChange {
    status
    system
    effectiveFrom
    source
  }
`);

/** Every left-hand geography of one kind against the right-hand ones of another, at a date. */
export const ViewCoterminosityQuery = graphql(`
  query ViewCoterminosity($left: GeographyKind!, $right: GeographyKind!, $asOf: Date) {
    coterminosity(left: $left, right: $right, asOf: $asOf) {
      left
      right
      asOf
      summary {
        verdict
        count
      }
      caveats
      geographies {
        geography {
          code
          name
          ... on Footprint {
            evidence
          }
        }
        verdict
        uncoveredAreas
        lessCertainAreas
        overlaps {
          right {
            code
            name
            ... on Footprint {
              evidence
            }
          }
          relation
          sharedAreas
          leftShare
          rightShare
        }
      }
    }
  }
`);

/** One geography: what it overlaps and, for a footprint, its members and leaders. */
export const ViewGeographyQuery = graphql(`
  query ViewGeography($code: ID!, $asOf: Date) {
    geography(code: $code, asOf: $asOf) {
      __typename
      code
      name
      kind
      areaCount(asOf: $asOf)
      validFrom
      validTo
      overlaps(asOf: $asOf) {
        right {
          code
          name
          kind
        }
        relation
        sharedAreas
        leftShare
        rightShare
      }
      ... on Footprint {
        evidence
        formerCodes
        status(asOf: $asOf) {
          ...ViewStatusChange
        }
        members(asOf: $asOf, first: 100) {
          totalCount
          edges {
            node {
              member {
                code
                name
                organisationKind
              }
              partial
              evidence
              evidenceDetail
              note
            }
          }
        }
        leaders {
          person {
            id
            name
          }
          dayJobTitle
          dayJobOrganisationName
          validFrom
          validTo
          evidence
        }
        regions(asOf: $asOf) {
          code
          name
        }
      }
      ... on Organisation {
        footprints(asOf: $asOf) {
          group {
            __typename
            ... on Footprint {
              code
              name
              kind
            }
            ... on Region {
              code
              name
            }
            ... on CountyCouncil {
              code
              name
            }
            ... on LocalOffice {
              code
              name
            }
          }
          partial
          evidence
        }
      }
    }
    statusHistory(code: $code) {
      ...ViewStatusChange
      wholeFootprint
      validFrom
      announced
      quote
      note
    }
  }
`);

/** Each STP existing on `asOf` with its status then (null where no source gives one by then), a page at a time. */
export const ViewStatusesQuery = graphql(`
  query ViewStatuses($asOf: Date!, $after: String) {
    geographies(filter: { kind: STP, existedOn: $asOf }, first: 100, after: $after) {
      edges {
        node {
          code
          ... on Footprint {
            status(asOf: $asOf) {
              ...ViewStatusChange
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
