import { defineLazyProperty } from "./lazy-property.js";

const marker = Symbol.for("tsdspy.error");

/**
 * Base class of every error tsdspy throws; `DSPyError.isInstance(e)` works across package copies. A message given as
 * a function is built on its first read (a reply that fails en masse makes a message of tens of megabytes that is
 * often never read).
 */
export class DSPyError extends Error {
  private readonly [marker] = true;

  constructor(message: string | (() => string), options?: { cause?: unknown }) {
    super(typeof message === "string" ? message : undefined, options);
    if (typeof message !== "string") defineLazyProperty(this, "message", message);
    this.name = "DSPyError";
  }

  static isInstance(error: unknown): error is DSPyError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
