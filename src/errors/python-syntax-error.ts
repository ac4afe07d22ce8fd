import { DSPyError } from "./dspy-error.js";

/**
 * Text given to a Python-literal reader is not valid Python (Python's `SyntaxError`, or its
 * subclass `IndentationError`); the message reads like CPython's, e.g.
 * `invalid syntax (<unknown>, line 1)`.
 */
export class PythonSyntaxError extends DSPyError {
  /** The Python exception class: `"SyntaxError"` or `"IndentationError"`. */
  readonly pythonType: "SyntaxError" | "IndentationError";
  /** The Python error text without its location (`"invalid syntax"`). */
  readonly msg: string;
  /** 1-based line of the error, when Python reports one. */
  readonly lineno: number | null;

  constructor(
    msg: string,
    options: { lineno?: number | null; pythonType?: "SyntaxError" | "IndentationError"; cause?: unknown } = {},
  ) {
    const lineno = options.lineno ?? null;
    super(lineno === null ? msg : `${msg} (<unknown>, line ${lineno})`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PythonSyntaxError";
    this.pythonType = options.pythonType ?? "SyntaxError";
    this.msg = msg;
    this.lineno = lineno;
  }
}
