import neo4j, { type Driver, type QueryResult, type RecordShape } from "neo4j-driver";

/** A JS whole number as a Cypher INTEGER (JS numbers otherwise arrive as FLOAT, which LIMIT and slices refuse). */
export function cypherInteger(value: number) {
  return neo4j.int(value);
}

const compacted = new Map<string, string>();

/**
 * The statement as sent: runs of whitespace outside string literals become one space, or none
 * after an opening bracket or a comma or colon and before a closing bracket or a comma, so that
 * fewer bytes are packed and sent and Neo4j hashes a shorter text for its plan cache. A text that
 * may hold a comment (`//`) is sent as written. Statements are fixed text, so the cache is bounded.
 */
export function compactStatement(statement: string): string {
  let text = compacted.get(statement);
  if (text === undefined) {
    text = statement.includes("//") ? statement : collapseWhitespace(statement);
    compacted.set(statement, text);
  }
  return text;
}

// Whitespace after these and before CLOSE_TIGHT is never needed between Cypher tokens.
const OPEN_TIGHT = new Set([",", ":", "(", "[", "{"]);
const CLOSE_TIGHT = new Set([",", ")", "]", "}"]);

function collapseWhitespace(statement: string): string {
  let text = "";
  let quote: string | null = null;
  let pendingSpace = false;
  for (let i = 0; i < statement.length; i++) {
    const char = statement[i] ?? "";
    if (quote !== null) {
      text += char;
      if (char === "\\") text += statement[++i] ?? "";
      else if (char === quote) quote = null;
      continue;
    }
    if (/\s/.test(char)) {
      pendingSpace = text !== "";
      continue;
    }
    if (pendingSpace && !OPEN_TIGHT.has(text[text.length - 1] ?? "") && !CLOSE_TIGHT.has(char)) text += " ";
    pendingSpace = false;
    if (char === "'" || char === '"' || char === "`") quote = char;
    text += char;
  }
  return text;
}

/** The operators of a profiled plan, with the label or index each reads and its database hits. */
export interface PlanOperator {
  operator: string;
  details: string;
  dbHits: number;
}

function flattenPlan(plan: {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits?: number;
  children: unknown[];
}): PlanOperator[] {
  const own: PlanOperator = {
    operator: plan.operatorType,
    details: typeof plan.arguments["Details"] === "string" ? plan.arguments["Details"] : "",
    dbHits: plan.dbHits ?? 0,
  };
  return [own, ...plan.children.flatMap((child) => flattenPlan(child as Parameters<typeof flattenPlan>[0]))];
}

/** Every operator of a PROFILE statement's plan, the root first (none when it was not profiled). */
export function planOperators(result: QueryResult): PlanOperator[] {
  const profile = result.summary.profile;
  return profile === false ? [] : flattenPlan(profile);
}

/** Called once per Cypher statement sent to Neo4j; the N+1 guard and the benchmark count with it. */
export type StatementListener = (statement: string) => void;

export interface DatabaseOptions {
  /** Neo4j database name; undefined uses the server's default database. */
  database?: string | undefined;
  /** Every transaction is given this timeout, so no request can hang on the database. */
  timeoutMs: number;
  listeners?: readonly StatementListener[];
}

/**
 * The one door to Neo4j: reads run in read mode as auto-commit transactions, writes in write mode in
 * managed transactions, each with a timeout. Only src/graph may use it to run Cypher.
 */
export class Database {
  private readonly listeners: readonly StatementListener[];

  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
  ) {
    this.listeners = options.listeners ?? [];
  }

  /** A view of the same driver that also reports every statement to `listener`. */
  withListener(listener: StatementListener): Database {
    return new Database(this.driver, { ...this.options, listeners: [...this.listeners, listener] });
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /**
   * Runs one read statement as an auto-commit transaction in read mode (one round trip, where a
   * managed transaction takes two) and returns its records. A read changes nothing, so a transient
   * failure is retried within the retry budget.
   */
  async read<R extends RecordShape = RecordShape>(
    statement: string,
    parameters: Record<string, unknown> = {},
  ): Promise<QueryResult<R>> {
    this.notify(statement);
    const giveUpAt = Date.now() + retryBudgetMs(this.options.timeoutMs);
    for (let attempt = 1; ; attempt += 1) {
      const session = this.driver.session({
        defaultAccessMode: neo4j.session.READ,
        database: this.options.database,
      });
      try {
        return await runWithoutCallSite(() =>
          session.run<R>(compactStatement(statement), parameters, { timeout: this.options.timeoutMs }),
        );
      } catch (error) {
        if (!neo4j.isRetryableError(error) || Date.now() + RETRY_PAUSE_MS * attempt > giveUpAt) throw error;
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
    }
  }

  /** Runs one write statement in its own write transaction. */
  async write<R extends RecordShape = RecordShape>(
    statement: string,
    parameters: Record<string, unknown> = {},
  ): Promise<QueryResult<R>> {
    return this.writeTransaction((run) => run<R>(statement, parameters));
  }

  /**
   * Runs `work` in one write transaction: every statement it runs commits together or not at all.
   * The work may be retried on transient errors, so it must not have other side effects.
   */
  async writeTransaction<T>(
    work: (
      run: <R extends RecordShape = RecordShape>(
        s: string,
        p?: Record<string, unknown>,
      ) => Promise<QueryResult<R>>,
    ) => Promise<T>,
    timeoutMs: number = this.options.timeoutMs,
  ): Promise<T> {
    const session = this.driver.session({
      defaultAccessMode: neo4j.session.WRITE,
      database: this.options.database,
    });
    try {
      return await session.executeWrite(
        (tx) =>
          work(
            <R extends RecordShape = RecordShape>(
              statement: string,
              parameters: Record<string, unknown> = {},
            ) => {
              this.notify(statement);
              return tx.run<R>(compactStatement(statement), parameters);
            },
          ),
        { timeout: timeoutMs },
      );
    } finally {
      await session.close();
    }
  }

  /** True when the database answers within its timeout. */
  async isReachable(): Promise<boolean> {
    try {
      await this.driver.getServerInfo({ database: this.options.database });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private notify(statement: string): void {
    for (const listener of this.listeners) listener(statement);
  }
}

/**
 * Calls `start` (which must start its work synchronously, as `session.run` does) with no stack
 * frames recorded for errors created meanwhile. The driver records and formats the caller's stack
 * for every result it starts, to graft onto an error that may never come; with source maps on,
 * that cost about 0.1 ms of CPU per statement. A read that fails still carries Neo4j's code and
 * message, which is what errors.ts translates and what the log shows.
 */
export function runWithoutCallSite<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const RETRY_PAUSE_MS = 100;

/** How long a blip is retried: an outage then fails in about a second (DATABASE_UNAVAILABLE) instead of queueing. */
function retryBudgetMs(timeoutMs: number): number {
  return Math.min(timeoutMs, 1_000);
}

export interface ConnectOptions {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
  timeoutMs: number;
}

/** Creates a driver and its Database; the driver fails fast when the server is unreachable. */
export function connectDatabase(options: ConnectOptions): Database {
  // A server with authentication disabled accepts any basic token.
  const auth = neo4j.auth.basic(options.username ?? "neo4j", options.password ?? "");
  const driver = neo4j.driver(options.uri, auth, {
    connectionAcquisitionTimeout: Math.min(options.timeoutMs, 5_000),
    connectionTimeout: Math.min(options.timeoutMs, 5_000),
    maxTransactionRetryTime: retryBudgetMs(options.timeoutMs),
    disableLosslessIntegers: true,
    useBigInt: false,
  });
  return new Database(driver, { database: options.database, timeoutMs: options.timeoutMs });
}
