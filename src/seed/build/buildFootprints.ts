import type { CcgStpVintage } from "./readCcgStpVintages.js";
import { presenceInterval } from "./interval.js";
import type { LdrFootprint } from "./readLdrFootprints.js";
import { rawTable, type RawData } from "./readRaw.js";
import { SeedBuildError } from "./seedBuildError.js";
import type { FootprintRow, SeedFinding } from "./seedRows.js";
import { refOf, type SourceRef } from "./sourceRef.js";
import type { StpCodeChanges } from "./readStpCodeChanges.js";
import { CCG_VINTAGES, LDR_VALID_FROM, LDR_VALID_TO } from "./vintage.js";

/** footprints.csv rows sorted by code, and what the build found missing or in conflict. */
export interface FootprintsResult {
  rows: FootprintRow[];
  /** Old code → the code ONS gave the same-named STP in the next vintage. */
  recodes: Map<string, string>;
  gaps: SeedFinding[];
  conflicts: SeedFinding[];
}

function stpRows(
  raw: RawData,
  vintages: readonly CcgStpVintage[],
  changes: StpCodeChanges,
  result: FootprintsResult,
): void {
  const last = vintages[vintages.length - 1];
  if (last === undefined) throw new SeedBuildError("no CCG → STP vintages");
  const odsCodes = new Map<string, { ods: string; ref: SourceRef }>();
  for (const row of rawTable(raw, "ons-stp20-names").rows) {
    const code = row.get("STP20CD");
    const entry = last.stps.get(code);
    if (entry === undefined || entry.name !== row.get("STP20NM")) {
      throw new SeedBuildError(
        `ons-stp20-names:${row.line}: ${code} disagrees with the April 2020 CCG → STP lookup`,
      );
    }
    odsCodes.set(code, { ods: row.get("STP20CDH"), ref: refOf(row) });
  }
  if (odsCodes.size !== last.stps.size)
    throw new SeedBuildError("ons-stp20-names does not list every April 2020 STP");

  const codes = [...new Set(vintages.flatMap((v) => [...v.stps.keys()]))].sort();
  const firstSeen = new Map(codes.map((code) => [code, vintages.findIndex((v) => v.stps.has(code))]));
  const lastSeen = new Map(
    codes.map((code) => [code, vintages.map((v) => v.stps.has(code)).lastIndexOf(true)]),
  );
  for (const code of codes) {
    const present = new Set(vintages.filter((v) => v.stps.has(code)).map((v) => v.label));
    const interval = presenceInterval(
      `STP ${code}`,
      present,
      CCG_VINTAGES,
      true,
      present.has("2016") ? changes.announced.date : undefined,
    );
    const names = vintages.flatMap((v) => {
      const entry = v.stps.get(code);
      return entry === undefined ? [] : [{ label: v.label, name: entry.name, refs: entry.refs }];
    });
    const latest = names[names.length - 1];
    if (latest === undefined) throw new SeedBuildError(`STP ${code} has no name`);
    const refs = names.flatMap((n) => n.refs.slice(0, 1));
    if (present.has("2016")) refs.push(changes.announced.ref);
    const notes: string[] = [];
    const distinct = [...new Set(names.map((n) => n.name))];
    if (distinct.length > 1) {
      const byName = distinct.map((name) => {
        const labels = names.filter((n) => n.name === name).map((n) => n.label);
        return `'${name}' (${labels.join(", ")})`;
      });
      notes.push(`Named ${byName.join(", ")} by vintage; the graph uses the latest.`);
      result.conflicts.push({
        topic: "STP names",
        text: `${code}: ${byName.join(", ")}; the graph uses '${latest.name}'.`,
      });
    }
    const formerCode = changes.formerCodes.get(code);
    if (formerCode !== undefined) {
      refs.push(changes.recodeRef);
      notes.push(
        `Recoded from ${formerCode} in December 2016 (published figures, ${changes.move.effective.slice(0, 7)}); the sources give no name for ${formerCode}.`,
      );
    }
    if (changes.border.stpCodes.includes(code)) {
      refs.push(changes.border.ref);
      notes.push(
        `Recoded with the February 2017 border correction between ${changes.border.stpCodes.join(" and ")} (published figures); its earlier code is not in the sources.`,
      );
    }
    const ods = odsCodes.get(code);
    if (ods !== undefined) {
      refs.push(ods.ref);
      notes.push(`ODS code (April 2020): ${ods.ods}.`);
    }
    let recodedFrom: string | undefined;
    const first = firstSeen.get(code) ?? 0;
    const previous = vintages[first - 1];
    const current = vintages[first];
    if (previous !== undefined && current !== undefined) {
      // A code new in a later vintage: name where its CCGs were a year earlier, and any recode.
      const before = new Set<string>();
      for (const ccg of current.ccgs.values()) {
        if (!ccg.stps.some((s) => s.stpCode === code)) continue;
        for (const s of previous.ccgs.get(ccg.code)?.stps ?? []) before.add(s.stpCode);
      }
      const recodeOf = [...previous.stps.values()].filter(
        (old) =>
          !current.stps.has(old.code) &&
          (latest.name.startsWith(old.name) || old.name.startsWith(latest.name)),
      );
      if (recodeOf.length === 1 && recodeOf[0] !== undefined) {
        recodedFrom = recodeOf[0].code;
        notes.push(
          `New code in April ${current.label} for ${recodeOf[0].code} under a matching name (ONS); kept as its own row, with ${recodeOf[0].code} as its former code.`,
        );
      } else if (before.size > 0) {
        notes.push(
          `New in April ${current.label}; its CCGs that existed a year earlier were then in ${[...before].sort().join(", ")}.`,
        );
      }
    }
    const lastIndex = lastSeen.get(code) ?? 0;
    const next = vintages[lastIndex + 1];
    if (next !== undefined) {
      const successor = [...next.stps.values()].filter(
        (s) =>
          !vintages[lastIndex]?.stps.has(s.code) &&
          (s.name.startsWith(latest.name) || latest.name.startsWith(s.name)),
      );
      if (successor.length === 1 && successor[0] !== undefined) {
        notes.push(
          `ONS gave it the new code ${successor[0].code} in April ${next.label} under a matching name.`,
        );
        result.recodes.set(code, successor[0].code);
      } else {
        const after = new Set<string>();
        for (const ccg of vintages[lastIndex]?.ccgs.values() ?? []) {
          if (!ccg.stps.some((s) => s.stpCode === code)) continue;
          for (const s of next.ccgs.get(ccg.code)?.stps ?? []) after.add(s.stpCode);
        }
        if (after.size > 0) {
          notes.push(
            `Absent from April ${next.label}; its CCGs that still existed were then in ${[...after].sort().join(", ")}.`,
          );
        }
      }
    }
    result.rows.push({
      code,
      name: latest.name,
      kind: "STP",
      formerCodes: [formerCode, recodedFrom].filter((c): c is string => c !== undefined),
      ...interval,
      evidence: "published",
      refs,
      note: notes.length > 0 ? notes.join(" ") : null,
    });
  }
  for (const code of changes.border.stpCodes) {
    result.gaps.push({
      topic: "Footprint codes",
      text: `${code}: recoded in February 2017 (Cumbria border correction); its earlier code and name are not in the sources.`,
    });
  }
  for (const [code, formerCode] of changes.formerCodes) {
    result.gaps.push({
      topic: "Footprint codes",
      text: `${formerCode} (now ${code}): the sources give no name for the former code; none is invented.`,
    });
  }
}

function ldrRows(ldrs: readonly LdrFootprint[], ccgs2016: CcgStpVintage, result: FootprintsResult): void {
  for (const ldr of ldrs) {
    const named = ldr.rows.filter((r) => r.get("evidence") === "named_in_source").length;
    const stps = [...new Set(ldr.rows.map((r) => r.get("stp16cd")))].sort();
    const notes = [
      `Reconstructed LDR footprint: no official LDR code exists, so seed:build assigned ${ldr.code} from the name.`,
      `Defined over April 2016 CCGs, so valid for that CCG vintage.`,
      `${ldr.rows.length} CCG${ldr.rows.length === 1 ? "" : "s"}: ${named} named in source, ${ldr.rows.length - named} inferred.`,
    ];
    if (/assumed|not confirmed/i.test(ldr.name)) notes.push("Its name is assumed by the reconstruction.");
    if (stps.length > 1) notes.push(`Spans STPs ${stps.join(" and ")}.`);
    result.rows.push({
      code: ldr.code,
      name: ldr.name,
      kind: "LDR",
      formerCodes: [],
      validFrom: LDR_VALID_FROM,
      validTo: LDR_VALID_TO,
      evidence: "reconstructed",
      refs: ldr.rows.map(refOf),
      note: notes.join(" "),
    });
  }
  const placed = new Set(ldrs.flatMap((l) => l.rows.map((r) => r.get("ccg16cd"))));
  const missing = new Map<string, string[]>();
  for (const ccg of ccgs2016.ccgs.values()) {
    if (placed.has(ccg.code)) continue;
    for (const { stpCode } of ccg.stps)
      missing.set(stpCode, [...(missing.get(stpCode) ?? []), `${ccg.odsCode} ${ccg.name}`]);
  }
  const unplaced = [...ccgs2016.ccgs.keys()].filter((code) => !placed.has(code)).length;
  result.gaps.push({
    topic: "LDR footprints",
    text: `${unplaced} of ${ccgs2016.ccgs.size} April 2016 CCGs have no sourced LDR (unknown, not "in no LDR"); ${ldrs.length} LDRs are reconstructed against NHS England's 73 (June 2016) and 65 (after autumn 2016).`,
  });
  for (const stpCode of [...missing.keys()].sort()) {
    const stpName = ccgs2016.stps.get(stpCode)?.name ?? "";
    const list = (missing.get(stpCode) ?? []).sort();
    result.gaps.push({
      topic: "CCGs with no sourced LDR, by STP",
      text: `${stpCode} ${stpName} (${list.length}): ${list.join("; ")}.`,
    });
  }
}

/** Builds footprints.csv: every STP code of every vintage, and the reconstructed LDR footprints. */
export function buildFootprints(
  raw: RawData,
  vintages: readonly CcgStpVintage[],
  changes: StpCodeChanges,
  ldrs: readonly LdrFootprint[],
): FootprintsResult {
  const result: FootprintsResult = { rows: [], recodes: new Map(), gaps: [], conflicts: [] };
  const ccgs2016 = vintages[0];
  if (ccgs2016 === undefined) throw new SeedBuildError("no April 2016 vintage");
  stpRows(raw, vintages, changes, result);
  ldrRows(ldrs, ccgs2016, result);
  result.rows.sort((a, b) => a.code.localeCompare(b.code));
  return result;
}
