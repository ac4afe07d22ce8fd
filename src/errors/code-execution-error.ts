import { CodeInterpreterError } from "./code-interpreter-error.js";

/**
 * Code running in a healthy interpreter raised, ran out of time or memory, or a tool it called failed (DSPy's
 * `CodeExecutionError`); the message is what the LM sees, e.g. `ZeroDivisionError: ['division by zero']`.
 */
export class CodeExecutionError extends CodeInterpreterError {
  /** The Python exception class name (`"ZeroDivisionError"`, `"TimeoutError"`, …). */
  readonly pythonType: string;

  constructor(pythonType: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CodeExecutionError";
    this.pythonType = pythonType;
  }
}
