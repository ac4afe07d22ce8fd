import { ValidationError } from "../errors/validation-error.js";
import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LiteralValue, TypeNode } from "../signatures/type-node.js";
import { jsonRepairLoads } from "../python/json-repair.js";
import { pythonLiteralEval } from "../python/python-literal.js";
import { PyFloat } from "../python/py-float.js";
import { pyRepr, pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { pyScalarEquals } from "./validation/validate-scalar.js";
import { decodeToolArguments } from "./decode-tool-arguments.js";
import { validateValue } from "./validation/validate-value.js";

const OPTIONS = { decodeArguments: decodeToolArguments };

/** Python's `repr(tuple)`: `(1, 2)`, `('a',)`, `()`. */
function tupleRepr(values: readonly unknown[]): string {
  return values.length === 1 ? `(${pyRepr(values[0])},)` : `(${values.map((v) => pyRepr(v)).join(", ")})`;
}

function isScalar(value: unknown): boolean {
  return value === null || value instanceof PyFloat || ["string", "number", "bigint", "boolean"].includes(typeof value);
}

/** `value in allowed` with Python equality (the value itself is returned, as DSPy does). */
function literalMember(value: unknown, allowed: readonly LiteralValue[]): boolean {
  return isScalar(value) && allowed.some((a) => pyScalarEquals(a, value));
}

/** DSPy's Literal normalisation: exact value, or the text with `Literal[...]`/`str[...]` and quotes removed. */
function parseLiteral(value: unknown, allowed: readonly LiteralValue[]): unknown {
  if (literalMember(value, allowed)) return value;
  if (typeof value === "string") {
    let v = pyStrip(value);
    if ((v.startsWith("Literal[") || v.startsWith("str[")) && v.endsWith("]")) v = v.slice(v.indexOf("[") + 1, -1);
    if (v.length > 1 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
    if (allowed.some((a) => a === v)) return v;
  }
  throw new ValueError(`${pyRepr(value)} is not one of ${tupleRepr(allowed)}`);
}

/** DSPy's `find_enum_member`: by value first, then by member name; returns the member's value. */
function parseEnum(value: unknown, type: TypeNode & { kind: "enum" }): unknown {
  const byValue = type.members.find((m) => isScalar(value) && pyScalarEquals(m.value, value));
  if (byValue) return byValue.value;
  const byName = type.members.find((m) => m.name === value);
  if (byName) return byName.value;
  throw new ValueError(`${pyStr(value)} is not a valid name or value for the enum ${type.name}`);
}

/** A union with both `str` and `None` among its members (`Optional[str]`, `str | None`, `Union[str, int, None]`). */
function isOptionalStrUnion(type: TypeNode): boolean {
  return type.kind === "union" && type.options.some((o) => o.kind === "none") && type.options.some((o) => o.kind === "str");
}

/**
 * The text as json_repair reads it; "" (its failure value) falls back to a Python literal, then to the text. Like
 * DSPy, only literal_eval's `ValueError` and `SyntaxError` fall back: its `TypeError` (unhashable key) and
 * `RecursionError` propagate.
 */
function decodeText(text: string): unknown {
  const candidate = jsonRepairLoads(text);
  if (candidate !== "" || text === "") return candidate;
  try {
    return pythonLiteralEval(text);
  } catch (error) {
    if (error instanceof ValueError || error instanceof PythonSyntaxError) return text;
    throw error;
  }
}

/**
 * DSPy's `parse_value`: turns one parsed output (text from ChatAdapter/XMLAdapter, a JSON value from
 * JSONAdapter) into a value of the field's type. `str` keeps the text; Enum/Literal are matched leniently;
 * `Optional[str]`-like unions validate the text as is; anything else is decoded (json_repair, then Python
 * literal) and validated like pydantic (see `validateValue`). Throws `ValidationError` or `ValueError`.
 */
export function parseValue(value: unknown, type: TypeNode): unknown {
  if (type.kind === "str") return pyStr(value);
  if (type.kind === "enum") return parseEnum(value, type);
  if (type.kind === "literal") return parseLiteral(value, type.values);
  if (typeof value !== "string") return validateValue(type, value, OPTIONS);
  if (isOptionalStrUnion(type)) return validateValue(type, value, OPTIONS);
  const candidate = decodeText(value);
  try {
    return validateValue(type, candidate, OPTIONS);
  } catch (error) {
    // DSPy's own types may validate from the original text (e.g. Code from a fenced block).
    if (error instanceof ValidationError && type.kind === "custom") {
      try {
        return validateValue(type, value, OPTIONS);
      } catch {
        throw error;
      }
    }
    throw error;
  }
}
