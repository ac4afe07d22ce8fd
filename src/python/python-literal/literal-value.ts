import { PythonTypeError } from "../../errors/python-type-error.js";
import { ValueError } from "../../errors/value-error.js";
import { PY_ELLIPSIS } from "../py-ellipsis.js";
import { PyFloat } from "../py-float.js";
import { PyComplex } from "../py-complex.js";
import { pyFloatRepr } from "../pyfmt.js";
import { setOwnProperty } from "../set-own-property.js";
import { type Elements, type PyNode, pyClassName } from "./ast-node.js";

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

/** Marks a node that is not a literal (see `literalValue`). */
export const NOT_LITERAL: unique symbol = Symbol("not a literal");

function isNumberConstant(node: PyNode): node is Extract<PyNode, { kind: "Constant" }> {
  return node.kind === "Constant" && node.isNumber && isPyNumber(node.value);
}

/** Whether `signedNumber` takes the node without fail: a number, or `+`/`-` and a number. */
function isSignedNumber(node: PyNode): boolean {
  return isNumberConstant(node) || (node.kind === "UnaryOp" && (node.op === "UAdd" || node.op === "USub") && isNumberConstant(node.operand));
}

/**
 * The value of a node that `convert` turns into a value without fail and `hashKey` hashes by that value - a
 * constant, a signed number, `real ± imaginary`, a tuple of such literals (its array: an array held in place of a
 * node is always a tuple), a dict of literals with scalar keys (its value; unhashable) - or `NOT_LITERAL` for any
 * other node.
 */
export function literalValue(node: PyNode): unknown {
  if (node.kind === "Constant") return node.value;
  if (node.kind === "Tuple") return node.elts.nodeAt.length === 0 ? node.elts.items : NOT_LITERAL;
  if (node.kind === "Dict") return isLiteralDict(node) ? convertDict(node) : NOT_LITERAL;
  if (node.kind === "UnaryOp") return isSignedNumber(node) ? signedNumber(node) : NOT_LITERAL;
  if (node.kind !== "BinOp" || (node.op !== "Add" && node.op !== "Sub") || !isSignedNumber(node.left)) return NOT_LITERAL;
  if (!isNumberConstant(node.right) || !(node.right.value instanceof PyComplex)) return NOT_LITERAL;
  return signedNumber(node.left) instanceof PyComplex ? NOT_LITERAL : convert(node);
}

/** A constant's value, a signed number or a complex one: never a container. */
function isScalarLiteral(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return value instanceof PyFloat || value instanceof PyComplex || value instanceof Uint8Array || value === PY_ELLIPSIS;
}

/**
 * A dict display whose keys are scalar literals and whose values are literals: it converts without fail (its keys
 * hash), so it can be held as its value - a plain object or a `Map`, which `hashKey` then refuses as a dict.
 */
function isLiteralDict(node: Extract<PyNode, { kind: "Dict" }>): boolean {
  return node.keys.nodeAt.length === 0 && node.values.nodeAt.length === 0 && node.keys.items.every(isScalarLiteral);
}

/** Whether element `index` holds a node; `cursor.next` walks `nodeAt` along ascending indexes. */
function holdsNode(elts: Elements, index: number, cursor: { next: number }): boolean {
  if (elts.nodeAt[cursor.next] !== index) return false;
  cursor.next++;
  return true;
}

/** A key standing for Python's hash/equality (1 == 1.0 == True; tuples by content); throws for unhashable values. */
function hashKey(node: PyNode | null, value: unknown): string {
  if (node !== null) {
    if (node.kind === "Tuple") return tupleHashKey(node.elts, value as unknown[]);
    if (node.kind === "List") throw new PythonTypeError("unhashable type: 'list'");
    if (node.kind === "Dict") throw new PythonTypeError("unhashable type: 'dict'");
    if (node.kind === "Set" || node.kind === "Call") throw new PythonTypeError("unhashable type: 'set'");
  }
  if (Array.isArray(value)) return tupleHashKey(null, value);
  if (value === null) return "None";
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "number" && Number.isSafeInteger(value)) return `n${value}`;
  if (value instanceof Uint8Array) return `b${Array.from(value).join(".")}`;
  if (typeof value === "boolean") return value ? "n1" : "n0";
  if (value instanceof PyComplex && value.imag !== 0) return `c${pyFloatRepr(value.real)},${pyFloatRepr(value.imag)}`;
  if (isPyNumber(value)) {
    const n = value instanceof PyComplex ? value.real : value;
    if (typeof n === "bigint") return `n${n}`;
    const x = Number(n.valueOf());
    return Number.isInteger(x) ? `n${BigInt(x)}` : `n${pyFloatRepr(x)}`;
  }
  if (value === PY_ELLIPSIS) return "Ellipsis";
  // A dict held as its value (see `isLiteralDict`).
  throw new PythonTypeError("unhashable type: 'dict'");
}

/** A tuple's hash key from its elements (null: a tuple of literals) and their values. */
function tupleHashKey(elts: Elements | null, values: unknown[]): string {
  const keys: string[] = [];
  const cursor = { next: 0 };
  for (let i = 0; i < values.length; i++) {
    keys.push(hashKey(elts !== null && holdsNode(elts, i, cursor) ? (elts.items[i] as PyNode) : null, values[i]));
  }
  return `(${keys.join(",")})`;
}

/** The elements' values in order (the array of literals itself when every element is one). */
function convertElements(elts: Elements): unknown[] {
  if (elts.nodeAt.length === 0) return elts.items;
  const values = elts.items.slice();
  for (const i of elts.nodeAt) values[i] = convert(elts.items[i] as PyNode);
  return values;
}

function convertDict(node: Extract<PyNode, { kind: "Dict" }>): unknown {
  const entries = new Map<string, [unknown, unknown]>();
  const { keys, values } = node;
  const keyCursor = { next: 0 };
  const valueCursor = { next: 0 };
  for (let i = 0; i < keys.items.length; i++) {
    let keyNode: PyNode | null = null;
    let key = keys.items[i];
    if (holdsNode(keys, i, keyCursor)) {
      if (key === null) malformed(null);
      keyNode = key as PyNode;
      key = convert(keyNode);
    }
    const value = holdsNode(values, i, valueCursor) ? convert(values.items[i] as PyNode) : values.items[i];
    const hash = hashKey(keyNode, key);
    const existing = entries.get(hash);
    entries.set(hash, [existing === undefined ? key : existing[0], value]);
  }
  const pairs = [...entries.values()];
  if (pairs.every(([key]) => typeof key === "string")) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs) setOwnProperty(out, key as string, value);
    return out;
  }
  return new Map(pairs);
}

function convertSet(elts: Elements): Set<unknown> {
  const seen = new Map<string, unknown>();
  const cursor = { next: 0 };
  for (let i = 0; i < elts.items.length; i++) {
    const node = holdsNode(elts, i, cursor) ? (elts.items[i] as PyNode) : null;
    const value = node === null ? elts.items[i] : convert(node);
    const hash = hashKey(node, value);
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
      return convertElements(node.elts);
    case "Set":
      return convertSet(node.elts);
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
