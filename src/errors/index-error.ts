import { DSPyError } from "./dspy-error.js";

/** A sequence was indexed out of range, e.g. choosing from an empty list (Python's `IndexError`). */
export class IndexError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IndexError";
  }
}
