import { DSPyError } from "./dspy-error.js";

/** ProgramOfThought's code still failed after `maxIters` attempts (DSPy's `RuntimeError: Max hops reached. …`). */
export class ProgramOfThoughtError extends DSPyError {
  constructor(message: string) {
    super(message);
    this.name = "ProgramOfThoughtError";
  }
}
