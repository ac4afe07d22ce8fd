import { jsonSchemaOf, type JsonSchema } from "../../signatures/json-schema.js";
import type { ModelType, TypeNode } from "../../signatures/type-node.js";

const REASONING: ModelType = { kind: "model", name: "Reasoning", fields: [{ name: "content", type: { kind: "str" } }] };

/** The type as pydantic builds its schema with `by_alias=False`: field names instead of aliases. */
function withoutAliases(type: TypeNode, seen: Map<ModelType, ModelType>): TypeNode {
  switch (type.kind) {
    case "model": {
      const done = seen.get(type);
      if (done) return done;
      const copy: { -readonly [K in keyof ModelType]: ModelType[K] } = { ...type, fields: [] };
      seen.set(type, copy);
      copy.fields = type.fields.map(({ alias: _alias, ...field }) => ({ ...field, type: withoutAliases(field.type, seen) }));
      return copy;
    }
    case "list": case "set": case "frozenset":
      return type.item ? { ...type, item: withoutAliases(type.item, seen) } : type;
    case "dict":
      return { ...type, key: type.key && withoutAliases(type.key, seen), value: type.value && withoutAliases(type.value, seen) };
    case "tuple":
      return type.items ? { ...type, items: type.items.map((t) => withoutAliases(t, seen)) } : type;
    case "union":
      return { ...type, options: type.options.map((t) => withoutAliases(t, seen)) };
    case "custom":
      return type.name === "Reasoning" ? REASONING : type;
    default:
      return type;
  }
}

/** pydantic's `TypeAdapter(t).json_schema(by_alias=False)`; `{}` for DSPy types tsdspy has no schema for. */
export function xmlJsonSchema(type: TypeNode): JsonSchema {
  try {
    return jsonSchemaOf(withoutAliases(type, new Map()));
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** DSPy's `_schema_to_xml`: the nested tag skeleton of a schema (`<addr><city>...</city></addr>`). */
function schemaToXml(tag: string, schema: JsonSchema, defs: JsonSchema, seen: ReadonlySet<string>): string {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref) {
    const name = ref.split("/").pop() as string;
    if (seen.has(name)) return `<${tag}>...</${tag}>`;
    return schemaToXml(tag, (defs[name] ?? {}) as JsonSchema, defs, new Set([...seen, name]));
  }
  const choices = schema.anyOf;
  if (Array.isArray(choices) && choices.length) {
    const choice = (choices as JsonSchema[]).find((c) => c.type !== "null") ?? (choices[0] as JsonSchema);
    return schemaToXml(tag, choice, defs, seen);
  }
  if (schema.type === "array") {
    return `<${tag}>${schemaToXml("item", isObject(schema.items) ? schema.items : {}, defs, seen)}</${tag}>`;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const children = Object.entries(properties).map(([name, child]) => schemaToXml(name, child as JsonSchema, defs, seen)).join("");
  return children ? `<${tag}>${children}</${tag}>` : `<${tag}>...</${tag}>`;
}

/** DSPy's `XMLAdapter._xml_schema(tag, annotation)`. */
export function xmlSchema(tag: string, type: TypeNode): string {
  const schema = xmlJsonSchema(type);
  return schemaToXml(tag, schema, isObject(schema.$defs) ? schema.$defs : {}, new Set());
}

/**
 * DSPy's `_uses_nested_xml`: outputs typed as a user model, `list[...]` or `dict[...]` (possibly Optional) are
 * written as nested XML; DSPy's own types and `list` of them are not.
 */
export function usesNestedXml(type: TypeNode): boolean {
  let t = type;
  if (t.kind === "union") {
    const rest = t.options.filter((o) => o.kind !== "none");
    if (rest.length === 1) t = rest[0] as TypeNode;
  }
  if (t.kind === "list" && t.item !== null) return t.item.kind !== "custom";
  if (t.kind === "dict" && t.key !== null) return true;
  return t.kind === "model";
}
