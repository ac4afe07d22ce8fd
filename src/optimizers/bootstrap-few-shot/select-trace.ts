import type { Example } from "../../primitives/example.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";
import { PythonRandom } from "../../python/python-random.js";

/**
 * Keeps one demo when a predictor ran several times for one example. DSPy's rule, with its seed made portable:
 * an RNG seeded with the hex SHA-256 of the demos (DSPy hashes their pickle; tsdspy hashes their canonical JSON,
 * keys sorted) picks, when its first `random()` is below 0.5, one of the first N-1 demos with `choice`, else the last.
 */
export function selectTrace(demos: readonly Example[]): Example {
  const last = demos[demos.length - 1] as Example;
  if (demos.length === 1) return last;
  const rng = new PythonRandom(sha256Hex(canonicalJson(demos.map((demo) => demo.toDict()))));
  return rng.random() < 0.5 ? rng.choice(demos.slice(0, -1)) : last;
}
