import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { rawTable, type RawData } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import { refOf, type SourceRef } from "./sourceRef.js";

/** A CCG's successor from one vintage to the next, with the merger row and the ODS row behind it. */
export interface CcgMerger {
  successor: string;
  refs: SourceRef[];
}

/** Mergers by the label of the vintage they take effect in ("2019", "2020"), keyed by predecessor code. */
export type CcgMergers = Map<string, Map<string, CcgMerger>>;

/**
 * Reads the April 2019 and April 2020 CCG mergers. Fails unless each row's raw ODS line is in the
 * ODS successors file with matching ODS codes, its predecessor exists only before the date and its
 * successor only from it, and each predecessor has one successor.
 */
export function readCcgMergers(raw: RawData, vintages: readonly CcgStpVintage[]): CcgMergers {
  const ods = new Map<string, SourceRef>();
  for (const row of rawTable(raw, "ods-successors").rows) {
    ods.set(`${row.get("from")},${row.get("to")},${row.get("legal_start")}`, refOf(row));
  }
  const mergers: CcgMergers = new Map();
  for (const row of rawTable(raw, "ccg-mergers-2019-2020").rows) {
    const where = `ccg-mergers-2019-2020:${row.line}`;
    const date = row.get("effective_date");
    const label = date.slice(0, 4);
    const index = vintages.findIndex((v) => v.label === label);
    const before = vintages[index - 1];
    const after = vintages[index];
    if (!date.endsWith("-04-01") || before === undefined || after === undefined) {
      throw new SeedBuildError(`${where}: ${date} is not the start of a CCG vintage after the first`);
    }
    const from = row.get("predecessor_ccg_code");
    const to = row.get("successor_ccg_code");
    const predecessor = before.ccgs.get(from);
    const successor = after.ccgs.get(to);
    if (predecessor === undefined || after.ccgs.has(from)) {
      throw new SeedBuildError(`${where}: ${from} is not a CCG that ends on ${date}`);
    }
    if (successor === undefined || before.ccgs.has(to)) {
      throw new SeedBuildError(`${where}: ${to} is not a CCG that starts on ${date}`);
    }
    const quote = row.get("source_quote");
    const odsRef = ods.get(quote);
    if (odsRef === undefined || quote !== `${predecessor.odsCode},${successor.odsCode},${date}`) {
      throw new SeedBuildError(`${where}: "${quote}" is not the ODS successor line of ${from} → ${to}`);
    }
    let byPredecessor = mergers.get(label);
    if (byPredecessor === undefined) {
      byPredecessor = new Map();
      mergers.set(label, byPredecessor);
    }
    if (byPredecessor.has(from)) throw new SeedBuildError(`${where}: ${from} has two successors`);
    byPredecessor.set(from, { successor: to, refs: [refOf(row), odsRef] });
  }
  return mergers;
}
