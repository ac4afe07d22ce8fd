import { SignatureError } from "../errors/signature-error.js";
import { PyFloat } from "../python/py-float.js";
import type { Constraints, TypeNode } from "./type-node.js";

/** Pydantic checks an int's bounds in this order; the first one that is not an integer is reported. */
const INT_BOUNDS = ["multiple_of", "le", "lt", "ge", "gt"] as const;
const LENGTHS = ["min_length", "max_length"] as const;
const SIZED = new Set(["str", "bytes", "list", "set", "frozenset", "dict", "tuple"]);
const I64 = 2 ** 63;

/** A bound pydantic-core can turn into an i64 (`1`, `1.0`, `True`; not `0.5` nor the float `1e20`). */
function coercibleToInt(value: unknown): boolean {
  if (typeof value === "boolean" || typeof value === "bigint") return true;
  const x = value instanceof PyFloat ? value.value : value;
  if (typeof x !== "number" || !Number.isInteger(x)) return false;
  return !(value instanceof PyFloat) || (x >= -I64 && x < I64);
}

/** Why a length is not a usable Python index (an unsigned size), in CPython's words, or `undefined`. */
function lengthProblem(value: unknown): string | undefined {
  if (typeof value === "boolean") return undefined;
  if (value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value))) {
    return "TypeError: 'float' object cannot be interpreted as an integer";
  }
  if ((typeof value === "number" || typeof value === "bigint") && value < 0) return "OverflowError: can't convert negative int to unsigned";
  return undefined;
}

/**
 * Refuses field constraints pydantic cannot build a validator for, as DSPy does when the signature is created: an
 * `int` bound that is not an integer (`{ lt: 0.5 }`), or a length on a sized type (`str`, `list`, `dict`, …) that is a
 * float or negative. The message is pydantic's `SchemaError` text. Constraints on other types are kept and ignored, as
 * pydantic does.
 */
export function checkConstraints(name: string, type: TypeNode, constraints: Constraints | undefined): void {
  if (!constraints) return;
  const layers = ['Error building "model" validator:', 'Error building "model-fields" validator:', `Field "${name}":`];
  let inner = type;
  if (type.kind === "union") {
    const others = type.options.filter((option) => option.kind !== "none");
    if (others.length !== 1 || others.length === type.options.length) return;
    layers.push('Error building "nullable" validator:');
    inner = others[0]!;
  }
  let problem: string | undefined;
  if (inner.kind === "int") {
    const key = INT_BOUNDS.find((k) => constraints[k] !== undefined && !coercibleToInt(constraints[k]));
    if (key) problem = `ValueError: '${key}' must be coercible to an integer`;
  } else if (SIZED.has(inner.kind)) {
    for (const key of LENGTHS) problem ??= constraints[key] === undefined ? undefined : lengthProblem(constraints[key]);
  }
  if (problem === undefined) return;
  layers.push(`Error building "${inner.kind}" validator:`);
  const [first, ...rest] = layers;
  throw new SignatureError([first, ...rest.map((layer) => `SchemaError: ${layer}`), problem].join("\n  "));
}
