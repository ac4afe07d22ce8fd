import { pyNumberRepr } from "../python/pyfmt.js";
import type { LiteralValue, TypeNode } from "./type-node.js";

/** How DSPy quotes a string inside `Literal[...]` in prompts. */
function quoteLiteralString(s: string): string {
  const single = s.includes("'");
  const double = s.includes('"');
  if (single && !double) return `"${s}"`;
  if (single && double) return `'${s.replaceAll("'", "\\'")}'`;
  return `'${s}'`;
}

function literalName(value: LiteralValue): string {
  if (typeof value === "string") return quoteLiteralString(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null) return "None";
  return pyNumberRepr(value);
}

/**
 * The Python name of a type as DSPy writes it in prompts (`list[str]`, `Union[int, NoneType]`,
 * `UnionType[int, NoneType]`, `Literal['yes', 'no']`, `tuple[int, Ellipsis]`, `Person`).
 */
export function typeName(type: TypeNode): string {
  switch (type.kind) {
    case "str": case "int": case "float": case "bool": case "bytes":
      return type.kind;
    case "any":
      return "Any";
    case "none":
      return "NoneType";
    case "list": case "set": case "frozenset":
      return type.item ? `${type.kind}[${typeName(type.item)}]` : type.kind;
    case "dict":
      return type.key && type.value ? `dict[${typeName(type.key)}, ${typeName(type.value)}]` : "dict";
    case "tuple":
      if (!type.items) return "tuple";
      return `tuple[${[...type.items.map(typeName), ...(type.variadic ? ["Ellipsis"] : [])].join(", ")}]`;
    case "union":
      return `${type.form === "pep604" ? "UnionType" : "Union"}[${type.options.map(typeName).join(", ")}]`;
    case "literal":
      return `Literal[${type.values.map(literalName).join(", ")}]`;
    case "enum": case "model":
      return type.name;
    case "custom":
      if (type.name === "Reasoning") return "str";
      if (type.name === "Code" && type.language !== undefined) return `Code_${type.language}`;
      return type.name;
  }
}
