const marker = Symbol.for("tsdspy.error");

/** Base class of every error tsdspy throws; `DSPyError.isInstance(e)` works across package copies. */
export class DSPyError extends Error {
  private readonly [marker] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DSPyError";
  }

  static isInstance(error: unknown): error is DSPyError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
