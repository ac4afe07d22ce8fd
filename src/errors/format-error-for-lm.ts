/** tsdspy errors that stand for a Python builtin exception, by the builtin's name. */
const PYTHON_NAMES: Readonly<Record<string, string>> = { PythonTypeError: "TypeError", PythonSyntaxError: "SyntaxError", McpToolError: "RuntimeError", ToolExecutionError: "RuntimeError" };

/**
 * An error as text fed back to an LM (DSPy's `format_error_for_lm`). With `tracebackFrames` > 0 DSPy appends a Python
 * traceback; tsdspy writes only its last line, `\n<ErrorName>: <message>` (a JavaScript stack would show the
 * framework's files, not the tool's problem — docs/compat.md).
 */
export function formatErrorForLm(error: unknown, options: { tracebackFrames?: number } = {}): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!options.tracebackFrames || options.tracebackFrames <= 0) return message;
  const name = error instanceof Error ? (PYTHON_NAMES[error.name] ?? error.name) : "Error";
  return `\n${(message ? `${name}: ${message}` : name).trim()}`;
}
