import { SeedBuildError } from "./seedBuildError.js";

/** One yearly vintage of a lookup: it holds over [from, to); a null `to` is open-ended. */
export interface Vintage {
  label: string;
  from: string;
  to: string | null;
}

function yearly(labels: readonly string[], lastIsOpen: boolean): Vintage[] {
  return labels.map((label, i) => {
    const next = labels[i + 1];
    return {
      label,
      from: `${label}-04-01`,
      to: next !== undefined ? `${next}-04-01` : lastIsOpen ? null : `${Number(label) + 1}-04-01`,
    };
  });
}

/** The CCG vintages (April of each year); the last holds as far as the data knows. */
export const CCG_VINTAGES = yearly(["2016", "2017", "2018", "2019", "2020"], true);

/** The LAD vintages of the LSOA lookups; no LSOA → LAD lookup after April 2018 exists in the sources. */
export const LAD_VINTAGES = yearly(["2016", "2017", "2018"], false);

/** LDR footprints are defined over the April 2016 CCGs, so they hold for that vintage. */
export const LDR_VALID_FROM = "2016-04-01";
export const LDR_VALID_TO = "2017-04-01";

/** The April 2017 region lookup is keyed on the April 2017 CCG set. */
export const REGION_VALID_FROM = "2017-04-01";
export const REGION_VALID_TO = "2018-04-01";

/** The acute trust → STP table describes 2017/18. */
export const TRUST_STP_VALID_FROM = "2017-04-01";
export const TRUST_STP_VALID_TO = "2018-04-01";

/** Returns the vintage with the label, or throws. */
export function vintageByLabel(vintages: readonly Vintage[], label: string): Vintage {
  const vintage = vintages.find((v) => v.label === label);
  if (vintage === undefined) throw new SeedBuildError(`no vintage ${label}`);
  return vintage;
}
