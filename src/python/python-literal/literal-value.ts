import { PythonTypeError } from "../../errors/python-type-error.js";
import { ValueError } from "../../errors/value-error.js";
import { PyFloat } from "../py-float.js";
import { PyComplex } from "../py-complex.js";
import { pyFloatRepr } from "../pyfmt.js";
import { setOwnProperty } from "../set-own-property.js";
import { type PyNode, pyClassName } from "./ast-node.js";

/**
 * `ast.literal_eval`'s conversion of a parsed expression: constants, tuples and lists (→ arrays),
 * sets (→ `Set`), dicts (→ plain objects, or a `Map` when a key is not a string), `set()`, signed
 * numbers and `real ± imaginary`. Anything else raises literal_eval's `ValueError`.
 */

function malformed(node: PyNode | null): never {
  if (node === null) throw new ValueError("malformed node or string: None");
  throw new ValueError(`malformed node or string on line ${node.line}: <ast.${pyClassName(node)} object>`);
}

type PyNum = number | bigint | PyFloat | PyComplex;

function isPyNumber(value: unknown): value is PyNum {
  return typeof value === "number" || typeof value === "bigint" || value instanceof PyFloat || value instanceof PyComplex;
}

function numberOf(node: PyNode): PyNum {
  if (node.kind !== "Constant" || !node.isNumber || !isPyNumber(node.value)) malformed(node);
  return node.value;
}

function negate(value: PyNum): PyNum {
  if (typeof value === "bigint") return -value;
  if (typeof value === "number") return Number.isInteger(value) ? 0 - value : -value;
  if (value instanceof PyFloat) return new PyFloat(-value.value);
  return new PyComplex(-value.real, -value.imag);
}

function signedNumber(node: PyNode): PyNum {
  if (node.kind === "UnaryOp" && (node.op === "UAdd" || node.op === "USub")) {
    const operand = numberOf(node.operand);
    return node.op === "USub" ? negate(operand) : operand;
  }
  return numberOf(node);
}

function realPart(value: number | bigint | PyFloat): number {
  return typeof value === "bigint" ? Number(value) : Number(value.valueOf());
}

/** A key standing for Python's hash/equality (1 == 1.0 == True; tuples by content); throws for unhashable values. */
function hashKey(node: PyNode, value: unknown): string {
  if (node.kind === "Tuple") return `(${node.elts.map((elt, i) => hashKey(elt, (value as unknown[])[i])).join(",")})`;
  if (node.kind === "List") throw new PythonTypeError("unhashable type: 'list'");
  if (node.kind === "Dict") throw new PythonTypeError("unhashable type: 'dict'");
  if (node.kind === "Set" || node.kind === "Call") throw new PythonTypeError("unhashable type: 'set'");
  if (value === null) return "None";
  if (typeof value === "string") return `s${value}`;
  if (value instanceof Uint8Array) return `b${Array.from(value).join(".")}`;
  if (typeof value === "boolean") return value ? "n1" : "n0";
  if (value instanceof PyComplex && value.imag !== 0) return `c${pyFloatRepr(value.real)},${pyFloatRepr(value.imag)}`;
  if (isPyNumber(value)) {
    const n = value instanceof PyComplex ? value.real : value;
    if (typeof n === "bigint") return `n${n}`;
    const x = Number(n.valueOf());
    return Number.isInteger(x) ? `n${BigInt(x)}` : `n${pyFloatRepr(x)}`;
  }
  return "Ellipsis";
}

function convertDict(node: Extract<PyNode, { kind: "Dict" }>): unknown {
  const entries = new Map<string, [unknown, unknown]>();
  node.keys.forEach((keyNode, i) => {
    if (keyNode === null) malformed(null);
    const key = convert(keyNode);
    const value = convert(node.values[i] as PyNode);
    const hash = hashKey(keyNode, key);
    const existing = entries.get(hash);
    entries.set(hash, [existing === undefined ? key : existing[0], value]);
  });
  const pairs = [...entries.values()];
  if (pairs.every(([key]) => typeof key === "string")) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs) setOwnProperty(out, key as string, value);
    return out;
  }
  return new Map(pairs);
}

function convertSet(node: Extract<PyNode, { elts: PyNode[] }>): Set<unknown> {
  const seen = new Map<string, unknown>();
  for (const elt of node.elts) {
    const value = convert(elt);
    const hash = hashKey(elt, value);
    if (!seen.has(hash)) seen.set(hash, value);
  }
  return new Set(seen.values());
}

/** Converts a literal node to its value (literal_eval's `_convert`). */
export function convert(node: PyNode): unknown {
  switch (node.kind) {
    case "Constant":
      return node.value;
    case "Tuple":
    case "List":
      return node.elts.map(convert);
    case "Set":
      return convertSet(node);
    case "Dict":
      return convertDict(node);
    case "Call":
      if (node.func.kind === "Name" && node.func.id === "set" && node.argCount === 0) return new Set();
      break;
    case "BinOp":
      if (node.op === "Add" || node.op === "Sub") {
        const left = signedNumber(node.left);
        const right = numberOf(node.right);
        if (!(left instanceof PyComplex) && right instanceof PyComplex) {
          const real = realPart(left);
          return node.op === "Add"
            ? new PyComplex(real + right.real, right.imag)
            : new PyComplex(real - right.real, 0 - right.imag);
        }
      }
      break;
    default:
      break;
  }
  return signedNumber(node);
}
