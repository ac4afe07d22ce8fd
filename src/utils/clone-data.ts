import { setOwnProperty } from "../python/set-own-property.js";

/** Nesting past which `cloneData` hands the value to `structuredClone` (which also handles cycles). */
const MAX_FAST_DEPTH = 64;

/** Thrown inside `cloneData` when the fast copy gives up; never escapes. */
const GIVE_UP: unique symbol = Symbol("clone-data: give up");

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives), equal to what `structuredClone` returns for it
 * but several times faster for the small, shallow records an LM reply is (structuredClone serializes and
 * deserializes). Anything else — a class instance, a Map, a typed array, a cycle, or nesting deeper than 64 levels —
 * makes the whole value go through `structuredClone`.
 * `"__proto__"` keys stay own data.
 */
export function cloneData<T>(value: T): T {
  try {
    return copy(value, 0) as T;
  } catch (error) {
    if (error === GIVE_UP) return structuredClone(value);
    throw error;
  }
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) {
    // structuredClone refuses functions and symbols: let it raise its own DataCloneError.
    if (typeof value === "function" || typeof value === "symbol") throw GIVE_UP;
    return value;
  }
  if (depth > MAX_FAST_DEPTH) throw GIVE_UP;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw GIVE_UP;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw GIVE_UP; // holes: structuredClone keeps them
      out[i] = copy(value[i], depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) throw GIVE_UP;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwnProperty(out, key, copy((value as Record<string, unknown>)[key], depth + 1));
  return out;
}
