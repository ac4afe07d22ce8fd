import { DSPyError } from "./dspy-error.js";

/**
 * A code interpreter failed in a way the submitted code cannot repair: the sandbox could not start, its worker
 * died, or it was shut down (DSPy's `CodeInterpreterError`). `CodeExecutionError` is the recoverable subclass.
 */
export class CodeInterpreterError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CodeInterpreterError";
  }
}
