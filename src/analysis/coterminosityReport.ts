import type { Database } from "../graph/database.js";
import type { EntityFields } from "../graph/entity.js";
import type { EntityModel, GeographyKindValue, OverlapModel } from "../graph/models.js";
import { measureKindPair, type KindPairGround } from "../graph/overlap.js";
import { classifyRelation, classifyVerdict, VERDICTS, type Verdict } from "./classifyOverlaps.js";

/** One left-hand geography's verdict and overlaps. */
export interface GeographyVerdictModel {
  geography: EntityModel;
  verdict: Verdict;
  overlaps: OverlapModel[];
  uncoveredAreas: number;
  lessCertainAreas: number;
}

/** The whole report, as the API's CoterminosityReport. */
export interface CoterminosityReportModel {
  left: string;
  right: string;
  asOf: string;
  summary: { verdict: Verdict; count: number }[];
  geographies: GeographyVerdictModel[];
  caveats: string[];
}

const LABEL: Record<string, string> = {
  STP: "STP",
  LDR: "LDR",
  CCG: "CCG",
  LOCAL_AUTHORITY: "local authority",
  REGION: "region",
};

/**
 * Holds every left-hand geography of one kind against every right-hand geography of another on a
 * date. The counts come from one statement over the ground the load derives from the area groups;
 * the verdicts are classified here from the counts. Relations and verdicts describe each left-hand geography's
 * covered areas; areas no right-hand geography covers are counted apart, never guessed. With
 * `geographyFields` "naming", its geographies carry only code, name, kind and type (see measureKindPair).
 */
export async function buildCoterminosityReport(
  db: Database,
  left: GeographyKindValue,
  right: GeographyKindValue,
  asOf: string,
  onlyMismatches: boolean,
  geographyFields: EntityFields = "whole",
): Promise<CoterminosityReportModel> {
  return reportFromGround(
    await measureKindPair(db, left, right, asOf, geographyFields),
    left,
    right,
    asOf,
    onlyMismatches,
  );
}

/** The report classified from the measured ground of the two kinds at the date. */
export function reportFromGround(
  ground: KindPairGround,
  left: string,
  right: string,
  asOf: string,
  onlyMismatches: boolean,
): CoterminosityReportModel {
  const pairsByLeft = new Map<string, typeof ground.pairs>();
  for (const pair of ground.pairs) {
    const list = pairsByLeft.get(pair.left.code) ?? [];
    list.push(pair);
    pairsByLeft.set(pair.left.code, list);
  }
  const geographies: GeographyVerdictModel[] = ground.lefts.map((leftGround) => {
    const covered = leftGround.areaCount - leftGround.uncoveredAreas;
    const overlaps: OverlapModel[] = (pairsByLeft.get(leftGround.geography.code) ?? []).map((pair) => {
      const rightAreas = ground.rightAreaCounts.get(pair.right.code) ?? pair.sharedAreas;
      return {
        left: pair.left,
        right: pair.right,
        relation: classifyRelation(pair.sharedAreas, covered, rightAreas),
        sharedAreas: pair.sharedAreas,
        leftShare: leftGround.areaCount === 0 ? 0 : pair.sharedAreas / leftGround.areaCount,
        rightShare: rightAreas === 0 ? 0 : pair.sharedAreas / rightAreas,
      };
    });
    overlaps.sort((a, b) => b.sharedAreas - a.sharedAreas || a.right.code.localeCompare(b.right.code));
    return {
      geography: leftGround.geography,
      verdict: classifyVerdict(overlaps.map((o) => o.relation)),
      overlaps,
      uncoveredAreas: leftGround.uncoveredAreas,
      lessCertainAreas: leftGround.lessCertainAreas,
    };
  });
  const summary = VERDICTS.map((verdict) => ({
    verdict,
    count: geographies.filter((g) => g.verdict === verdict).length,
  }));
  const caveats: string[] = [];
  const partlyUncovered = geographies.filter((g) => g.uncoveredAreas > 0);
  if (partlyUncovered.length > 0) {
    const areas = partlyUncovered.reduce((sum, g) => sum + g.uncoveredAreas, 0);
    caveats.push(
      `${areas} areas of ${partlyUncovered.length} ${LABEL[left] ?? left} geographies lie in no ${LABEL[right] ?? right} on ${asOf}: the sources do not place them, so they are counted as uncovered, not guessed. Verdicts describe the rest.`,
    );
  }
  const empty = geographies.filter((g) => g.overlaps.length === 0 && g.uncoveredAreas === 0);
  if (empty.length > 0) {
    caveats.push(
      `${empty.length} ${LABEL[left] ?? left} geographies existed on ${asOf} but the data places no areas in them then: ${empty.map((g) => g.geography.code).join(", ")}.`,
    );
  }
  if (ground.rightAreaCounts.size === 0) {
    caveats.push(`The data places no areas in any ${LABEL[right] ?? right} on ${asOf}.`);
  }
  const lessCertain = geographies.reduce((sum, g) => sum + g.lessCertainAreas, 0);
  if (lessCertain > 0) {
    caveats.push(
      `${lessCertain} area placements rest on derived or reconstructed evidence (see lessCertainAreas), not on a published lookup.`,
    );
  }
  return {
    left,
    right,
    asOf,
    summary,
    geographies: onlyMismatches ? geographies.filter((g) => g.verdict !== "COTERMINOUS") : geographies,
    caveats,
  };
}
