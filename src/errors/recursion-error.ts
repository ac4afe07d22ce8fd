import { DSPyError } from "./dspy-error.js";

/**
 * A value or text nests deeper than Python's recursion limit allows (Python's `RecursionError`): tsdspy stops where
 * Python would, with Python's message (`maximum recursion depth exceeded while decoding a JSON array from a unicode
 * string`), instead of exhausting the JavaScript stack. Flatten the value, or ask the LM for a shallower reply.
 */
export class RecursionError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RecursionError";
  }
}
