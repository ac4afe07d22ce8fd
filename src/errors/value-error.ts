import { DSPyError } from "./dspy-error.js";

/** An argument has the right type but an invalid value (Python's `ValueError` in DSPy). */
export class ValueError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ValueError";
  }
}
