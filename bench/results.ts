import type { HttpPlan, HttpResults } from "./httpBench.js";
import type { LoadMeasurement } from "./loadProcess.js";
import type { ScalePlan, ScalePoint } from "./scaleBench.js";
import type { OperationCosts } from "./statementProfile.js";

/** Everything one `npm run bench` measured, as written to bench/results.json. */
export interface BenchResults {
  mode: "full" | "quick";
  startedAt: string;
  seconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    /** 1-minute load average at the start and the end: other work on the machine shows here. */
    loadAverage: { start: number; end: number };
  };
  versions: Record<string, string>;
  settings: {
    http: HttpPlan;
    throughputConnections: number;
    scale: ScalePlan;
    neo4j: string;
  };
  operations: { id: string; title: string; short: string }[];
  seedLoads: { reset: { seconds: number; how: string } | null; load: LoadMeasurement }[];
  /**
   * The benchmark's own server only (else none): bulk imports of the real seed into a new store,
   * each with the server's start on it and the constraints and indexes built over it.
   */
  seedImports: { load: LoadMeasurement; serverStartSeconds: number; schemaSeconds: number }[];
  http: HttpResults;
  costs: Record<string, OperationCosts>;
  scale: ScalePoint[];
}
