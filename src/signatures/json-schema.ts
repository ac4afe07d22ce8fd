import { SignatureError } from "../errors/signature-error.js";
import { pythonTitle } from "./python-title.js";
import type { Constraints, ModelField, ModelType, TypeNode } from "./type-node.js";

/** A JSON schema object as pydantic produces it. */
export type JsonSchema = { [key: string]: unknown };

interface Context {
  defs: Map<string, JsonSchema>;
  building: Set<string>;
}

/** Pydantic's JSON-schema title of a field: `str.title()` with underscores as spaces (`doc_id` → `Doc Id`). */
export function fieldTitle(name: string): string {
  return pythonTitle(name).replaceAll("_", " ");
}

function jsonTypeOfValue(value: unknown): string | null {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number" || typeof value === "bigint") return Number.isInteger(Number(value)) ? "integer" : "number";
  if (value === null) return "null";
  return null;
}

function constraintKeywords(type: TypeNode, constraints: Constraints | undefined): JsonSchema {
  if (!constraints) return {};
  const out: JsonSchema = {};
  const sized = type.kind === "str" ? ["minLength", "maxLength"] : ["minItems", "maxItems"];
  if (constraints.gt !== undefined) out.exclusiveMinimum = constraints.gt;
  if (constraints.ge !== undefined) out.minimum = constraints.ge;
  if (constraints.lt !== undefined) out.exclusiveMaximum = constraints.lt;
  if (constraints.le !== undefined) out.maximum = constraints.le;
  if (constraints.min_length !== undefined) out[sized[0] as string] = constraints.min_length;
  if (constraints.max_length !== undefined) out[sized[1] as string] = constraints.max_length;
  if (constraints.multiple_of !== undefined) out.multipleOf = constraints.multiple_of;
  return out;
}

/** Pydantic omits a field's title when its schema is a bare reference (a model or enum, possibly nullable). */
function isReferenceLike(type: TypeNode): boolean {
  if (type.kind === "model" || type.kind === "enum") return true;
  if (type.kind === "union") {
    const rest = type.options.filter((option) => option.kind !== "none");
    return rest.length === 1 && rest.length < type.options.length && isReferenceLike(rest[0] as TypeNode);
  }
  return false;
}

function fieldSchema(field: ModelField, ctx: Context): JsonSchema {
  const schema: JsonSchema = { ...build(field.type, ctx), ...constraintKeywords(field.type, field.constraints) };
  if (field.default !== undefined) schema.default = jsonDefault(field.default.value, field.type);
  if (field.description !== undefined) schema.description = field.description;
  if (!isReferenceLike(field.type)) schema.title = fieldTitle(field.alias ?? field.name);
  return schema;
}

function jsonDefault(value: unknown, type: TypeNode): unknown {
  if (type.kind === "enum") {
    const member = type.members.find((m) => m.name === value || m.value === value);
    return member ? member.value : value;
  }
  return value;
}

function modelSchema(model: ModelType, ctx: Context): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const field of model.fields) {
    const key = field.alias ?? field.name;
    properties[key] = fieldSchema(field, ctx);
    if (field.default === undefined) required.push(key);
  }
  const schema: JsonSchema = {};
  if (model.description !== undefined) schema.description = model.description;
  schema.properties = properties;
  if (required.length) schema.required = required;
  schema.title = model.name;
  schema.type = "object";
  return schema;
}

function enumSchema(type: Extract<TypeNode, { kind: "enum" }>): JsonSchema {
  const values = type.members.map((m) => m.value);
  const types = new Set(values.map(jsonTypeOfValue));
  const schema: JsonSchema = { enum: values, title: type.name };
  if (types.size === 1) schema.type = [...types][0];
  return schema;
}

function reference(name: string, make: () => JsonSchema, ctx: Context): JsonSchema {
  if (!ctx.defs.has(name) && !ctx.building.has(name)) {
    ctx.building.add(name);
    ctx.defs.set(name, make());
    ctx.building.delete(name);
  }
  return { $ref: `#/$defs/${name}` };
}

const CUSTOM_SCHEMAS: Readonly<Record<string, (type: Extract<TypeNode, { kind: "custom" }>) => JsonSchema>> = {
  ToolCalls: () => ({
    $defs: {
      ToolCall: {
        properties: { name: { title: "Name", type: "string" }, args: { additionalProperties: true, title: "Args", type: "object" } },
        required: ["name", "args"],
        title: "ToolCall",
        type: "object",
      },
    },
    properties: { tool_calls: { items: { $ref: "#/$defs/ToolCall" }, title: "Tool Calls", type: "array" } },
    required: ["tool_calls"],
    title: "ToolCalls",
    type: "object",
  }),
  Code: (type) => ({
    properties: { code: { title: "Code", type: "string" } },
    required: ["code"],
    title: type.language === undefined ? "Code" : `Code_${type.language}`,
    type: "object",
  }),
  Image: () => ({
    additionalProperties: false,
    properties: { url: { title: "Url", type: "string" } },
    required: ["url"],
    title: "Image",
    type: "object",
  }),
};

function build(type: TypeNode, ctx: Context): JsonSchema {
  switch (type.kind) {
    case "str":
      return { type: "string" };
    case "int":
      return { type: "integer" };
    case "float":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "bytes":
      return { format: "binary", type: "string" };
    case "none":
      return { type: "null" };
    case "any":
      return {};
    case "list":
      return { items: type.item ? build(type.item, ctx) : {}, type: "array" };
    case "set": case "frozenset":
      return { items: type.item ? build(type.item, ctx) : {}, type: "array", uniqueItems: true };
    case "dict": {
      const value = type.value && type.value.kind !== "any" ? build(type.value, ctx) : true;
      return { additionalProperties: value, type: "object" };
    }
    case "tuple":
      if (!type.items) return { items: {}, type: "array" };
      if (type.variadic) return { items: build(type.items[0] as TypeNode, ctx), type: "array" };
      return {
        maxItems: type.items.length,
        minItems: type.items.length,
        prefixItems: type.items.map((item) => build(item, ctx)),
        type: "array",
      };
    case "union": {
      // Pydantic wraps a union that admits None in a nullable schema: None leaves its place and `null` goes last.
      const members = type.options.filter((option) => option.kind !== "none");
      if (members.length === type.options.length) return { anyOf: members.map((option) => build(option, ctx)) };
      if (members.length === 0) return { type: "null" };
      return { anyOf: [...members.map((option) => build(option, ctx)), { type: "null" }] };
    }
    case "literal": {
      const types = new Set(type.values.map(jsonTypeOfValue));
      const typed: JsonSchema = type.values.length === 1 ? { const: type.values[0] } : { enum: [...type.values] };
      if (types.size === 1) typed.type = [...types][0];
      return typed;
    }
    case "enum":
      return reference(type.name, () => enumSchema(type), ctx);
    case "model":
      return reference(type.name, () => modelSchema(type, ctx), ctx);
    case "custom": {
      const make = CUSTOM_SCHEMAS[type.name];
      if (!make) throw new SignatureError(`tsdspy has no JSON schema for DSPy's ${type.name} type.`);
      return make(type);
    }
  }
}

/** Plain data objects (not `PyFloat` or other value classes, which are leaves of a schema). */
function isPlainObject(value: unknown): value is JsonSchema {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sorts keys as pydantic does: alphabetically, except the order of `properties` and of `default` values. */
function sortPydantic(value: unknown, parentKey: string | null): unknown {
  if (Array.isArray(value)) return value.map((item) => sortPydantic(item, null));
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value as JsonSchema);
  if (parentKey !== "properties" && parentKey !== "default") entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, parentKey === "default" ? v : sortPydantic(v, k)]));
}

/**
 * The JSON schema pydantic 2 generates for a type (`TypeAdapter(t).json_schema()`): titles, `$defs`/`$ref` for
 * named models and enums (the root model inlined), `anyOf` for unions, pydantic's key order.
 */
export function jsonSchemaOf(type: TypeNode): JsonSchema {
  const ctx: Context = { defs: new Map(), building: new Set() };
  let root: JsonSchema;
  if (type.kind === "model") {
    ctx.building.add(type.name);
    root = modelSchema(type, ctx);
  } else if (type.kind === "enum") {
    root = enumSchema(type);
  } else {
    root = build(type, ctx);
  }
  if (ctx.defs.size) root = { $defs: Object.fromEntries(ctx.defs), ...root };
  return sortPydantic(root, null) as JsonSchema;
}

/** DSPy's `move_type_to_front`: every object's keys sorted with `"type"` first, then lexicographically. */
export function sortTypeFirst(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortTypeFirst);
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value as JsonSchema).sort(([a], [b]) => {
    if (a === "type" || b === "type") return a === "type" ? (b === "type" ? 0 : -1) : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(entries.map(([k, v]) => [k, sortTypeFirst(v)]));
}
