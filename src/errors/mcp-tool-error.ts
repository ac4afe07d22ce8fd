import { DSPyError } from "./dspy-error.js";

/** An MCP server reported a failed tool call (`isError`); DSPy raises a `RuntimeError` with the same message. */
export class McpToolError extends DSPyError {
  /** What the server returned as the tool's content. */
  readonly content: unknown;

  constructor(message: string, content: unknown) {
    super(message);
    this.name = "McpToolError";
    this.content = content;
  }
}
