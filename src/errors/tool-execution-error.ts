import { DSPyError } from "./dspy-error.js";

/** A tool call failed while running (DSPy's `RuntimeError: Error executing tool '…': …`); `cause` is the tool's error. */
export class ToolExecutionError extends DSPyError {
  readonly toolName: string;

  constructor(toolName: string, cause: unknown) {
    super(`Error executing tool '${toolName}': ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "ToolExecutionError";
    this.toolName = toolName;
  }
}
