/** The parts of a request's target that routes read. */
export interface RequestTarget {
  readonly pathname: string;
  /** The query string with its `?`, or "" (as URL.search gives it). */
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

// A path of segments made of unreserved characters, none of them `.` or `..` and none empty (a
// trailing slash aside): WHATWG URL parsing leaves such a path exactly as written.
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;

/** A plain path with no query: the common request, read without a URL parse. */
class PlainPath implements RequestTarget {
  readonly search = "";
  constructor(readonly pathname: string) {}
  get searchParams(): URLSearchParams {
    return new URLSearchParams();
  }
}

/**
 * The target of a request as `new URL(target, "http://localhost")` reads it, or null where that
 * refuses it (`//`). A plain path without a query (`/graphql`) is taken as written, since parsing
 * would change nothing; anything else is parsed.
 */
export function readRequestTarget(target: string | undefined): RequestTarget | null {
  const raw = target ?? "/";
  if (PLAIN_PATH.test(raw)) return new PlainPath(raw);
  return URL.canParse(raw, "http://localhost") ? new URL(raw, "http://localhost") : null;
}
