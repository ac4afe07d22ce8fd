import { pyRepr } from "../../python/pyfmt.js";
import type { TypeNode } from "../../signatures/type-node.js";

/**
 * pydantic-core's name of a type's validator, used as the `… validation error for {title}` and as the location
 * label of union members: `int`, `list[str]`, `dict[str,int]`, `nullable[int]`, `union[int,str]`,
 * `literal['a','b']`, `tuple[int, ...]`, `enum[Color]`, model names.
 */
export function pydanticTitle(type: TypeNode): string {
  switch (type.kind) {
    case "str": case "int": case "float": case "bool": case "bytes":
      return type.kind;
    case "none":
      return "none";
    case "any":
      return "any";
    case "list": case "set": case "frozenset":
      return `${type.kind}[${type.item ? pydanticTitle(type.item) : "any"}]`;
    case "dict":
      return `dict[${type.key ? pydanticTitle(type.key) : "any"},${type.value ? pydanticTitle(type.value) : "any"}]`;
    case "tuple":
      if (!type.items) return "tuple[any, ...]";
      if (type.variadic) return `tuple[${pydanticTitle(type.items[0] as TypeNode)}, ...]`;
      return `tuple[${type.items.map(pydanticTitle).join(", ")}]`;
    case "union": {
      const rest = type.options.filter((o) => o.kind !== "none");
      const inner = rest.length === 1 ? pydanticTitle(rest[0] as TypeNode) : `union[${rest.map(pydanticTitle).join(",")}]`;
      return rest.length < type.options.length ? `nullable[${inner}]` : inner;
    }
    case "literal":
      return `literal[${type.values.map((v) => pyRepr(v)).join(",")}]`;
    case "enum":
      return `enum[${type.name}]`;
    case "model":
      return type.name;
    case "custom":
      return type.name === "Code" && type.language !== undefined ? `Code_${type.language}` : type.name;
  }
}
