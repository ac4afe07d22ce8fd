import { PyFloat } from "../python/py-float.js";
import { pyStr } from "../python/pyfmt.js";
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
 * enumerable properties.
 */
export function serializeForJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string": case "number": case "bigint": case "boolean":
      return value;
    case "object":
      break;
    default:
      return pyStr(value);
  }
  if (value instanceof PyFloat) return value;
  if (value instanceof CustomType) return serializeForJson(value.toPyJson());
  if (Array.isArray(value)) return value.map(serializeForJson);
  if (value instanceof Set) return [...value].map(serializeForJson);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) setOwnProperty(out, pyStr(k), serializeForJson(v));
    return out;
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof History) return { messages: serializeForJson(value.messages) };
  const obj = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (!isPlainObject(obj) && typeof obj.toJSON === "function") return serializeForJson(obj.toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) setOwnProperty(out, k, serializeForJson(v));
  return out;
}
