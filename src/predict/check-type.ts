import type { LiteralValue, TypeNode } from "../signatures/type-node.js";
import { PyFloat } from "../python/py-float.js";
import { pyRepr } from "../python/pyfmt.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value fits a type, as DSPy's input type-mismatch warning decides (no coercion). */
export function valueMatchesType(value: unknown, type: TypeNode): boolean {
  switch (type.kind) {
    case "any":
      return true;
    case "str":
      return typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
    case "int":
      return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
    case "float":
      return (typeof value === "number" && !Number.isInteger(value)) || value instanceof PyFloat || Number.isNaN(value);
    case "bool":
      return typeof value === "boolean";
    case "none":
      return value === null || value === undefined;
    case "bytes":
      return value instanceof Uint8Array;
    case "union":
      return type.options.some((option) => valueMatchesType(value, option));
    case "literal":
      return type.values.some((v: LiteralValue) => v === value);
    case "list": case "set": case "frozenset":
      return Array.isArray(value) && (type.item === null || value.every((v) => valueMatchesType(v, type.item as TypeNode)));
    case "tuple":
      if (!Array.isArray(value)) return false;
      if (!type.items) return true;
      if (type.variadic) return value.every((v) => valueMatchesType(v, type.items![0] as TypeNode));
      return value.length === type.items.length && value.every((v, i) => valueMatchesType(v, type.items![i] as TypeNode));
    case "dict":
      return isRecord(value) && (type.value === null || Object.values(value).every((v) => valueMatchesType(v, type.value as TypeNode)));
    case "enum":
      return type.members.some((m) => m.value === value);
    case "model":
    case "custom":
      return isRecord(value);
  }
}

/** DSPy's `_get_type_name` (used only in the type-mismatch warning): like the prompt name, Literal args by repr. */
export function warningTypeName(type: TypeNode): string {
  switch (type.kind) {
    case "any":
      return "Any";
    case "none":
      return "NoneType";
    case "literal":
      return `Literal[${type.values.map((v) => pyRepr(v)).join(", ")}]`;
    case "list": case "set": case "frozenset":
      return type.item ? `${type.kind}[${warningTypeName(type.item)}]` : type.kind;
    case "dict":
      return type.key && type.value ? `dict[${warningTypeName(type.key)}, ${warningTypeName(type.value)}]` : "dict";
    case "tuple":
      return type.items ? `tuple[${[...type.items.map(warningTypeName), ...(type.variadic ? ["..."] : [])].join(", ")}]` : "tuple";
    case "union":
      return `${type.form === "pep604" ? "UnionType" : "Union"}[${type.options.map(warningTypeName).join(", ")}]`;
    case "enum": case "model":
      return type.name;
    case "custom":
      return type.name;
    default:
      return type.kind;
  }
}
