import type { Driver, ManagedTransaction, Session } from "neo4j-driver";

/** One statement sent to Neo4j, with its parameters and when its transaction ran. */
export interface RecordedStatement {
  statement: string;
  parameters: Record<string, unknown>;
  startedMs: number;
  /** When its result, or the managed transaction holding it, settled (NaN while it runs). */
  endedMs: number;
}

/** A driver that records every statement run as an auto-commit transaction or in a managed one. */
export interface RecordingDriver {
  driver: Driver;
  statements: RecordedStatement[];
}

// Methods are bound to the real object, so the driver's own `this` never sees a proxy.
function forward<T extends object>(target: T, override: (key: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(object, key) {
      const replaced = override(key);
      if (replaced !== undefined) return replaced;
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** Wraps `driver` so that every statement of `run`, `executeRead` and `executeWrite` is recorded in order. */
export function recordingDriver(driver: Driver): RecordingDriver {
  const statements: RecordedStatement[] = [];
  const record = (statement: string, parameters: Record<string, unknown> | undefined): RecordedStatement => {
    const entry: RecordedStatement = {
      statement,
      parameters: parameters ?? {},
      startedMs: performance.now(),
      endedMs: Number.NaN,
    };
    statements.push(entry);
    return entry;
  };
  const wrapTransaction = (tx: ManagedTransaction, into: RecordedStatement[]): ManagedTransaction =>
    forward(tx, (key) =>
      key === "run"
        ? (statement: string, parameters?: Record<string, unknown>) => {
            into.push(record(statement, parameters));
            return tx.run(statement, parameters);
          }
        : undefined,
    );
  const wrapSession = (session: Session): Session =>
    forward(session, (key) => {
      if (key === "run") {
        return (statement: string, parameters?: Record<string, unknown>, config?: unknown) => {
          const entry = record(statement, parameters);
          const result = session.run(statement, parameters, config as Parameters<Session["run"]>[2]);
          const settled = () => {
            entry.endedMs = performance.now();
          };
          result.then(settled, settled);
          return result;
        };
      }
      if (key !== "executeRead" && key !== "executeWrite") return undefined;
      return async <T>(work: (tx: ManagedTransaction) => Promise<T>, config?: unknown) => {
        const inThisTransaction: RecordedStatement[] = [];
        try {
          const wrapped = (tx: ManagedTransaction) => work(wrapTransaction(tx, inThisTransaction));
          const transactionConfig = config as Parameters<Session["executeRead"]>[1];
          return await (key === "executeRead"
            ? session.executeRead(wrapped, transactionConfig)
            : session.executeWrite(wrapped, transactionConfig));
        } finally {
          const ended = performance.now();
          for (const entry of inThisTransaction) entry.endedMs = ended;
        }
      };
    });
  return {
    driver: forward(driver, (key) =>
      key === "session"
        ? (config?: Parameters<Driver["session"]>[0]) => wrapSession(driver.session(config))
        : undefined,
    ),
    statements,
  };
}

/**
 * The number of sequential round trips the statements needed: each statement's depth is one more
 * than the deepest statement that had finished before it started (statements a DataLoader batch
 * sends together share a depth).
 */
export function sequentialRoundTrips(statements: readonly RecordedStatement[]): number {
  const depths: number[] = [];
  statements.forEach((s, i) => {
    let depth = 1;
    statements.forEach((t, j) => {
      if (j !== i && t.endedMs <= s.startedMs) depth = Math.max(depth, (depths[j] ?? 1) + 1);
    });
    depths[i] = depth;
  });
  return Math.max(0, ...depths);
}
