import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { firstDayOfMonth } from "./isoDate.js";
import { rawTable, type RawData, type RawRow } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import { refOf, type SourceRef } from "./sourceRef.js";

/** When the STPs were announced, and their code changes of December 2016 and February 2017, per the published figures. */
export interface StpCodeChanges {
  /** The day the 44 footprints were announced (NHS England press release). */
  announced: { date: string; ref: SourceRef };
  /** February 2017 code → the code it replaced (December 2016 recodes). */
  formerCodes: Map<string, string>;
  recodeRef: SourceRef;
  /** The CCG that moved between the recoded STPs, under their February 2017 codes. */
  move: {
    ccgCode: string;
    ccgName: string;
    fromStp: string;
    toStp: string;
    effective: string;
    ref: SourceRef;
  };
  /** The February 2017 Cumbria border correction: the STPs it recoded and the day it took effect. */
  border: { stpCodes: string[]; effective: string; ref: SourceRef };
}

const ANNOUNCED = "stp_footprints";
const DEC_2016 = "stp_code_change_dec2016";
const FEB_2017 = "stp_code_change_feb2017";
const MOVE =
  /^(.+?) CCG moved from STP (E54\d{6}) to (E54\d{6}); the two STPs recoded (E54\d{6}) \(.*\) and (E54\d{6}) \(/;

function figure(raw: RawData, id: string): RawRow {
  const row = rawTable(raw, "published-figures-ldr-stp").rows.find((r) => r.get("figure_id") === id);
  if (row === undefined) throw new SeedBuildError(`published-figures-ldr-stp has no ${id} row`);
  return row;
}

/**
 * Reads the STP announcement and the two STP code-change rows. "moved from STP A to B; the two STPs recoded C (…) and D (…)"
 * is read as A → C and B → D. A month-only date takes effect on its first day.
 */
export function readStpCodeChanges(raw: RawData, ccgs2016: CcgStpVintage): StpCodeChanges {
  const dec = figure(raw, DEC_2016);
  const match = MOVE.exec(dec.get("statement"));
  if (match === null)
    throw new SeedBuildError(`published-figures-ldr-stp:${dec.line}: cannot read the ${DEC_2016} statement`);
  const [, ccgName = "", oldFrom = "", oldTo = "", newFrom = "", newTo = ""] = match;
  const candidates = [...ccgs2016.ccgs.values()].filter((c) => c.name === `NHS ${ccgName} CCG`);
  const ccg = candidates[0];
  if (ccg === undefined || candidates.length !== 1) {
    throw new SeedBuildError(`no single April 2016 CCG named "NHS ${ccgName} CCG"`);
  }
  const feb = figure(raw, FEB_2017);
  const borderCodes = feb.get("statement").match(/E54\d{6}/g) ?? [];
  if (borderCodes.length !== 2)
    throw new SeedBuildError(`published-figures-ldr-stp:${feb.line}: expected two STP codes`);
  const announced = figure(raw, ANNOUNCED);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(announced.get("as_at"))) {
    throw new SeedBuildError(`published-figures-ldr-stp:${announced.line}: ${ANNOUNCED} has no day`);
  }
  return {
    announced: { date: announced.get("as_at"), ref: refOf(announced) },
    formerCodes: new Map([
      [newFrom, oldFrom],
      [newTo, oldTo],
    ]),
    recodeRef: refOf(dec),
    move: {
      ccgCode: ccg.code,
      ccgName: ccg.name,
      fromStp: newFrom,
      toStp: newTo,
      effective: firstDayOfMonth(dec.get("as_at")),
      ref: refOf(dec),
    },
    border: { stpCodes: borderCodes, effective: firstDayOfMonth(feb.get("as_at")), ref: refOf(feb) },
  };
}
