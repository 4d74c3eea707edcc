import DataLoader from "dataloader";
import {
  areaGeographiesKey,
  areaPageKey,
  findAreasByCodes,
  listAreasOfGeographies,
  listGeographiesOfAreas,
  type AreaGeographiesKey,
  type AreaPageKey,
} from "../graph/area.js";
import type { Database } from "../graph/database.js";
import { findEntitiesByCodes } from "../graph/entity.js";
import { areaCountKey, countAreasByGeography, type AreaCountKey } from "../graph/geography.js";
import {
  findPeopleByIds,
  footprintLeadersKey,
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
import {
  findStatusOfFootprints,
  statusKey,
  type StatusChangeModel,
  type StatusKey,
} from "../graph/status.js";

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

/**
 * Fresh loaders for one request, so that no cached result outlives it. Each is made when first
 * used: most requests use one or two of them.
 */
class RequestLoaders implements Loaders {
  #entityByCode?: Loaders["entityByCode"];
  #areaCountByGeography?: Loaders["areaCountByGeography"];
  #areasByGeography?: Loaders["areasByGeography"];
  #areaByCode?: Loaders["areaByCode"];
  #geographiesByArea?: Loaders["geographiesByArea"];
  #membersByGroup?: Loaders["membersByGroup"];
  #groupsByMember?: Loaders["groupsByMember"];
  #leadersByFootprint?: Loaders["leadersByFootprint"];
  #leadersByOrganisation?: Loaders["leadersByOrganisation"];
  #rolesByPerson?: Loaders["rolesByPerson"];
  #personById?: Loaders["personById"];
  #overlapsByGeography?: Loaders["overlapsByGeography"];
  #overlappingOfKind?: Loaders["overlappingOfKind"];
  #statusOfFootprint?: Loaders["statusOfFootprint"];

  constructor(private readonly db: Database) {}

  get entityByCode(): Loaders["entityByCode"] {
    return (this.#entityByCode ??= new DataLoader((codes) => findEntitiesByCodes(this.db, codes)));
  }

  get areaCountByGeography(): Loaders["areaCountByGeography"] {
    return (this.#areaCountByGeography ??= new DataLoader((keys) => countAreasByGeography(this.db, keys), {
      cacheKeyFn: areaCountKey,
    }));
  }

  get areasByGeography(): Loaders["areasByGeography"] {
    return (this.#areasByGeography ??= new DataLoader((keys) => listAreasOfGeographies(this.db, keys), {
      cacheKeyFn: areaPageKey,
    }));
  }

  get areaByCode(): Loaders["areaByCode"] {
    return (this.#areaByCode ??= new DataLoader((codes) => findAreasByCodes(this.db, codes)));
  }

  get geographiesByArea(): Loaders["geographiesByArea"] {
    return (this.#geographiesByArea ??= new DataLoader((keys) => listGeographiesOfAreas(this.db, keys), {
      cacheKeyFn: areaGeographiesKey,
    }));
  }

  get membersByGroup(): Loaders["membersByGroup"] {
    return (this.#membersByGroup ??= new DataLoader((keys) => listMembersOfGroups(this.db, keys), {
      cacheKeyFn: memberPageKey,
    }));
  }

  get groupsByMember(): Loaders["groupsByMember"] {
    return (this.#groupsByMember ??= new DataLoader((keys) => listGroupsOfMembers(this.db, keys), {
      cacheKeyFn: groupsOfMemberKey,
    }));
  }

  get leadersByFootprint(): Loaders["leadersByFootprint"] {
    return (this.#leadersByFootprint ??= new DataLoader((keys) => listLeadersOfFootprints(this.db, keys), {
      cacheKeyFn: footprintLeadersKey,
    }));
  }

  get leadersByOrganisation(): Loaders["leadersByOrganisation"] {
    return (this.#leadersByOrganisation ??= new DataLoader((codes) =>
      listLeadersAtOrganisations(this.db, codes),
    ));
  }

  get rolesByPerson(): Loaders["rolesByPerson"] {
    return (this.#rolesByPerson ??= new DataLoader((ids) => listRolesOfPeople(this.db, ids)));
  }

  get personById(): Loaders["personById"] {
    return (this.#personById ??= new DataLoader((ids) => findPeopleByIds(this.db, ids)));
  }

  get overlapsByGeography(): Loaders["overlapsByGeography"] {
    return (this.#overlapsByGeography ??= new DataLoader((keys) => measureOverlaps(this.db, keys), {
      cacheKeyFn: overlapKey,
    }));
  }

  get overlappingOfKind(): Loaders["overlappingOfKind"] {
    return (this.#overlappingOfKind ??= new DataLoader<OverlappingKey, EntityModel[], string>(
      (keys) => listOverlappingOfKind(this.db, keys),
      { cacheKeyFn: overlappingKey },
    ));
  }

  get statusOfFootprint(): Loaders["statusOfFootprint"] {
    return (this.#statusOfFootprint ??= new DataLoader((keys) => findStatusOfFootprints(this.db, keys), {
      cacheKeyFn: statusKey,
    }));
  }
}

/** Builds fresh loaders for one request, so that no cached result outlives it. */
export function createLoaders(db: Database): Loaders {
  return new RequestLoaders(db);
}
