import type { GeographyKind, OverlapRelation, SystemStatus, Verdict } from "../gql/graphql";

const KIND_LABELS: Record<GeographyKind, [singular: string, plural: string]> = {
  STP: ["STP", "STPs"],
  LDR: ["LDR", "LDRs"],
  CCG: ["CCG", "CCGs"],
  LOCAL_AUTHORITY: ["council", "councils"],
  REGION: ["region", "regions"],
};

/** "STP", "council"; the plural when `count` is not 1. */
export function kindLabel(kind: GeographyKind, count = 1): string {
  return KIND_LABELS[kind][count === 1 ? 0 : 1];
}

export const KIND_TITLES: Record<GeographyKind, string> = {
  STP: "STP footprints",
  LDR: "LDR footprints",
  CCG: "CCGs",
  LOCAL_AUTHORITY: "Local authorities (councils)",
  REGION: "NHS England regions",
};

/** Colours of the verdicts and relations: green is the same ground, red is ground cut across. */
export const VERDICT_COLOURS: Record<Verdict, string> = {
  COTERMINOUS: "#2e7d32",
  NESTED: "#1565c0",
  UNION: "#7b1fa2",
  STRADDLES: "#d32f2f",
  NONE: "#757575",
};

/** What a verdict means for a left-hand geography held against geographies of `right`, in words. */
export function verdictText(verdict: Verdict, right: GeographyKind): string {
  switch (verdict) {
    case "COTERMINOUS":
      return `the same ground as one ${kindLabel(right)}`;
    case "NESTED":
      return `wholly inside one larger ${kindLabel(right)}`;
    case "UNION":
      return `exactly several whole ${kindLabel(right, 2)}`;
    case "STRADDLES":
      return `cut across by ${kindLabel(right)} boundaries`;
    case "NONE":
      return `no ${kindLabel(right)} covers it on that date (a gap in the data)`;
  }
}

export const RELATION_COLOURS: Record<OverlapRelation, string> = {
  EQUAL: VERDICT_COLOURS.COTERMINOUS,
  LEFT_WITHIN_RIGHT: VERDICT_COLOURS.NESTED,
  RIGHT_WITHIN_LEFT: VERDICT_COLOURS.UNION,
  PARTIAL: VERDICT_COLOURS.STRADDLES,
};

/** How `left` sits against `right`, in words. */
export function relationText(relation: OverlapRelation, left: string, right: string): string {
  switch (relation) {
    case "EQUAL":
      return `${left} = ${right}`;
    case "LEFT_WITHIN_RIGHT":
      return `${left} lies inside ${right}`;
    case "RIGHT_WITHIN_LEFT":
      return `${right} lies inside ${left}`;
    case "PARTIAL":
      return `${left} and ${right} share part of their ground`;
  }
}

export const RELATION_SYMBOLS: Record<OverlapRelation, string> = {
  EQUAL: "=",
  LEFT_WITHIN_RIGHT: "⊂",
  RIGHT_WITHIN_LEFT: "⊃",
  PARTIAL: "⋂",
};

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * How a footprint's status is drawn: accountable care (teal) and integrated care (indigo), a shadow
 * status outlined and a designated one filled, so the path STP → shadow → designated reads left to right.
 */
export const STATUS_STYLES: Record<SystemStatus, { colour: string; outline: boolean; meaning: string }> = {
  CANDIDATE: { colour: "#607d8b", outline: true, meaning: "named a likely candidate; not a designation" },
  DEVOLVED: { colour: "#8d6e63", outline: false, meaning: "a health devolution deal area" },
  SHADOW_ACS: { colour: "#00838f", outline: true, meaning: "shadow accountable care system" },
  ACS: { colour: "#00838f", outline: false, meaning: "accountable care system" },
  SHADOW_ICS: { colour: "#3949ab", outline: true, meaning: "shadow integrated care system" },
  ICS: { colour: "#3949ab", outline: false, meaning: "integrated care system" },
  ICP: { colour: "#ad1457", outline: false, meaning: "integrated care partnership inside a larger system" },
};
