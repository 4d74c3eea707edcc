import { useEffect, useState } from "react";
import { graphqlRequest } from "../api/graphqlRequest";
import type { GeographyKind, ViewGeographyQuery } from "../gql/graphql";
import {
  KIND_TITLES,
  percent,
  RELATION_COLOURS,
  RELATION_SYMBOLS,
  relationText,
  VERDICT_COLOURS,
  verdictText,
} from "./labels";
import { DownloadLinks } from "./downloadLinks";
import type { ReportRow } from "./matrixLayout";
import { ViewGeographyQuery as GeographyDocument } from "./queries";
import { StatusChip } from "./statusChip";
import { statusTitle } from "./statuses";

type Geography = NonNullable<ViewGeographyQuery["geography"]>;
type Overlap = Geography["overlaps"][number];
type StatusHistory = ViewGeographyQuery["statusHistory"];

type Loaded =
  | { state: "loading"; code: string }
  | { state: "error"; code: string; message: string }
  | { state: "done"; code: string; geography: Geography | null; statusHistory: StatusHistory };

const KIND_ORDER: GeographyKind[] = ["STP", "LDR", "CCG", "LOCAL_AUTHORITY", "REGION"];

interface GeographyPanelProps {
  code: string;
  asOf: string;
  /** The geography's row in the report on show, when it is one of the report's left-hand geographies. */
  row: ReportRow | undefined;
  /** The kind the row was held against. */
  right: GeographyKind;
  onSelect: (code: string) => void;
}

/** What one geography is on a date: its members, its leaders and everything it overlaps, fetched from the API. */
export function GeographyPanel({ code, asOf, row, right, onSelect }: GeographyPanelProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading", code });

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: "loading", code });
    graphqlRequest(GeographyDocument, { code, asOf }, controller.signal).then(
      (data) => {
        setLoaded({ state: "done", code, geography: data.geography, statusHistory: data.statusHistory });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ state: "error", code, message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [code, asOf]);

  if (loaded.state === "loading") return <aside className="panel">Loading {code} …</aside>;
  if (loaded.state === "error")
    return (
      <aside className="panel error">
        Could not load {code}: {loaded.message}
      </aside>
    );
  const geography = loaded.geography;
  if (geography === null) return <aside className="panel">No geography has the code {code}.</aside>;

  const byKind = new Map<GeographyKind, Overlap[]>();
  for (const overlap of geography.overlaps) {
    const list = byKind.get(overlap.right.kind) ?? [];
    list.push(overlap);
    byKind.set(overlap.right.kind, list);
  }

  return (
    <aside className="panel" data-testid="geography-panel" data-code={geography.code}>
      <header>
        <div className="panel-kind">{KIND_TITLES[geography.kind]}</div>
        <h2>{geography.name}</h2>
        <div className="panel-meta">
          <code>{geography.code}</code> · {geography.areaCount.toLocaleString("en-GB")} areas on {asOf}
          {geography.validFrom !== null || geography.validTo !== null ? (
            <>
              {" "}
              · existed {geography.validFrom ?? "?"} to {geography.validTo ?? "now"}
            </>
          ) : null}
        </div>
        {geography.__typename === "Footprint" && geography.evidence === "RECONSTRUCTED" ? (
          <div className="less-certain-note">
            ≈ Reconstructed from published documents: no official list exists, so this footprint is less
            certain than the others.
          </div>
        ) : null}
        {geography.__typename === "Footprint" && geography.kind === "STP" ? (
          <div className="panel-status" data-testid="panel-status">
            Status on {asOf}:{" "}
            {geography.status !== null ? (
              <>
                <StatusChip status={geography.status.status} title={statusTitle(geography.status, asOf)} />
                <span className="muted">
                  {" "}
                  as &ldquo;{geography.status.system}&rdquo; from {geography.status.effectiveFrom ?? "?"}
                </span>
              </>
            ) : (
              <span className="muted">none sourced by then</span>
            )}
          </div>
        ) : null}
        {row !== undefined ? (
          <div className="panel-verdict" style={{ borderColor: VERDICT_COLOURS[row.verdict] }}>
            <span className="verdict-badge" style={{ background: VERDICT_COLOURS[row.verdict] }}>
              {row.verdict}
            </span>
            {verdictText(row.verdict, right)}
            {row.uncoveredAreas > 0
              ? ` · ${row.uncoveredAreas} areas in no right-hand geography (gap)`
              : null}
            {row.lessCertainAreas > 0
              ? ` · ${row.lessCertainAreas} areas placed on less certain evidence`
              : null}
          </div>
        ) : null}
      </header>

      {geography.__typename === "Footprint" &&
      (geography.kind === "STP" || loaded.statusHistory.length > 0) ? (
        <StatusHistorySection
          code={geography.code}
          name={geography.name}
          asOf={asOf}
          history={loaded.statusHistory}
        />
      ) : null}

      {geography.__typename === "Footprint" ? (
        <>
          <section data-testid="members">
            <h3>Members on {asOf}</h3>
            {geography.members.edges.length === 0 ? (
              <p className="muted">None on this date.</p>
            ) : (
              <ul>
                {geography.members.edges.map(({ node }) => (
                  <li key={node.member.code}>
                    {node.member.name}{" "}
                    <span className="muted">{node.member.organisationKind.replace("_", " ")}</span>
                    {node.partial ? <span className="tag tag-warn">partly</span> : null}
                    {node.evidence === "RECONSTRUCTED" ? (
                      <span className="tag" title={node.note ?? undefined}>
                        ≈ {node.evidenceDetail ?? "reconstructed"}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section data-testid="leaders">
            <h3>Leaders</h3>
            {geography.leaders.length === 0 ? (
              <p className="muted">The sources name none.</p>
            ) : (
              <ul>
                {geography.leaders.map((leader) => (
                  <li key={`${leader.person.id}-${leader.validFrom ?? ""}`}>
                    <strong>{leader.person.name}</strong>
                    {leader.dayJobTitle !== null || leader.dayJobOrganisationName !== null ? (
                      <span className="muted">
                        {" "}
                        — {[leader.dayJobTitle, leader.dayJobOrganisationName].filter(Boolean).join(", ")}
                      </span>
                    ) : null}
                    <span className="muted">
                      {" "}
                      (from {leader.validFrom ?? "?"}
                      {leader.validTo !== null ? ` to ${leader.validTo}` : ""})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {geography.regions.length > 0 ? (
            <section>
              <h3>Region</h3>
              <p>{geography.regions.map((region) => region.name).join(", ")}</p>
            </section>
          ) : null}
        </>
      ) : null}

      {geography.__typename !== "Footprint" &&
      "footprints" in geography &&
      geography.footprints.length > 0 ? (
        <section data-testid="memberships">
          <h3>Belongs to on {asOf}</h3>
          <ul>
            {geography.footprints.map((membership) => (
              <li key={membership.group.code}>
                {membership.group.name}
                {membership.group.__typename === "Footprint" ? (
                  <span className="muted"> {membership.group.kind}</span>
                ) : null}
                {membership.partial ? <span className="tag tag-warn">partly</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section data-testid="overlaps">
        <h3>Overlaps on {asOf}</h3>
        {KIND_ORDER.filter((kind) => byKind.has(kind)).map((kind) => (
          <div key={kind} className="overlap-group">
            <h4>{KIND_TITLES[kind]}</h4>
            <ul className="overlap-list">
              {(byKind.get(kind) ?? []).map((overlap) => (
                <li key={overlap.right.code}>
                  <button
                    type="button"
                    className="link"
                    title={relationText(overlap.relation, geography.name, overlap.right.name)}
                    onClick={() => {
                      onSelect(overlap.right.code);
                    }}
                  >
                    <span className="relation" style={{ background: RELATION_COLOURS[overlap.relation] }}>
                      {RELATION_SYMBOLS[overlap.relation]}
                    </span>
                    {overlap.right.name}
                  </button>
                  <span className="muted">
                    {" "}
                    {overlap.sharedAreas} areas · {percent(overlap.leftShare)} of this ·{" "}
                    {percent(overlap.rightShare)} of that
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {geography.overlaps.length === 0 ? (
          <p className="muted">It shares ground with nothing on this date.</p>
        ) : null}
      </section>
    </aside>
  );
}

/** Where a change stands: the one that gives the footprint's status on `asOf`, one taking effect later, or neither. */
function currentIndexOf(history: StatusHistory, asOf: string): number {
  // The API lists changes oldest first, same-day ones in seed order: the last one by `asOf` counts.
  return history.findLastIndex(
    (change) => change.wholeFootprint && change.effectiveFrom !== null && change.effectiveFrom <= asOf,
  );
}

/** Every sourced status change of a footprint, oldest first, with its source; the one in force on `asOf` marked. */
function StatusHistorySection({
  code,
  name,
  asOf,
  history,
}: {
  code: string;
  name: string;
  asOf: string;
  history: StatusHistory;
}) {
  const current = currentIndexOf(history, asOf);
  return (
    <section data-testid="status-history">
      <div className="section-head">
        <h3>Status history</h3>
        <DownloadLinks
          operation="statusHistory"
          variables={{ code }}
          what={`every sourced status change of ${name}, with its source`}
        />
      </div>
      {history.length === 0 ? (
        <p className="muted">No source gives it a status: a gap in the data, not a status.</p>
      ) : (
        <ol className="status-history">
          {history.map((change, index) => {
            const later = change.effectiveFrom !== null && change.effectiveFrom > asOf;
            return (
              <li
                key={`${change.source}-${change.status}-${change.system}-${String(index)}`}
                className={index === current ? "current" : later ? "later" : undefined}
                data-status={change.status}
                data-whole-footprint={change.wholeFootprint ? "true" : "false"}
              >
                <span className="status-date">
                  {change.validFrom ?? change.announced ?? "undated"}
                  {change.validFrom === null && change.announced !== null ? (
                    <abbr title="The date it was announced: the source gives no date it took effect">
                      {" "}
                      ann.
                    </abbr>
                  ) : null}
                </span>
                <div className="status-body">
                  <StatusChip
                    status={change.status}
                    title={`${change.system}${change.quote !== null ? `: “${change.quote}”` : ""}`}
                  />
                  {change.wholeFootprint ? null : (
                    <span className="smaller-system">
                      {change.system}{" "}
                      <span className="muted">
                        (a smaller system inside it, not the footprint&rsquo;s status)
                      </span>
                    </span>
                  )}
                  {index === current ? <span className="tag tag-current">in force on {asOf}</span> : null}
                  {later ? <span className="muted"> after {asOf}</span> : null}
                  <div className="status-meta">
                    <a className="source-link" href={change.source} target="_blank" rel="noreferrer">
                      source
                    </a>
                    {change.note !== null ? (
                      <details className="status-note">
                        <summary>note</summary>
                        {change.note}
                      </details>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
