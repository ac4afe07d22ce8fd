import { SignatureError } from "../errors/signature-error.js";
import { pythonTitle } from "./python-title.js";
import { isStandardSchema, type StandardSchemaV1 } from "./standard-schema.js";
import { makeUnion, type Constraints, type LiteralValue, type ModelField, type TypeNode } from "./type-node.js";

type Schema = Record<string, unknown>;

const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** `shipping_address` → `ShippingAddress`: the model name used when a nested object schema has no title. */
function modelNameFor(path: string): string {
  return path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => pythonTitle(part).replace(/\s/g, ""))
    .join("") || "Model";
}

function constraintsOf(schema: Schema): Constraints | undefined {
  const c: { -readonly [K in keyof Constraints]: number } = {};
  const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  const isIntBound = (v: number | undefined) => v !== undefined && Math.abs(v) === SAFE_INT && schema.type === "integer";
  if (num("exclusiveMinimum") !== undefined) c.gt = num("exclusiveMinimum");
  if (num("minimum") !== undefined && !isIntBound(num("minimum"))) c.ge = num("minimum");
  if (num("exclusiveMaximum") !== undefined) c.lt = num("exclusiveMaximum");
  if (num("maximum") !== undefined && !isIntBound(num("maximum"))) c.le = num("maximum");
  const minLen = num("minLength") ?? num("minItems");
  const maxLen = num("maxLength") ?? num("maxItems");
  if (minLen !== undefined) c.min_length = minLen;
  if (maxLen !== undefined) c.max_length = maxLen;
  if (num("multipleOf") !== undefined) c.multiple_of = num("multipleOf");
  return Object.keys(c).length ? c : undefined;
}

class Converter {
  constructor(private readonly root: Schema) {}

  convert(schema: Schema, path: string): TypeNode {
    if (typeof schema.$ref === "string") return this.convert(this.resolve(schema.$ref), schema.$ref.split("/").pop() ?? path);
    if ("const" in schema) return { kind: "literal", values: [schema.const as LiteralValue] };
    if (Array.isArray(schema.enum)) return { kind: "literal", values: schema.enum as LiteralValue[] };
    const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (Array.isArray(variants)) return makeUnion(variants.map((v) => this.convert(v, path)), "typing");
    const type = schema.type;
    if (Array.isArray(type)) {
      return makeUnion(type.map((t) => this.convert({ ...schema, type: t }, path)), "typing");
    }
    switch (type) {
      case "string":
        return schema.format === "binary" ? { kind: "bytes" } : { kind: "str" };
      case "integer":
        return { kind: "int" };
      case "number":
        return { kind: "float" };
      case "boolean":
        return { kind: "bool" };
      case "null":
        return { kind: "none" };
      case "array":
        return this.array(schema, path);
      case "object":
        return this.object(schema, path);
      case undefined:
        return { kind: "any" };
    }
    throw new SignatureError(`Cannot use JSON schema type ${JSON.stringify(type)} in a signature (at ${path}).`);
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith("#/")) throw new SignatureError(`Only local JSON schema references are supported, got ${ref}.`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split("/")) node = (node as Schema | undefined)?.[part];
    if (typeof node !== "object" || node === null) throw new SignatureError(`Unresolvable JSON schema reference ${ref}.`);
    return node as Schema;
  }

  private array(schema: Schema, path: string): TypeNode {
    if (Array.isArray(schema.prefixItems)) {
      return { kind: "tuple", items: (schema.prefixItems as Schema[]).map((s, i) => this.convert(s, `${path}${i}`)), variadic: false };
    }
    const item = schema.items && typeof schema.items === "object" ? this.convert(schema.items as Schema, path) : null;
    return { kind: schema.uniqueItems ? "set" : "list", item };
  }

  private object(schema: Schema, path: string): TypeNode {
    const properties = schema.properties as Record<string, Schema> | undefined;
    if (!properties) {
      const extra = schema.additionalProperties;
      const value = extra && typeof extra === "object" ? this.convert(extra as Schema, path) : { kind: "any" as const };
      return { kind: "dict", key: { kind: "str" }, value };
    }
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const fields: ModelField[] = Object.entries(properties).map(([name, sub]) => {
      const field: { -readonly [K in keyof ModelField]: ModelField[K] } = { name, type: this.convert(sub, name) };
      if (typeof sub.description === "string") field.description = sub.description;
      if ("default" in sub) field.default = { value: sub.default };
      else if (!required.has(name)) field.type = makeUnion([field.type, { kind: "none" }], "typing");
      if (!required.has(name) && !("default" in sub)) field.default = { value: null };
      const constraints = constraintsOf(sub);
      if (constraints) field.constraints = constraints;
      return field;
    });
    const name = typeof schema.title === "string" ? schema.title : modelNameFor(path);
    return {
      kind: "model",
      name,
      fields,
      ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    };
  }
}

/** Converts a JSON schema (draft 2020-12, as Standard JSON Schema produces it) into a `TypeNode`. */
export function typeFromJsonSchema(schema: Schema, path = "value"): TypeNode {
  return new Converter(schema).convert(schema, path);
}

/** What a Standard Schema tells about a signature field: its type, description, default and constraints. */
export interface StandardSchemaField {
  type: TypeNode;
  description?: string;
  default?: { value: unknown };
  constraints?: Constraints;
}

/**
 * Reads a Standard Schema (zod 4, valibot, arktype …) through its Standard JSON Schema extension.
 * A nested object becomes a named model: its `title` (zod: `.meta({ title: "Address" })`) or the field name in PascalCase.
 */
export function fieldFromStandardSchema(schema: StandardSchemaV1, fieldName: string): StandardSchemaField {
  if (!isStandardSchema(schema) || !schema["~standard"].jsonSchema) {
    throw new SignatureError(
      `The schema of field \`${fieldName}\` (${schema["~standard"]?.vendor ?? "unknown vendor"}) does not implement Standard JSON Schema; ` +
        "use zod >= 4.2 (or another library with `~standard.jsonSchema`), or give the type as a string such as \"list[str]\".",
    );
  }
  const json = schema["~standard"].jsonSchema.output({ target: "draft-2020-12" }) as Schema;
  const field: StandardSchemaField = { type: typeFromJsonSchema(json, fieldName) };
  if (typeof json.description === "string" && field.type.kind !== "model") field.description = json.description;
  if ("default" in json) field.default = { value: json.default };
  const constraints = constraintsOf(json);
  if (constraints) field.constraints = constraints;
  return field;
}
