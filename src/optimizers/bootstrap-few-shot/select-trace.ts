import type { Example } from "../../primitives/example.js";
import { pickleDumps, PickleInstance, PyDict, PyRef, PyTuple } from "../../python/python-pickle.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";
import { PythonRandom } from "../../python/python-random.js";

const isCachedString = (text: string) => text.length === 0 || (text.length === 1 && text.charCodeAt(0) < 256);

/**
 * The bytes CPython's `pickle.dumps(tuple(demos))` writes for DSPy `Example`s built from one example's trace
 * (`Example(augmented=True, **inputs, **outputs)`), with CPython's object identity: field names are shared objects,
 * an input equal in every demo is one object (the module passed the same value each call), outputs are fresh.
 */
function pickleDemos(demos: readonly Example[], inputKeys: ReadonlyArray<ReadonlySet<string>>): Uint8Array {
  const names = new Map<string, PyRef<string> | string>();
  const name = (text: string) => {
    if (isCachedString(text)) return text;
    let ref = names.get(text);
    if (!ref) names.set(text, (ref = new PyRef(text)));
    return ref;
  };
  const sharedInputs = new Map<string, PyRef<string>>();
  const items = demos.map((demo) => demo.toDict());
  const objects = items.map((store, i) => {
    const entries = Object.entries(store).map(([key, value]): [string | PyRef<string>, unknown] => {
      if (typeof value === "string" && !isCachedString(value) && inputKeys[i]?.has(key) && items.every((other) => other[key] === value)) {
        let ref = sharedInputs.get(key);
        if (!ref) sharedInputs.set(key, (ref = new PyRef(value)));
        return [name(key), ref];
      }
      return [name(key), value];
    });
    return new PickleInstance(
      "dspy.primitives.example",
      "Example",
      new Map<string | PyRef<string>, unknown>([
        [name("_store"), new PyDict(entries)],
        [name("_demos"), []],
        [name("_input_keys"), null],
      ]),
    );
  });
  return pickleDumps(new PyTuple(objects));
}

/**
 * Keeps one demo when a predictor ran several times for one example (DSPy's rule): an RNG seeded with the hex SHA-256
 * of the pickled demos (`Hasher.hash(tuple(demos))`) picks, when its first `random()` is below 0.5, one of the first
 * N-1 demos with `choice`, else the last. Demos holding values tsdspy cannot pickle as CPython does (custom types)
 * are hashed from their canonical JSON instead (docs/compat.md).
 */
export function selectTrace(demos: readonly Example[], inputKeys: ReadonlyArray<ReadonlySet<string>> = []): Example {
  const last = demos[demos.length - 1] as Example;
  if (demos.length === 1) return last;
  let seed: string;
  try {
    seed = sha256Hex(pickleDemos(demos, inputKeys));
  } catch {
    seed = sha256Hex(canonicalJson(demos.map((demo) => demo.toDict())));
  }
  const rng = new PythonRandom(seed);
  return rng.random() < 0.5 ? rng.choice(demos.slice(0, -1)) : last;
}
