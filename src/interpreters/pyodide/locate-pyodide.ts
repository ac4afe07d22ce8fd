import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { CodeInterpreterError } from "../../errors/code-interpreter-error.js";

/** Where the optional `pyodide` package is: its ES module URL and its folder (Pyodide's `indexURL`). */
export function locatePyodide(): { moduleUrl: string; indexURL: string } {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve("pyodide/pyodide.mjs");
  } catch (cause) {
    throw new CodeInterpreterError(
      "PythonInterpreter runs Python with the optional package `pyodide`, which is not installed: run `npm install pyodide` " +
        "(or hand ProgramOfThought/CodeAct/RLM an `interpreter` of your own that implements CodeInterpreter).",
      { cause },
    );
  }
  return { moduleUrl: pathToFileURL(entry).href, indexURL: `${dirname(entry)}/` };
}
