import { DSPyError } from "./dspy-error.js";

/** An optimizer's `runDir` cannot be resumed: it holds another run, is unreadable, or the run diverged from it. */
export class RunStateError extends DSPyError {
  /** The run directory concerned. */
  readonly runDir: string;

  constructor(runDir: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RunStateError";
    this.runDir = runDir;
  }
}
