import { RecursionError } from "../errors/recursion-error.js";

/**
 * Python's default recursion limit (`sys.getrecursionlimit()`). Python-parity code that nests (JSON decoding,
 * `repr`, `json.dumps`, validation, XML reading) fails with `RecursionError` past this depth, as CPython does, so no
 * input can exhaust the JavaScript stack. CPython's exact threshold also depends on the stack already in use and on
 * the process (IPython raises the limit to 3000), so it is approximate (docs/compat.md).
 */
export const PY_RECURSION_LIMIT = 1000;

/** Throws Python's `RecursionError` (`maximum recursion depth exceeded<context>`) once `depth` passes the limit. */
export function checkRecursionDepth(depth: number, context: string): void {
  if (depth > PY_RECURSION_LIMIT) throw new RecursionError(`maximum recursion depth exceeded${context}`);
}
