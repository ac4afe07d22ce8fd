import type { Signature } from "../signatures/signature.js";
import { checkRecursionDepth } from "../python/recursion-limit.js";
import { allowsNone } from "../signatures/type-node.js";

/** A deep copy of plain data (arrays and plain objects); other objects are shared, as pydantic's smart deepcopy. */
export function copyPlain(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    checkRecursionDepth(depth + 1, " while calling a Python object");
    return value.map((item) => copyPlain(item, depth + 1));
  }
  if (typeof value === "object" && value !== null) {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      checkRecursionDepth(depth + 1, " while calling a Python object");
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v, depth + 1)]));
    }
  }
  return value;
}

/**
 * DSPy's `apply_output_field_defaults`: the parsed outputs in signature order, with each missing output filled
 * from its default, or with null when its type admits None. Outputs with neither stay missing.
 */
export function applyOutputDefaults(signature: Signature, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const completed: Record<string, unknown> = {};
  for (const field of Object.values(signature.outputFields)) {
    if (Object.hasOwn(fields, field.name)) completed[field.name] = fields[field.name];
    else if (field.default !== undefined) completed[field.name] = copyPlain(field.default.value);
    else if (allowsNone(field.type)) completed[field.name] = null;
  }
  return completed;
}

/** Whether every output of the signature has a value (DSPy compares key sets). */
export function hasAllOutputs(signature: Signature, fields: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(signature.outputFields).every((name) => Object.hasOwn(fields, name));
}
