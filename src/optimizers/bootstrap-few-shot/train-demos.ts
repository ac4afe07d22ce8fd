import type { Example } from "../../primitives/example.js";
import { PythonRandom } from "../../python/python-random.js";

/**
 * DSPy's `_train`: each predictor (in order) gets its first `maxBootstrappedDemos` augmented demos, then labeled
 * demos sampled with one `Random(seed)` (DSPy: 0) to fill up to `maxLabeledDemos`. As in DSPy, each predictor samples from the
 * previous predictor's sample, not from the whole pool.
 */
export function trainDemos(
  names: readonly string[],
  traces: ReadonlyMap<string, readonly Example[]>,
  validation: readonly Example[],
  maxBootstrappedDemos: number,
  maxLabeledDemos: number,
  seed = 0,
): Map<string, Example[]> {
  const rng = new PythonRandom(seed);
  let raw: readonly Example[] = validation;
  const demos = new Map<string, Example[]>();
  for (const name of names) {
    const augmented = (traces.get(name) ?? []).slice(0, maxBootstrappedDemos);
    const size = Math.max(0, Math.min(maxLabeledDemos - augmented.length, raw.length));
    raw = rng.sample(raw, size);
    demos.set(name, [...augmented, ...raw]);
  }
  return demos;
}
