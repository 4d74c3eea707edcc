import autocannon from "autocannon";
import type { HttpRequest } from "./requests.js";

/** What one load run measured. */
export interface LoadRun {
  /** Every 2xx response's latency in ms, at full precision (autocannon's histogram keeps whole ms). */
  latenciesMs: number[];
  /** 2xx responses per second over the run. */
  throughput: number;
  /** Responses that were not 2xx, connection errors and timeouts, and bodies holding GraphQL errors. */
  failures: number;
}

/** How long a load runs: for `seconds`, or until `amount` requests have been answered. */
export type LoadLength = { seconds: number } | { amount: number };

/** Runs autocannon against one request with `connections` concurrent connections. */
export function runLoad(
  request: HttpRequest,
  connections: number,
  length: LoadLength,
  timeoutSeconds = 10,
): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: request.body,
        connections,
        pipelining: 1,
        ...("seconds" in length ? { duration: length.seconds } : { amount: length.amount }),
        timeout: timeoutSeconds,
        // Every answer is checked cheaply: a GraphQL error still answers 200.
        verifyBody: (body) => {
          const text = typeof body === "string" ? body : (body?.toString("utf8") ?? "");
          return !text.startsWith('{"errors"') && !text.includes('"errors":[');
        },
      },
      (error: unknown, result: autocannon.Result) => {
        if (error !== null && error !== undefined) {
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          return;
        }
        failures += result.non2xx + result.errors + result.timeouts + result.mismatches;
        resolve({ latenciesMs, throughput: result["2xx"] / result.duration, failures });
      },
    );
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
    });
  });
}
