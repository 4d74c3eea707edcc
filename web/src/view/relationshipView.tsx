import { useEffect, useMemo, useState } from "react";
import { graphqlRequest } from "../api/graphqlRequest";
import type { GeographyKind, Verdict } from "../gql/graphql";
import { DownloadLinks } from "./downloadLinks";
import { describeFindings } from "./findings";
import { GeographyPanel } from "./geographyPanel";
import { KIND_TITLES, kindLabel, RELATION_COLOURS, VERDICT_COLOURS, verdictText } from "./labels";
import { layoutMatrix, type Report } from "./matrixLayout";
import { OverlapMatrix } from "./overlapMatrix";
import { ViewCoterminosityQuery } from "./queries";
import { StatusChip } from "./statusChip";
import { fetchStatuses, type StatusesAt } from "./statuses";

const KINDS: GeographyKind[] = ["STP", "LDR", "CCG", "LOCAL_AUTHORITY", "REGION"];
const VERDICTS: Verdict[] = ["COTERMINOUS", "NESTED", "UNION", "STRADDLES", "NONE"];

interface Selection {
  left: GeographyKind;
  right: GeographyKind;
  /** Empty: the API's default date for the pair. */
  asOf: string;
  verdict: Verdict | undefined;
  focus: string | undefined;
}

const PRESETS: { label: string; left: GeographyKind; right: GeographyKind; asOf: string }[] = [
  { label: "STP × LDR", left: "STP", right: "LDR", asOf: "" },
  { label: "LDR × STP", left: "LDR", right: "STP", asOf: "" },
  { label: "Councils × STP", left: "LOCAL_AUTHORITY", right: "STP", asOf: "2017-06-01" },
  { label: "STP × region", left: "STP", right: "REGION", asOf: "2017-06-01" },
  { label: "CCG × council", left: "CCG", right: "LOCAL_AUTHORITY", asOf: "2016-10-01" },
];

function isKind(value: string | null): value is GeographyKind {
  return value !== null && (KINDS as string[]).includes(value);
}

function isVerdict(value: string | null): value is Verdict {
  return value !== null && (VERDICTS as string[]).includes(value);
}

/** The selection the page's address holds (?left=STP&right=LDR&asOf=…&verdict=…&focus=…), so views can be shared. */
function readSelection(search: string): Selection {
  const params = new URLSearchParams(search);
  const left = params.get("left");
  const right = params.get("right");
  const asOf = params.get("asOf") ?? "";
  const verdict = params.get("verdict");
  return {
    left: isKind(left) ? left : "STP",
    right: isKind(right) ? right : "LDR",
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : "",
    verdict: isVerdict(verdict) ? verdict : undefined,
    focus: params.get("focus") ?? undefined,
  };
}

function writeSelection(selection: Selection): void {
  const params = new URLSearchParams({ left: selection.left, right: selection.right });
  if (selection.asOf !== "") params.set("asOf", selection.asOf);
  if (selection.verdict !== undefined) params.set("verdict", selection.verdict);
  if (selection.focus !== undefined) params.set("focus", selection.focus);
  window.history.replaceState(null, "", `${window.location.pathname}?${params.toString()}`);
}

type Loaded = { state: "loading" } | { state: "error"; message: string } | { state: "done"; report: Report };

/** The STPs' statuses at the report's date; an error leaves the matrix without badges. */
type StatusesLoaded =
  | { state: "loading" }
  | { state: "error"; asOf: string; message: string }
  | { state: "done"; statuses: StatusesAt };

/** The relationship view: pick two kinds of geography and a date, see how their ground overlaps. */
export function RelationshipView() {
  const [selection, setSelection] = useState<Selection>(() => readSelection(window.location.search));
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const update = (change: Partial<Selection>): void => {
    setSelection((current) => ({ ...current, ...change }));
  };

  useEffect(() => {
    writeSelection(selection);
  }, [selection]);

  const { left, right, asOf } = selection;
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: "loading" });
    graphqlRequest(
      ViewCoterminosityQuery,
      { left, right, asOf: asOf === "" ? null : asOf },
      controller.signal,
    ).then(
      (data) => {
        setLoaded({ state: "done", report: data.coterminosity });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ state: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [left, right, asOf]);

  const report = loaded.state === "done" ? loaded.report : undefined;
  // Statuses are STPs': asked for once a side is STP and the report has settled its date.
  const statusDate = report !== undefined && (left === "STP" || right === "STP") ? report.asOf : undefined;
  const [statusesLoaded, setStatusesLoaded] = useState<StatusesLoaded>({ state: "loading" });
  useEffect(() => {
    if (statusDate === undefined) return;
    const controller = new AbortController();
    setStatusesLoaded({ state: "loading" });
    fetchStatuses(statusDate, controller.signal).then(
      (statuses) => {
        setStatusesLoaded({ state: "done", statuses });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setStatusesLoaded({
          state: "error",
          asOf: statusDate,
          message: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return () => {
      controller.abort();
    };
  }, [statusDate]);
  const statuses = statusesLoaded.state === "done" ? statusesLoaded.statuses : undefined;
  const fullLayout = useMemo(
    () => (report === undefined ? undefined : layoutMatrix(report, report.geographies)),
    [report],
  );
  const layout = useMemo(() => {
    if (report === undefined) return undefined;
    const rows =
      selection.verdict === undefined
        ? report.geographies
        : report.geographies.filter((row) => row.verdict === selection.verdict);
    return layoutMatrix(report, rows);
  }, [report, selection.verdict]);
  const findings = useMemo(
    () => (report === undefined || fullLayout === undefined ? [] : describeFindings(report, fullLayout)),
    [report, fullLayout],
  );
  const focusRow = report?.geographies.find((row) => row.geography.code === selection.focus);
  const select = (code: string): void => {
    update({ focus: code });
  };

  return (
    <div className="page">
      <header className="topbar">
        <h1>How the footprints fit together</h1>
        <nav>
          <a href="/explorer">GraphQL explorer</a>
        </nav>
      </header>

      <section className="controls" aria-label="What to compare">
        <div className="presets">
          {PRESETS.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className={preset.left === left && preset.right === right ? "preset active" : "preset"}
              onClick={() => {
                update({ left: preset.left, right: preset.right, asOf: preset.asOf, verdict: undefined });
              }}
            >
              {preset.label}
            </button>
          ))}
        </div>
        <label>
          Rows{" "}
          <select
            name="left"
            value={left}
            onChange={(event) => {
              update({ left: event.target.value as GeographyKind, verdict: undefined });
            }}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_TITLES[kind]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="swap"
          title="Swap rows and columns"
          onClick={() => {
            update({ left: right, right: left, verdict: undefined });
          }}
        >
          ⇄
        </button>
        <label>
          Columns{" "}
          <select
            name="right"
            value={right}
            onChange={(event) => {
              update({ right: event.target.value as GeographyKind, verdict: undefined });
            }}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_TITLES[kind]}
              </option>
            ))}
          </select>
        </label>
        <label>
          On{" "}
          <input
            type="date"
            name="asOf"
            value={asOf}
            min="2016-04-01"
            max="2021-03-31"
            onChange={(event) => {
              update({ asOf: event.target.value });
            }}
          />
        </label>
        {asOf !== "" ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              update({ asOf: "" });
            }}
          >
            default date
          </button>
        ) : null}
        {report !== undefined ? <span className="as-of">answering for {report.asOf}</span> : null}
      </section>

      {loaded.state === "error" ? <p className="error">The API answered: {loaded.message}</p> : null}
      {loaded.state === "loading" ? <p className="loading">Asking the API …</p> : null}

      {report !== undefined && layout !== undefined && left !== right ? (
        <div className="content">
          <main>
            <section className="summary" aria-label="Verdicts">
              {report.summary.map((entry) => (
                <button
                  key={entry.verdict}
                  type="button"
                  className={selection.verdict === entry.verdict ? "chip active" : "chip"}
                  data-verdict={entry.verdict}
                  disabled={entry.count === 0}
                  title={`${entry.verdict}: ${verdictText(entry.verdict, right)}. Click to show only these.`}
                  style={{ borderColor: VERDICT_COLOURS[entry.verdict] }}
                  onClick={() => {
                    update({ verdict: selection.verdict === entry.verdict ? undefined : entry.verdict });
                  }}
                >
                  <span className="chip-dot" style={{ background: VERDICT_COLOURS[entry.verdict] }} />
                  {entry.verdict} <strong>{entry.count}</strong>
                </button>
              ))}
              <span className="muted">
                {selection.verdict === undefined
                  ? `${report.geographies.length} ${kindLabel(left, report.geographies.length)}`
                  : `showing ${layout.rows.length} of ${report.geographies.length}`}
              </span>
              <DownloadLinks
                operation="coterminosity"
                variables={{ left: report.left, right: report.right, asOf: report.asOf }}
                what={`the table: every ${kindLabel(report.left)} against the ${kindLabel(report.right, 2)} on ${report.asOf}, one row per overlap, all verdicts`}
              />
            </section>

            {findings.length > 0 ? (
              <ul className="findings" aria-label="What stands out">
                {findings.map((finding) => (
                  <li key={finding.key} style={{ borderColor: VERDICT_COLOURS[finding.verdict] }}>
                    {finding.codes[0] !== undefined ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          if (finding.codes[0] !== undefined) select(finding.codes[0]);
                        }}
                      >
                        {finding.text}
                      </button>
                    ) : (
                      finding.text
                    )}
                  </li>
                ))}
              </ul>
            ) : null}

            <Legend right={right} statusDate={statusDate} />
            {statusesLoaded.state === "error" && statusesLoaded.asOf === statusDate ? (
              <p className="error">The STPs&rsquo; statuses could not be loaded: {statusesLoaded.message}</p>
            ) : null}

            <div className="matrix-scroll">
              <OverlapMatrix
                layout={layout}
                left={left}
                right={right}
                asOf={report.asOf}
                statuses={statuses}
                selectedCode={selection.focus}
                onSelect={select}
              />
            </div>

            {report.caveats.length > 0 ? (
              <details className="caveats" open>
                <summary>What the data cannot see</summary>
                <ul>
                  {report.caveats.map((caveat) => (
                    <li key={caveat}>{caveat}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </main>
          {selection.focus !== undefined ? (
            <GeographyPanel
              code={selection.focus}
              asOf={report.asOf}
              row={focusRow}
              right={right}
              onSelect={select}
            />
          ) : (
            <aside className="panel muted">
              Click a name, a column or a square to see that geography&rsquo;s members, leaders and everything
              it overlaps.
            </aside>
          )}
        </div>
      ) : null}
      {left === right ? <p className="error">Pick two different kinds of geography.</p> : null}
    </div>
  );
}

/** `statusDate`: the date the STPs' status badges are for, when a side is STP. */
function Legend({ right, statusDate }: { right: GeographyKind; statusDate: string | undefined }) {
  const item = (colour: string, text: string) => (
    <span className="legend-item">
      <span className="legend-swatch" style={{ background: colour }} />
      {text}
    </span>
  );
  return (
    <div className="legend" aria-label="Legend">
      {item(RELATION_COLOURS.EQUAL, "same ground")}
      {item(RELATION_COLOURS.LEFT_WITHIN_RIGHT, `row inside the ${kindLabel(right)}`)}
      {item(RELATION_COLOURS.RIGHT_WITHIN_LEFT, `${kindLabel(right)} inside the row`)}
      {item(RELATION_COLOURS.PARTIAL, "cut across (partial)")}
      <span className="legend-item">
        <span className="legend-swatch hatch" />
        gap: ground no {kindLabel(right)} covers
      </span>
      <span className="legend-item">
        <span className="legend-swatch dashed" />≈ reconstructed from documents: less certain
      </span>
      <span className="legend-item muted">square size: share of the row&rsquo;s ground</span>
      {statusDate !== undefined ? (
        <span className="legend-item" data-testid="status-legend">
          <StatusChip status="ICS" />
          <StatusChip status="SHADOW_ICS" />
          each STP&rsquo;s status on {statusDate}, as the sources give it (outlined: shadow; no badge: none
          sourced by then)
        </span>
      ) : null}
    </div>
  );
}
