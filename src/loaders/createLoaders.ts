import DataLoader from "dataloader";
import {
  areaPageKey,
  findAreasByCodes,
  listAreasOfGeographies,
  listGeographiesOfAreas,
  type AreaGeographiesKey,
  type AreaPageKey,
} from "../graph/area.js";
import type { Database } from "../graph/database.js";
import { findEntitiesByCodes } from "../graph/entity.js";
import { countAreasByGeography, type AreaCountKey } from "../graph/geography.js";
import {
  findPeopleByIds,
  listLeadersAtOrganisations,
  listLeadersOfFootprints,
  listRolesOfPeople,
  type FootprintLeadersKey,
} from "../graph/leadership.js";
import {
  groupsOfMemberKey,
  listGroupsOfMembers,
  listMembersOfGroups,
  memberPageKey,
  type GroupsOfMemberKey,
  type MemberPageKey,
} from "../graph/membership.js";
import type {
  AreaModel,
  EntityModel,
  LeadershipModel,
  MembershipModel,
  PageModel,
  PersonModel,
} from "../graph/models.js";
import {
  listOverlappingOfKind,
  measureOverlaps,
  overlapKey,
  overlappingKey,
  type MeasuredOverlap,
  type OverlapKey,
  type OverlappingKey,
} from "../graph/overlap.js";
import { findStatusOfFootprints, type StatusChangeModel, type StatusKey } from "../graph/status.js";

/** The per-request loaders: each batches the keys of one tick into one Cypher statement. */
export interface Loaders {
  entityByCode: DataLoader<string, EntityModel | null>;
  areaCountByGeography: DataLoader<AreaCountKey, number, string>;
  areasByGeography: DataLoader<AreaPageKey, PageModel<AreaModel>, string>;
  areaByCode: DataLoader<string, AreaModel | null>;
  geographiesByArea: DataLoader<AreaGeographiesKey, EntityModel[], string>;
  membersByGroup: DataLoader<MemberPageKey, PageModel<MembershipModel>, string>;
  groupsByMember: DataLoader<GroupsOfMemberKey, MembershipModel[], string>;
  leadersByFootprint: DataLoader<FootprintLeadersKey, LeadershipModel[], string>;
  leadersByOrganisation: DataLoader<string, LeadershipModel[]>;
  rolesByPerson: DataLoader<string, LeadershipModel[]>;
  personById: DataLoader<string, PersonModel | null>;
  overlapsByGeography: DataLoader<OverlapKey, MeasuredOverlap[], string>;
  /** Geographies of one kind sharing ground, most shared first (no shares: cheaper than overlaps). */
  overlappingOfKind: DataLoader<OverlappingKey, EntityModel[], string>;
  statusOfFootprint: DataLoader<StatusKey, StatusChangeModel | null, string>;
}

/** Builds fresh loaders for one request, so that no cached result outlives it. */
export function createLoaders(db: Database): Loaders {
  return {
    entityByCode: new DataLoader((codes) => findEntitiesByCodes(db, codes)),
    areaCountByGeography: new DataLoader((keys) => countAreasByGeography(db, keys), {
      cacheKeyFn: (key) => `${key.code}@${key.asOf}`,
    }),
    areasByGeography: new DataLoader((keys) => listAreasOfGeographies(db, keys), { cacheKeyFn: areaPageKey }),
    areaByCode: new DataLoader((codes) => findAreasByCodes(db, codes)),
    geographiesByArea: new DataLoader((keys) => listGeographiesOfAreas(db, keys), {
      cacheKeyFn: (key) => `${key.areaCode}@${key.asOf}/${key.kind ?? ""}`,
    }),
    membersByGroup: new DataLoader((keys) => listMembersOfGroups(db, keys), { cacheKeyFn: memberPageKey }),
    groupsByMember: new DataLoader((keys) => listGroupsOfMembers(db, keys), {
      cacheKeyFn: groupsOfMemberKey,
    }),
    leadersByFootprint: new DataLoader((keys) => listLeadersOfFootprints(db, keys), {
      cacheKeyFn: (key) => `${key.footprintCode}@${key.asOf ?? ""}`,
    }),
    leadersByOrganisation: new DataLoader((codes) => listLeadersAtOrganisations(db, codes)),
    rolesByPerson: new DataLoader((ids) => listRolesOfPeople(db, ids)),
    personById: new DataLoader((ids) => findPeopleByIds(db, ids)),
    overlapsByGeography: new DataLoader((keys) => measureOverlaps(db, keys), { cacheKeyFn: overlapKey }),
    overlappingOfKind: new DataLoader<OverlappingKey, EntityModel[], string>(
      (keys) => listOverlappingOfKind(db, keys),
      { cacheKeyFn: overlappingKey },
    ),
    statusOfFootprint: new DataLoader((keys) => findStatusOfFootprints(db, keys), {
      cacheKeyFn: (key) => `${key.code}@${key.asOf}`,
    }),
  };
}
