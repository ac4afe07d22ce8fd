import { PyFloat } from "../python/py-float.js";
import { pySetItems } from "../python/py-set-order.js";
import { pyStr } from "../python/pyfmt.js";
import { checkRecursionDepth } from "../python/recursion-limit.js";
import { setOwnProperty } from "../python/set-own-property.js";
import { CustomType } from "./types/custom-type.js";
import { History } from "./types/history.js";

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * DSPy's `serialize_for_json`: the value as pydantic dumps it in JSON mode. Strings, numbers (`PyFloat`,
 * bigint), booleans and null stay; arrays, sets and maps become lists and dicts; custom types dump as their
 * `format()` (content parts wrapped in DSPy's markers); other objects dump through `toJSON()` or their own
 * enumerable properties. Non-finite floats inside a container become null (pydantic's `ser_json_inf_nan`);
 * a bare non-finite float stays as it is (`str(inf)` is `inf`).
 */
export function serializeForJson(value: unknown): unknown {
  return serialize(value, 0);
}

function serialize(value: unknown, depth: number): unknown {
  const nested = depth > 0;
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
      return nested && !Number.isFinite(value) ? null : value;
    case "string": case "bigint": case "boolean":
      return value;
    case "object":
      break;
    default:
      return pyStr(value);
  }
  if (value instanceof PyFloat) return nested && !Number.isFinite(value.value) ? null : value;
  checkRecursionDepth(depth + 1, " while calling a Python object");
  const inner = (item: unknown) => serialize(item, depth + 1);
  if (value instanceof CustomType) return serialize(value.toPyJson(), depth);
  if (Array.isArray(value)) return value.map(inner);
  if (value instanceof Set) return pySetItems(value).map(inner);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) setOwnProperty(out, pyStr(k), inner(v));
    return out;
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof History) return { messages: inner(value.messages) };
  const obj = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (!isPlainObject(obj) && typeof obj.toJSON === "function") return serialize(obj.toJSON(), depth);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) setOwnProperty(out, k, inner(v));
  return out;
}
