import type { Field } from "../../signatures/field.js";
import { PyFloat } from "../../python/py-float.js";
import { pyJsonDumps, pyStr } from "../../python/pyfmt.js";
import { serializeForJson } from "../serialize-for-json.js";
import { groupThousands } from "./repl-history.js";

/** Python's `type(value).__name__` for a value as tsdspy passes it to Python (`str`, `int`, `list`, `dict` …). */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (value instanceof PyFloat) return "float";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "bigint") return "int";
  if (Array.isArray(value)) return "list";
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? "dict" : (value as object).constructor.name;
}

/**
 * What an RLM tells the LM about one input variable of the REPL (DSPy's `REPLVariable`): its name, Python type,
 * description, total length and a preview, the middle of a long value cut out.
 */
export class REPLVariable {
  constructor(
    readonly name: string,
    readonly typeName: string,
    readonly totalLength: number,
    readonly preview: string,
    readonly desc = "",
    readonly constraints = "",
  ) {}

  /** DSPy's `REPLVariable.from_value`: lists and dicts as indented JSON, other values as `str()`. */
  static fromValue(name: string, value: unknown, field?: Pick<Field, "desc" | "constraints">, previewChars = 1000): REPLVariable {
    const jsonable = serializeForJson(value);
    const text = typeof jsonable === "object" && jsonable !== null && !(jsonable instanceof PyFloat) ? pyJsonDumps(jsonable, { indent: 2 }) : pyStr(jsonable);
    let preview = text;
    if (text.length > previewChars) {
      const half = Math.floor(previewChars / 2);
      preview = `${text.slice(0, half)}...${text.slice(text.length - half)}`;
    }
    const desc = field?.desc && !field.desc.startsWith("${") ? field.desc : "";
    return new REPLVariable(name, pythonTypeName(value), text.length, preview, desc, field?.constraints ?? "");
  }

  /** The metadata as the LM sees it. */
  format(): string {
    const lines = [`Variable: \`${this.name}\` (access it in your code)`, `Type: ${this.typeName}`];
    if (this.desc) lines.push(`Description: ${this.desc}`);
    if (this.constraints) lines.push(`Constraints: ${this.constraints}`);
    lines.push(`Total length: ${groupThousands(this.totalLength)} characters`, `Preview:\n\`\`\`\n${this.preview}\n\`\`\``);
    return lines.join("\n");
  }
}
