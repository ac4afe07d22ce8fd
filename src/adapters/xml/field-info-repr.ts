import type { Field } from "../../signatures/field.js";
import { inferPrefix } from "../../signatures/infer-prefix.js";
import type { TypeNode } from "../../signatures/type-node.js";
import { pyRepr } from "../../python/pyfmt.js";

/** pydantic's `display_as_type`: like DSPy's type names, but every union is `Union[...]` and literals use repr. */
function displayType(type: TypeNode): string {
  switch (type.kind) {
    case "any": return "Any";
    case "none": return "NoneType";
    case "list": case "set": case "frozenset":
      return type.item ? `${type.kind}[${displayType(type.item)}]` : type.kind;
    case "dict":
      return type.key && type.value ? `dict[${displayType(type.key)}, ${displayType(type.value)}]` : "dict";
    case "tuple":
      if (!type.items) return "tuple";
      return `tuple[${[...type.items.map(displayType), ...(type.variadic ? ["..."] : [])].join(", ")}]`;
    case "union":
      return `Union[${type.options.map(displayType).join(", ")}]`;
    case "literal":
      return `Literal[${type.values.map((v) => pyRepr(v)).join(", ")}]`;
    case "enum": case "model":
      return type.name;
    case "custom":
      return type.name === "Code" && type.language !== undefined ? `Code_${type.language}` : type.name;
    default:
      return type.kind;
  }
}

const CONSTRAINT_CLASSES: ReadonlyArray<[string, string, string]> = [
  ["greater than: ", "Gt", "gt"],
  ["greater than or equal to: ", "Ge", "ge"],
  ["less than: ", "Lt", "lt"],
  ["less than or equal to: ", "Le", "le"],
  ["a multiple of the given number: ", "MultipleOf", "multiple_of"],
  ["minimum length: ", "MinLen", "min_length"],
  ["maximum length: ", "MaxLen", "max_length"],
];

/** pydantic's `metadata=[Ge(ge=0), …]` recovered from DSPy's constraints text, in pydantic's order. */
function metadata(constraints: string): string {
  const parts = constraints.split(", ");
  const items: string[] = [];
  for (const [text, cls, key] of CONSTRAINT_CLASSES) {
    const part = parts.find((p) => p.startsWith(text) && !CONSTRAINT_CLASSES.some(([other]) => other !== text && other.startsWith(text) && p.startsWith(other)));
    if (part) items.push(`${cls}(${key}=${part.slice(text.length)})`);
  }
  return items.length ? ` metadata=[${items.join(", ")}]` : "";
}

/**
 * `str(FieldInfo)` of a DSPy output field, as it appears in XMLAdapter's "Failed to parse field …" errors:
 * `annotation=int required=True json_schema_extra={'__dspy_field_type': 'output', 'prefix': 'A:', 'desc': '${a}'}`.
 * The order of `json_schema_extra` keys follows DSPy's (explicit desc/prefix first, inferred ones last).
 */
export function fieldInfoRepr(field: Field): string {
  const descGiven = field.desc !== `\${${field.name}}`;
  const prefixGiven = field.prefix !== `${inferPrefix(field.name)}:`;
  const extra: Array<[string, unknown]> = [];
  if (descGiven) extra.push(["desc", field.desc]);
  if (prefixGiven) extra.push(["prefix", field.prefix]);
  extra.push(["__dspy_field_type", field.io]);
  if (field.constraints) extra.push(["constraints", field.constraints]);
  if (field.typeUndefined !== undefined) extra.push(["IS_TYPE_UNDEFINED", field.typeUndefined]);
  if (!prefixGiven) extra.push(["prefix", field.prefix]);
  if (!descGiven) extra.push(["desc", field.desc]);
  const extraRepr = `{${extra.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  const required = field.default === undefined;
  const defaultRepr = required ? "" : ` default=${pyRepr(field.default?.value)}`;
  return `annotation=${displayType(field.type)} required=${required ? "True" : "False"}${defaultRepr} json_schema_extra=${extraRepr}${field.constraints ? metadata(field.constraints) : ""}`;
}
