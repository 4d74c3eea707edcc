import type { GeographyKind } from "../gql/graphql";
import { kindLabel, percent, RELATION_COLOURS, relationText, STATUS_STYLES, VERDICT_COLOURS } from "./labels";
import {
  isHighlighted,
  rowLessCertain,
  uncoveredShare,
  type MatrixLayout,
  type ReportRow,
} from "./matrixLayout";
import { statusTitle, type StatusChange, type StatusesAt } from "./statuses";

const CELL = 16;
const LABEL_WIDTH = 290;
const VERDICT_WIDTH = 96;
const BASE_HEADER_HEIGHT = 190;
const GAP_SPACING = 12;
const MAX_LABEL = 40;
const LABEL_RUN = 190;
/** The status column beside STP rows, and the run a status badge takes along an STP column's label. */
const STATUS_WIDTH = 80;
const BADGE_WIDTH = 70;
const BADGE_RUN = BADGE_WIDTH + 4;

function shorten(name: string, length = MAX_LABEL): string {
  return name.length > length ? `${name.slice(0, length - 1)}…` : name;
}

interface OverlapMatrixProps {
  layout: MatrixLayout;
  left: GeographyKind;
  right: GeographyKind;
  /** The report's date. */
  asOf: string;
  /** Each STP's status on `asOf`, drawn beside STP names; undefined while loading or unavailable. */
  statuses: StatusesAt | undefined;
  selectedCode: string | undefined;
  onSelect: (code: string) => void;
}

/**
 * The overlap matrix: one row per left-hand geography, one column per right-hand one, a square
 * where they share ground (its size is the share of the row's ground, its colour the relation),
 * and a last column for the row's ground no right-hand geography covers (the gap). Rows worth a
 * look are banded in their verdict's colour; less certain (reconstructed) geographies are dashed.
 * STP names carry a badge of their status on the report's date, where the sources give one.
 */
export function OverlapMatrix({
  layout,
  left,
  right,
  asOf,
  statuses,
  selectedCode,
  onSelect,
}: OverlapMatrixProps) {
  const { rows, columns, columnIndex, usualVerdict } = layout;
  const rowStatuses = left === "STP";
  const columnStatuses = right === "STP";
  // Statuses only count for the date they were asked for.
  const statusOf = (code: string): StatusChange | null | undefined =>
    statuses?.asOf === asOf ? statuses.byCode.get(code) : undefined;
  const verdictX = LABEL_WIDTH + (rowStatuses ? STATUS_WIDTH : 0);
  const gridLeft = verdictX + VERDICT_WIDTH;
  const gapX = gridLeft + columns.length * CELL + GAP_SPACING;
  const width = gapX + CELL + 24;
  // Slanted labels rise at 60°: a badge before each column's name needs that much more room.
  const headerHeight =
    BASE_HEADER_HEIGHT + (columnStatuses ? Math.ceil(BADGE_RUN * Math.sin(Math.PI / 3)) : 0);
  const height = headerHeight + rows.length * CELL + 8;
  const selectedColumn = selectedCode === undefined ? undefined : columnIndex.get(selectedCode);

  const rowY = (index: number): number => headerHeight + index * CELL;
  const columnX = (index: number): number => gridLeft + index * CELL;

  return (
    <svg
      className="matrix"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Overlap matrix of ${kindLabel(left, 2)} against ${kindLabel(right, 2)}`}
    >
      <defs>
        <pattern
          id="gap-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#f3f3f3" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9e9e9e" strokeWidth="2.5" />
        </pattern>
      </defs>

      {/* Column bands: the selected column, and right-hand geographies that stand out. */}
      {columns.map((column, index) =>
        (column.highlighted && !column.partial) || index === selectedColumn ? (
          <rect
            key={`band-${column.code}`}
            x={columnX(index)}
            y={headerHeight - 4}
            width={CELL}
            height={rows.length * CELL + 8}
            fill={index === selectedColumn ? "#1e88e5" : "#f9a825"}
            opacity={index === selectedColumn ? 0.16 : 0.22}
          />
        ) : null,
      )}

      {/* Headers of the status and verdict columns. */}
      <g fontSize="10" fill="#616161" textAnchor="middle">
        {rowStatuses ? (
          <text x={LABEL_WIDTH + (STATUS_WIDTH - 6) / 2} y={headerHeight - 20}>
            status on
            <tspan x={LABEL_WIDTH + (STATUS_WIDTH - 6) / 2} dy={12}>
              {asOf}
            </tspan>
          </text>
        ) : null}
        <text x={verdictX + 2 + (VERDICT_WIDTH - 10) / 2} y={headerHeight - 8}>
          verdict
        </text>
      </g>

      {/* Row bands and labels. */}
      {rows.map((row, index) => (
        <MatrixRow
          key={row.geography.code}
          row={row}
          y={rowY(index)}
          width={width}
          verdictX={verdictX}
          statusX={rowStatuses ? LABEL_WIDTH : undefined}
          status={rowStatuses ? statusOf(row.geography.code) : undefined}
          asOf={asOf}
          highlighted={isHighlighted(row, usualVerdict)}
          selected={row.geography.code === selectedCode}
          onSelect={onSelect}
        />
      ))}

      {/* Grid. */}
      <g stroke="#e0e0e0" strokeWidth="1">
        {columns.map((column, index) => (
          <line
            key={`grid-${column.code}`}
            x1={columnX(index)}
            x2={columnX(index)}
            y1={headerHeight}
            y2={headerHeight + rows.length * CELL}
            strokeDasharray={column.lessCertain ? "2 3" : undefined}
          />
        ))}
      </g>

      {/* Column headers. */}
      {columns.map((column, index) => {
        const status = columnStatuses ? statusOf(column.code) : undefined;
        const nameX = columnStatuses ? BADGE_RUN : 0;
        return (
          <g
            key={`head-${column.code}`}
            className="column-label"
            data-column={column.code}
            data-highlighted={column.highlighted ? "true" : undefined}
            data-less-certain={column.lessCertain ? "true" : undefined}
            onClick={() => {
              onSelect(column.code);
            }}
          >
            <title>
              {`${column.name} (${column.code})${column.lessCertain ? ", reconstructed from documents: less certain" : ""}: shares ground with ${column.rowCount} ${kindLabel(left, column.rowCount)}${status != null ? `; ${status.status} on ${asOf}` : ""}`}
            </title>
            <g transform={`translate(${columnX(index) + CELL / 2 + 4}, ${headerHeight - 8}) rotate(-60)`}>
              {/* The click target runs along the slanted label, clear of its neighbours'. */}
              <rect x={-2} y={-10} width={nameX + LABEL_RUN} height={12} fill="transparent" />
              {status != null ? <StatusBadge change={status} x={0} y={-9.5} asOf={asOf} /> : null}
              <text
                x={nameX}
                fontSize="11"
                fontStyle={column.lessCertain ? "italic" : undefined}
                fontWeight={column.highlighted || index === selectedColumn ? 700 : 400}
                fill={column.partial ? VERDICT_COLOURS.STRADDLES : column.highlighted ? "#e65100" : "#333"}
              >
                {`${column.lessCertain ? "≈ " : ""}${shorten(column.name, 30)}`}
              </text>
            </g>
          </g>
        );
      })}
      <text
        transform={`translate(${gapX + CELL / 2 + 4}, ${headerHeight - 8}) rotate(-60)`}
        fontSize="11"
        fontStyle="italic"
        fill="#616161"
      >
        {`no ${kindLabel(right)} (gap)`}
      </text>

      {/* Cells. */}
      {rows.map((row, rowIndex) => (
        <g key={`cells-${row.geography.code}`}>
          {row.overlaps.map((overlap) => {
            const index = columnIndex.get(overlap.right.code);
            if (index === undefined) return null;
            const column = columns[index];
            const side = Math.max(4, CELL * Math.sqrt(overlap.leftShare));
            const inset = (CELL - side) / 2;
            return (
              <rect
                key={overlap.right.code}
                className="cell"
                data-relation={overlap.relation}
                x={columnX(index) + inset}
                y={rowY(rowIndex) + inset}
                width={side}
                height={side}
                rx={2}
                fill={RELATION_COLOURS[overlap.relation]}
                fillOpacity={column?.lessCertain === true ? 0.6 : 0.95}
                stroke={
                  overlap.relation === "PARTIAL" ? "#7f0000" : column?.lessCertain === true ? "#333" : "none"
                }
                strokeDasharray={column?.lessCertain === true ? "2 1.5" : undefined}
                strokeWidth={overlap.relation === "PARTIAL" ? 1.5 : 0.8}
                onClick={() => {
                  onSelect(row.geography.code);
                }}
              >
                <title>
                  {`${relationText(overlap.relation, row.geography.name, overlap.right.name)}: ${overlap.sharedAreas} areas shared (${percent(overlap.leftShare)} of ${row.geography.name}, ${percent(overlap.rightShare)} of ${overlap.right.name})`}
                </title>
              </rect>
            );
          })}
          {row.uncoveredAreas > 0 ? (
            <GapCell row={row} x={gapX} y={rowY(rowIndex)} right={right} onSelect={onSelect} />
          ) : null}
        </g>
      ))}
    </svg>
  );
}

function GapCell({
  row,
  x,
  y,
  right,
  onSelect,
}: {
  row: ReportRow;
  x: number;
  y: number;
  right: GeographyKind;
  onSelect: (code: string) => void;
}) {
  const share = uncoveredShare(row);
  const side = Math.max(4, CELL * Math.sqrt(share));
  const inset = (CELL - side) / 2;
  return (
    <rect
      className="gap-cell"
      x={x + inset}
      y={y + inset}
      width={side}
      height={side}
      fill="url(#gap-hatch)"
      stroke="#757575"
      strokeWidth={0.8}
      onClick={() => {
        onSelect(row.geography.code);
      }}
    >
      <title>{`${row.uncoveredAreas} areas (${percent(share)}) of ${row.geography.name} lie in no ${kindLabel(right)} at this date: the sources do not place them`}</title>
    </rect>
  );
}

/** A footprint's status on the report's date: filled when designated, outlined when shadow. */
function StatusBadge({ change, x, y, asOf }: { change: StatusChange; x: number; y: number; asOf: string }) {
  const style = STATUS_STYLES[change.status];
  return (
    <g className="status-badge" data-status={change.status}>
      <title>{statusTitle(change, asOf)}</title>
      <rect
        x={x + 0.6}
        y={y + 0.6}
        width={BADGE_WIDTH - 1.2}
        height={CELL - 5.2}
        rx={2}
        fill={style.outline ? "#fff" : style.colour}
        stroke={style.colour}
        strokeWidth={1.2}
      />
      <text
        x={x + BADGE_WIDTH / 2}
        y={y + CELL - 7.5}
        fontSize="8.5"
        fontWeight={700}
        letterSpacing="0.02em"
        fill={style.outline ? style.colour : "#fff"}
        textAnchor="middle"
      >
        {change.status}
      </text>
    </g>
  );
}

function MatrixRow({
  row,
  y,
  width,
  verdictX,
  statusX,
  status,
  asOf,
  highlighted,
  selected,
  onSelect,
}: {
  row: ReportRow;
  y: number;
  width: number;
  verdictX: number;
  /** Where the status column starts; undefined when the rows are not STPs. */
  statusX: number | undefined;
  /** The row's status on `asOf`: null when the sources give none by then, undefined when not known (yet). */
  status: StatusChange | null | undefined;
  asOf: string;
  highlighted: boolean;
  selected: boolean;
  onSelect: (code: string) => void;
}) {
  const colour = VERDICT_COLOURS[row.verdict];
  const lessCertain = rowLessCertain(row);
  return (
    <g
      className="row"
      data-row={row.geography.code}
      data-verdict={row.verdict}
      data-highlighted={highlighted ? "true" : undefined}
      onClick={() => {
        onSelect(row.geography.code);
      }}
    >
      <title>
        {`${row.geography.name} (${row.geography.code}): ${row.verdict}${row.uncoveredAreas > 0 ? `, ${row.uncoveredAreas} areas uncovered` : ""}${row.lessCertainAreas > 0 ? `, ${row.lessCertainAreas} areas placed on reconstructed or derived evidence` : ""}${status === null ? `; no sourced status by ${asOf}` : status !== undefined ? `; ${status.status} on ${asOf}` : ""}`}
      </title>
      <rect
        x={0}
        y={y}
        width={width}
        height={CELL}
        fill={
          selected
            ? "#bbdefb"
            : highlighted
              ? colour
              : row.verdict === "NONE"
                ? "url(#gap-hatch)"
                : "transparent"
        }
        fillOpacity={selected ? 1 : highlighted ? (row.verdict === "STRADDLES" ? 0.2 : 0.13) : 0.5}
      />
      {highlighted ? <rect x={0} y={y} width={4} height={CELL} fill={colour} /> : null}
      <text
        x={8}
        y={y + CELL - 4}
        fontSize="11.5"
        fontWeight={highlighted || selected ? 700 : 400}
        fontStyle={lessCertain ? "italic" : undefined}
        fill="#212121"
      >
        {`${lessCertain ? "≈ " : ""}${shorten(row.geography.name)}`}
      </text>
      {statusX !== undefined && status != null ? (
        <StatusBadge change={status} x={statusX} y={y + 2} asOf={asOf} />
      ) : null}
      <rect x={verdictX + 2} y={y + 2} width={VERDICT_WIDTH - 10} height={CELL - 4} rx={6} fill={colour} />
      <text
        x={verdictX + 2 + (VERDICT_WIDTH - 10) / 2}
        y={y + CELL - 4.5}
        fontSize="9.5"
        fontWeight={700}
        fill="#fff"
        textAnchor="middle"
      >
        {row.verdict}
      </text>
    </g>
  );
}
