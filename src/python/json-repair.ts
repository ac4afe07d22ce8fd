import { RecursionError } from "../errors/recursion-error.js";
import { ValueError } from "../errors/value-error.js";
import { decodePythonJson } from "./json-repair/python-json.js";
import { JsonRepairParser } from "./json-repair/repair-parser.js";
import { toPlain } from "./json-repair/repair-values.js";

/**
 * Python json_repair's `loads(text)` (the 0.61 rules DSPy relies on): strict JSON when the text is
 * valid (Python's `json.loads`, so `NaN`/`Infinity` pass), otherwise a tolerant reading - JSON
 * embedded in prose or fences, missing closers and quotes, trailing commas, Python-style literals,
 * comments, several values. Returns `""` when nothing could be read.
 *
 * Text nested deeper than Python's recursion limit raises `RecursionError` when it is valid JSON that deep (Python's
 * `json.loads` fails first), otherwise `ValueError("Input nesting exceeds the supported parser recursion depth.")`.
 *
 * Values follow tsdspy's Python value model: ints are numbers (bigints beyond 2**53 - 1), integral
 * floats are `PyFloat`, objects are plain objects in insertion order.
 *
 * @example
 * jsonRepairLoads('Sure! {"answer": "Paris", "score": 1.0,}') // { answer: "Paris", score: PyFloat(1) }
 * jsonRepairLoads("not json at all") // ""
 */
export function jsonRepairLoads(text: string): unknown {
  // Like json_repair, a RecursionError of the strict decoding escapes; one of the repair parser becomes a ValueError.
  const strict = decodePythonJson(text);
  if (strict !== undefined) return strict.value;
  try {
    return toPlain(new JsonRepairParser(text).readDocument());
  } catch (error) {
    // RangeError: the JavaScript stack ran out before the parser's own depth limit (a caller already deep in its stack).
    if (error instanceof RecursionError || error instanceof RangeError) {
      throw new ValueError("Input nesting exceeds the supported parser recursion depth.", { cause: error });
    }
    throw error;
  }
}
