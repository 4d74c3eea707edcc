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
import type { ReportRow } from "./matrixLayout";
import { ViewGeographyQuery as GeographyDocument } from "./queries";

type Geography = NonNullable<ViewGeographyQuery["geography"]>;
type Overlap = Geography["overlaps"][number];

type Loaded =
  | { state: "loading"; code: string }
  | { state: "error"; code: string; message: string }
  | { state: "done"; code: string; geography: Geography | null };

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
        setLoaded({ state: "done", code, geography: data.geography });
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
