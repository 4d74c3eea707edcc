import type { BenchResults } from "./results.js";
import { SERVER_LABELS, SERVERS, type BenchServer } from "./requests.js";
import { median } from "./stats.js";

const COLOURS: Record<BenchServer, string> = {
  ours: "#1f6feb",
  floor: "#8b949e",
  generated: "#d29922",
  rootCypher: "#bf4b8a",
};

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Where each legend entry goes: in rows from y 40, an entry that would run past the edge starting the next row. */
function legendLayout(width: number): { server: BenchServer; x: number; y: number }[] {
  const entries: { server: BenchServer; x: number; y: number }[] = [];
  let x = 16;
  let y = 40;
  for (const server of SERVERS) {
    // About 7 px per character at 12 px.
    const entryWidth = 17 + SERVER_LABELS[server].length * 7;
    if (x > 16 && x + entryWidth > width - 16) {
      x = 16;
      y += 18;
    }
    entries.push({ server, x, y });
    x += entryWidth + 22;
  }
  return entries;
}

/**
 * A self-contained SVG: for every operation, each server's p50 latency (median of the rounds) as a
 * multiple of the floor's, so that one scale serves quick lookups and long reports alike; the bars
 * are labelled in milliseconds, and the 1.2× target is one dashed line.
 */
export function latencyChartSvg(results: BenchResults): string {
  const left = 230;
  const width = 900;
  const plotWidth = width - left - 120;
  const bar = 14;
  const groupGap = 14;
  const legend = legendLayout(width);
  const top = 78 + ((legend.at(-1)?.y ?? 40) - 40);
  const p50 = (op: string, server: BenchServer) =>
    median((results.http.rounds[op]?.[server] ?? []).map((r) => r.p50Ms));
  const ratio = (op: string, server: BenchServer) => p50(op, server) / p50(op, "floor");
  const ratios = results.operations.flatMap((op) => SERVERS.map((s) => ratio(op.id, s)));
  const max = Math.max(2, Math.ceil(Math.max(...ratios.filter(Number.isFinite))));
  const x = (r: number) => left + (r / max) * plotWidth;
  const groupHeight = SERVERS.length * bar + groupGap;
  const plotBottom = top + results.operations.length * groupHeight;
  const height = plotBottom + 62;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">p50 latency over HTTP at one connection, as a multiple of the floor (lower is better)</text>`,
  ];
  for (const { server, x: lx, y: ly } of legend) {
    parts.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${COLOURS[server]}"/>`,
      `<text x="${lx + 17}" y="${ly + 10}">${escape(SERVER_LABELS[server])}</text>`,
    );
  }
  for (let tick = 0; tick <= max; tick++) {
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${plotBottom}" stroke="#e5e7eb"/>`,
      `<text x="${tx}" y="${plotBottom + 16}" text-anchor="middle" fill="#555">${tick}×</text>`,
    );
  }
  // Drawn before the bars, so that their labels stay readable across it.
  const target = x(1.2).toFixed(1);
  parts.push(
    `<line x1="${target}" y1="${top - 10}" x2="${target}" y2="${plotBottom}" stroke="#111" stroke-width="1.5" stroke-dasharray="5,3"/>`,
    `<text x="${target}" y="${top - 14}" text-anchor="middle" font-size="11">target for ours: 1.2×</text>`,
  );
  results.operations.forEach((op, g) => {
    const y0 = top + g * groupHeight;
    parts.push(
      `<text x="${left - 10}" y="${y0 + (SERVERS.length * bar) / 2 + 2}" text-anchor="end">${escape(op.short)}</text>`,
    );
    SERVERS.forEach((server, i) => {
      const r = ratio(op.id, server);
      if (!Number.isFinite(r)) return;
      const y = y0 + i * bar;
      const ms = p50(op.id, server);
      parts.push(
        `<rect x="${left}" y="${y}" width="${Math.max(1, x(r) - left).toFixed(1)}" height="${bar - 3}" fill="${COLOURS[server]}"/>`,
        `<text x="${(x(r) + 5).toFixed(1)}" y="${y + bar - 4}" font-size="10.5" fill="#333" stroke="#fff" stroke-width="3" paint-order="stroke">${ms.toFixed(ms < 10 ? 2 : 1)} ms${server === "floor" ? "" : ` · ${r.toFixed(2)}×`}</text>`,
      );
    });
  });
  const agreed = Object.values(results.http.agreement).every((byServer) =>
    Object.values(byServer).every((a) => a.equal),
  );
  parts.push(
    `<text x="16" y="${plotBottom + 38}" font-size="11" fill="#555">Median of ${results.settings.http.rounds} rounds, warm, loopback; ${escape(results.startedAt.slice(0, 10))}, ${results.machine.cpus} cores shared by autocannon, the server and Neo4j (load average ${results.machine.loadAverage.start.toFixed(1)}–${results.machine.loadAverage.end.toFixed(1)}).</text>`,
    `<text x="16" y="${plotBottom + 54}" font-size="11" fill="#555">${agreed ? "Every server returned the same answer (normalised where the shapes differ)." : "Some answers differed from ours: see bench/results.md."} Tables: bench/results.md.</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}
