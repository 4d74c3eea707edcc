/** Thrown when the raw data breaks an assumption the build relies on; the build stops rather than guess. */
export class SeedBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedBuildError";
  }
}

/** Returns the value, or throws a SeedBuildError with the message when it is undefined. */
export function expectDefined<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new SeedBuildError(message);
  return value;
}
