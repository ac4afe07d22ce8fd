import { DSPyError } from "./dspy-error.js";

/**
 * A parallel run stopped before every item finished: too many items failed (`maxErrors`) or it was aborted.
 * The message is DSPy's; `failedIndices` and `exceptions` say what went wrong, `cause` is the last failure.
 */
export class ExecutionCancelledError extends DSPyError {
  readonly failedIndices: number[];
  readonly exceptions: unknown[];

  constructor(details: { failedIndices: number[]; exceptions: unknown[]; cause?: unknown }) {
    super("Execution cancelled due to errors or interruption.", details.cause === undefined ? {} : { cause: details.cause });
    this.name = "ExecutionCancelledError";
    this.failedIndices = details.failedIndices;
    this.exceptions = details.exceptions;
  }
}
