import { DSPyError } from "./dspy-error.js";

/** A Python `TypeError` reproduced by tsdspy, e.g. `unhashable type: 'list'` from a literal `{[1]: 2}`. */
export class PythonTypeError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PythonTypeError";
  }
}
