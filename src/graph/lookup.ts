import { cypherInteger, planOperators, type Database, type PlanOperator } from "./database.js";
import { projectEntity, toEntityModel, type EntityRow } from "./entity.js";
import { LEADERS_OF_FOOTPRINT, toLeadershipModel, type LeadershipRow } from "./leadership.js";
import { MEMBER_PAGE_OF_DETAIL, toMemberPage, type MemberPageKey, type MemberPageRow } from "./membership.js";
import type { EntityModel, LeadershipModel, MembershipModel, PageModel } from "./models.js";
import { ANY_GROUND } from "./ground.js";

// An official code, else an ODS code, else a former code. `at` is the date a dated field of the
// entity uses without one: $asOf, else the latest date, or the entity's last day if it ended
// before that. With the entity: its area count at `at` (in the statements built with it), a
// footprint's members page ($members) and leaders ($leaders); each only when asked for (null:
// not read). The ODS and former codes are only searched when no official code matches; the
// former codes in a subquery of their own, so that its scan of footprints is not planned ahead
// of that test.
const FIND_ENTITY_AT = `
OPTIONAL MATCH (exact:Entity {code: $code})
CALL (exact) {
  WITH exact WHERE exact IS NOT NULL
  RETURN exact AS n
  UNION
  WITH exact WHERE exact IS NULL
  MATCH (n:Entity {odsCode: $code}) RETURN n
  UNION
  WITH exact WHERE exact IS NULL
  CALL (exact) {
    MATCH (n:Footprint) WHERE exact IS NULL AND $code IN n.formerCodes RETURN n
  }
  RETURN n
}
WITH n LIMIT 1
WITH n, CASE
  WHEN $asOf IS NOT NULL THEN date($asOf)
  WHEN n.validTo IS NOT NULL AND n.validTo - duration({days: 1}) < date($latest) THEN n.validTo - duration({days: 1})
  ELSE date($latest)
END AS at`;

// The entity's area count at `at` as `areaCount`; or 0, not read, when it is not asked for.
const WITH_AREA_COUNT = `
OPTIONAL MATCH (n)-[own:${ANY_GROUND}]->(n)
  WHERE own.kind = n.kind AND own.validFrom <= at AND (own.validTo IS NULL OR at < own.validTo)
WITH n, at, coalesce(own.areas, 0) AS areaCount`;
const WITHOUT_AREA_COUNT = `
WITH n, at, 0 AS areaCount`;

// The entity and its area count only, when no footprint read is asked for.
const findEntityStatement = (areaCount: string) => `${FIND_ENTITY_AT}${areaCount}
RETURN ${projectEntity("n")} AS entity, toString(at) AS at, areaCount`;

// With a footprint read, the members page at one detail.
const findEntityWithReadsStatement = (areaCount: string, memberPage: string) => `${FIND_ENTITY_AT}${areaCount}
WITH n, at, areaCount, CASE WHEN n:Footprint AND $members IS NOT NULL THEN n END AS g, $members AS key
CALL (key, g) {${memberPage}
}
WITH n, at, areaCount, total, page, CASE WHEN n:Footprint AND $leaders IS NOT NULL THEN n END AS f, $leaders AS key
CALL (key, f) {${LEADERS_OF_FOOTPRINT}
}
RETURN ${projectEntity("n")} AS entity, toString(at) AS at, areaCount, total AS memberTotal, page AS memberPage, leaderships`;

/**
 * The lookup statements, by whether the area count is read: the entity alone, or with footprint
 * reads and the members page at each detail.
 */
const FIND_ENTITY = {
  withAreaCount: {
    alone: findEntityStatement(WITH_AREA_COUNT),
    names: findEntityWithReadsStatement(WITH_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.names),
    terms: findEntityWithReadsStatement(WITH_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.terms),
    whole: findEntityWithReadsStatement(WITH_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.whole),
  },
  withoutAreaCount: {
    alone: findEntityStatement(WITHOUT_AREA_COUNT),
    names: findEntityWithReadsStatement(WITHOUT_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.names),
    terms: findEntityWithReadsStatement(WITHOUT_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.terms),
    whole: findEntityWithReadsStatement(WITHOUT_AREA_COUNT, MEMBER_PAGE_OF_DETAIL.whole),
  },
};

/** What a lookup reads along with the entity. */
export interface LookupReads {
  areaCount: boolean;
  /** A footprint's members page (groupCode is the footprint's), or null. */
  members: Omit<MemberPageKey, "groupCode"> | null;
  /** A footprint's leaders at this date (null: at any date), or undefined: not read. */
  leadersAsOf: string | null | undefined;
}

/** An entity found by code, with what was read along with it. */
export interface EntityWithReads {
  entity: EntityModel;
  /** `asOf` when given; else the latest date, or the entity's last day if it ended before that. */
  at: string;
  areaCount: number | null;
  members: { key: MemberPageKey; page: PageModel<MembershipModel> } | null;
  leaders: LeadershipModel[] | null;
}

/**
 * One entity by official, ODS or former code (as `findEntitiesByCodes` finds it), with what
 * `reads` asks for, in one statement. Null when nothing has the code.
 */
export async function findEntityWithReads(
  db: Database,
  code: string,
  asOf: string | null,
  latest: string,
  reads: LookupReads,
): Promise<EntityWithReads | null> {
  const result = await db.read<{
    entity: EntityRow;
    at: string;
    areaCount: number;
    memberTotal: number;
    memberPage: MemberPageRow;
    leaderships: LeadershipRow[];
  }>(
    FIND_ENTITY[reads.areaCount ? "withAreaCount" : "withoutAreaCount"][
      reads.members === null && reads.leadersAsOf === undefined
        ? "alone"
        : // Without a members page, the statement with the shortest (unused) one.
          (reads.members?.detail ?? "names")
    ],
    {
      code,
      asOf,
      latest,
      members:
        reads.members === null ? null : { ...reads.members, first: cypherInteger(reads.members.first) },
      leaders: reads.leadersAsOf === undefined ? null : { asOf: reads.leadersAsOf },
    },
  );
  const record = result.records[0];
  if (record === undefined) return null;
  const row = record.get("entity");
  const entity = toEntityModel(row, null);
  const isFootprint = entity.entity === "FOOTPRINT";
  const membersKey = reads.members === null ? null : { ...reads.members, groupCode: entity.code };
  return {
    entity,
    at: record.get("at"),
    areaCount: reads.areaCount ? record.get("areaCount") : null,
    members:
      membersKey === null || !isFootprint
        ? null
        : {
            key: membersKey,
            page: toMemberPage(
              toEntityModel(row, membersKey.asOf),
              membersKey,
              record.get("memberTotal"),
              record.get("memberPage"),
            ),
          },
    leaders:
      reads.leadersAsOf === undefined || !isFootprint
        ? null
        : record.get("leaderships").map(toLeadershipModel),
  };
}

/** Runs the lookup of one code, with no footprint reads, under PROFILE and returns every operator of its plan. */
export async function profileFindEntity(db: Database, code: string, latest: string): Promise<PlanOperator[]> {
  const result = await db.read(`PROFILE ${FIND_ENTITY.withoutAreaCount.alone}`, { code, asOf: null, latest });
  return planOperators(result);
}
