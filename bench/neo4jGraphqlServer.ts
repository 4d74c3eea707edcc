import { createServer, type Server } from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import type { Driver } from "neo4j-driver";
import {
  AREA_COUNT_FROM_THIS,
  coterminosityStatement,
  FOOTPRINT_WITH_MEMBERS_AND_LEADERS,
  geographyVerdictFromThis,
  geographyStatement,
  pathFromThisStatement,
  pathStatement,
  REGIONS_FROM_THIS,
  STPS_WITH_MEMBERS_AND_REGIONS,
} from "./handCypher.js";
import { readBody, sendJsonText } from "./readBody.js";

const cypher = (statement: string, columnName: string) =>
  `@cypher(statement: ${JSON.stringify(statement)}, columnName: "${columnName}")`;

const GEOGRAPHY_FIELDS = `
  areaCount(asOf: Date!): Int! ${cypher(AREA_COUNT_FROM_THIS, "areaCount")}
  coterminosityLdr(right: String!, asOf: Date!): GeographyVerdict! ${cypher(geographyVerdictFromThis("GROUND_LDR"), "verdict")}
  coterminosityStp(right: String!, asOf: Date!): GeographyVerdict! ${cypher(geographyVerdictFromThis("GROUND_STP"), "verdict")}`;

/**
 * The same graph described for @neo4j/graphql 7: node types with generated queries and
 * relationship connections, per-field @cypher for the analyses (form a), and root @cypher fields
 * holding our hand-written statements (form b), whose answers are plain types.
 */
export const NEO4J_GRAPHQL_TYPE_DEFS = `
type Footprint @node(labels: ["Footprint"]) {
  code: ID!
  name: String!
  kind: String!
  validFrom: Date
  validTo: Date
  evidence: String
  members: [Organisation!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
  leaders: [Person!]! @relationship(type: "LEADS", direction: IN, properties: "Leadership")
  regions(asOf: Date!): [Organisation!]! ${cypher(REGIONS_FROM_THIS, "r")}
  ${GEOGRAPHY_FIELDS}
}

type Organisation @node(labels: ["Organisation"]) {
  code: ID!
  odsCode: String
  name: String!
  kind: String!
  validFrom: Date
  validTo: Date
  ${GEOGRAPHY_FIELDS}
}

type Person @node(labels: ["Person"]) {
  id: ID!
  name: String!
  roles: [Footprint!]! @relationship(type: "LEADS", direction: OUT, properties: "Leadership")
  dayJobs: [Organisation!]! @relationship(type: "WORKS_AT", direction: OUT, properties: "DayJob")
  pathTo(to: ID!): RelationshipPath ${cypher(pathFromThisStatement({ typenameKey: "typename" }), "path")}
}

type Membership @relationshipProperties {
  validFrom: Date!
  validTo: Date
  partial: Boolean
  evidence: String
}

type Leadership @relationshipProperties {
  validFrom: String
  validTo: String
  effectiveFrom: Date
  effectiveTo: Date
  dayJobTitle: String
  dayJobOrganisationName: String
  line: Int
  evidence: String
}

type DayJob @relationshipProperties {
  line: Int
  title: String
}

type Named {
  code: ID!
  name: String!
}

type OverlapView {
  right: Named!
  relation: String!
  sharedAreas: Int!
  leftShare: Float!
  rightShare: Float!
}

type GeographyVerdict {
  geography: Named!
  verdict: String!
  uncoveredAreas: Int
  lessCertainAreas: Int
  overlaps: [OverlapView!]!
}

type VerdictCount {
  verdict: String!
  count: Int!
}

type CoterminosityReport {
  left: String
  right: String
  asOf: String!
  summary: [VerdictCount!]!
  caveats: [String!]!
  geographies: [GeographyVerdict!]!
}

type GeographyView {
  typename: String!
  code: ID!
  name: String!
  kind: String!
  areaCount: Int!
  validFrom: String
  validTo: String
}

type MemberView {
  code: ID!
  name: String!
  organisationKind: String
}

type MembershipView {
  member: MemberView!
  validFrom: String
  validTo: String
  partial: Boolean
  evidence: String
}

type MembershipEdgeView {
  node: MembershipView!
}

type MembershipPageView {
  totalCount: Int
  edges: [MembershipEdgeView!]!
}

type PersonView {
  id: ID!
  name: String!
}

type LeadershipView {
  person: PersonView!
  validFrom: String
  validTo: String
  dayJobTitle: String
  dayJobOrganisationName: String
  dayJobOrganisation: Named
}

type FootprintView {
  code: ID!
  name: String!
  members: MembershipPageView
  leaders: [LeadershipView!]
  regions: [Named!]
}

type FootprintEdgeView {
  node: FootprintView!
}

type FootprintPageView {
  totalCount: Int!
  edges: [FootprintEdgeView!]!
}

type PathNodeView {
  typename: String!
  code: ID
  id: ID
  name: String
  size: Int
}

type PathStepView {
  relationship: String!
  validFrom: String
  validTo: String
  from: PathNodeView!
  to: PathNodeView!
}

type RelationshipPath {
  length: Int!
  steps: [PathStepView!]!
}

type Query {
  geographyByCode(code: ID!, asOf: Date!): GeographyView
    ${cypher(geographyStatement({ typenameKey: "typename" }), "geography")}
  footprintWithMembersAndLeaders(code: ID!, asOf: Date!, first: Int!): FootprintView
    ${cypher(FOOTPRINT_WITH_MEMBERS_AND_LEADERS, "geography")}
  stpsWithMembersAndRegions(existedOn: Date!, regionsAsOf: Date!, first: Int!, membersFirst: Int!): FootprintPageView!
    ${cypher(STPS_WITH_MEMBERS_AND_REGIONS, "geographies")}
  coterminosityReportLdr(left: String!, right: String!, asOf: Date, onlyMismatches: Boolean!): CoterminosityReport!
    ${cypher(coterminosityStatement("GROUND_LDR"), "coterminosity")}
  coterminosityReportStp(left: String!, right: String!, asOf: Date, onlyMismatches: Boolean!): CoterminosityReport!
    ${cypher(coterminosityStatement("GROUND_STP"), "coterminosity")}
  relationshipPath(from: ID!, to: ID!): RelationshipPath
    ${cypher(pathStatement({ typenameKey: "typename" }), "path")}
}
`;

/**
 * @neo4j/graphql 7 over the same node:http and Apollo Server 5 as ours: POST /graphql. The
 * library reads the driver it was given; the context is empty.
 */
export async function createNeo4jGraphqlServer(
  driver: Driver,
): Promise<{ server: Server; stop: () => Promise<void> }> {
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPE_DEFS, driver }).getSchema();
  const apollo = new ApolloServer<Record<string, never>>({ schema, introspection: true });
  await apollo.start();
  const server = createServer((request, response) => {
    void (async () => {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const text = await readBody(request);
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method ?? "POST",
          headers,
          search: "",
          body: text === "" ? undefined : (JSON.parse(text) as unknown),
        },
        context: () => Promise.resolve({}),
      });
      if (result.body.kind !== "complete") throw new Error("Incremental delivery is not used");
      sendJsonText(response, result.status ?? 200, result.body.string);
    })().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) sendJsonText(response, 500, '{"error":"internal"}');
    });
  });
  return { server, stop: () => apollo.stop() };
}
