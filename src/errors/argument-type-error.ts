import { DSPyError } from "./dspy-error.js";

/**
 * An argument has the wrong type for the operation (Python's `TypeError` in DSPy and CPython), e.g. a float where
 * an integer is required, or a JavaScript number too large to be exact where a `bigint` is needed.
 */
export class ArgumentTypeError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ArgumentTypeError";
  }
}
