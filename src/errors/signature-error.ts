import { DSPyError } from "./dspy-error.js";

/** A signature string, field or type annotation is malformed. */
export class SignatureError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SignatureError";
  }
}
