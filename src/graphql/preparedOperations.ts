import type { ExecutionResult } from "graphql";
import type { CompiledQuery } from "graphql-jit";

/** How many distinct query texts are kept ready; beyond it, the one remembered first is dropped. */
export const PREPARED_OPERATIONS_CAPACITY = 1_000;

/** Apollo gives its executor a shallow copy of the context: an answer handed over travels in this key, copied with it. */
const HANDED_OVER = Symbol("handedOver");

type CarriesAnswer = Partial<Record<typeof HANDED_OVER, ExecutionResult>>;

const keyOf = (query: string, operationName: string | null | undefined) => `${operationName ?? ""}\n${query}`;

/**
 * Queries that Apollo has already parsed, validated (limits included) and compiled, by query text
 * and operation name. Validation depends on the text alone, never on variables, so a request with
 * the same text may run its compiled query straight away (see httpServer.ts). An answer with errors
 * is handed back to Apollo, which formats it, so errors and statuses never depend on the path.
 */
export class PreparedOperations {
  private readonly byText = new Map<string, CompiledQuery>();

  constructor(private readonly capacity = PREPARED_OPERATIONS_CAPACITY) {}

  /** The compiled query for this text and operation name, if Apollo has accepted it before. */
  find(query: string, operationName: string | null | undefined): CompiledQuery | undefined {
    return this.byText.get(keyOf(query, operationName));
  }

  /** Records a query that passed Apollo's parsing and validation. */
  remember(query: string, operationName: string | null | undefined, compiled: CompiledQuery): void {
    const key = keyOf(query, operationName);
    if (this.byText.has(key)) return;
    if (this.byText.size >= this.capacity) {
      const oldest = this.byText.keys().next();
      if (oldest.done !== true) this.byText.delete(oldest.value);
    }
    this.byText.set(key, compiled);
  }

  /** Leaves an answer already computed under `context` for Apollo's executor to return, not recompute. */
  handOver(context: object, result: ExecutionResult): void {
    (context as CarriesAnswer)[HANDED_OVER] = result;
  }

  /** The answer handed over for `context`, once. */
  takeHandedOver(context: object): ExecutionResult | undefined {
    const carrier = context as CarriesAnswer;
    const result = carrier[HANDED_OVER];
    carrier[HANDED_OVER] = undefined;
    return result;
  }

  get size(): number {
    return this.byText.size;
  }

  clear(): void {
    this.byText.clear();
  }
}
