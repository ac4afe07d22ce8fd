import { CodeExecutionError } from "../../errors/code-execution-error.js";
import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import { pyRepr } from "../../python/pyfmt.js";

/** The error a Python exception becomes, with DSPy's texts: `Invalid Python syntax. message: …` or `Type: [args]`. */
export function errorFromPython(error: { type: string; message: string; args: unknown[] }): Error {
  if (error.type === "SyntaxError") return new PythonSyntaxError(`Invalid Python syntax. message: ${error.message}`);
  const detail = error.args.length > 0 ? pyRepr(error.args) : error.message;
  return new CodeExecutionError(error.type, `${error.type}: ${detail}`);
}
