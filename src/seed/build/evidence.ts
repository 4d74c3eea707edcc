/** Evidence levels from strongest to weakest. */
export const EVIDENCE_LEVELS = ["published", "transcribed", "reconstructed", "derived"] as const;
export type Evidence = (typeof EVIDENCE_LEVELS)[number];

/** The weakest of the levels (the latest in EVIDENCE_LEVELS); the levels must not be empty. */
export function weakestEvidence(levels: readonly Evidence[]): Evidence {
  let weakest: Evidence = "published";
  for (const level of levels) {
    if (EVIDENCE_LEVELS.indexOf(level) > EVIDENCE_LEVELS.indexOf(weakest)) weakest = level;
  }
  return weakest;
}
