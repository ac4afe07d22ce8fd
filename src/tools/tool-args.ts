import type { ToolArgs } from "../adapters/types/tool-base.js";
import { SignatureError } from "../errors/signature-error.js";
import { jsonSchemaOf } from "../signatures/json-schema.js";
import { parseType } from "../signatures/parse-type.js";
import type { StandardSchemaV1 } from "../signatures/standard-schema.js";
import type { TypeNode } from "../signatures/type-node.js";

type Schema = Record<string, unknown>;

const isRecord = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** DSPy's `_resolve_json_schema_reference`: inlines every `$ref` into `$defs` and drops `$defs`. */
export function resolveJsonSchemaRefs(schema: Schema): Schema {
  const defs = (schema.$defs ?? schema.definitions) as Schema | undefined;
  if (!isRecord(defs)) return schema;
  const resolve = (value: unknown, seen: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, seen));
    if (!isRecord(value)) return value;
    if (typeof value.$ref === "string") {
      const name = value.$ref.split("/").pop() ?? "";
      if (seen.has(name)) throw new SignatureError(`The tool argument schema refers to itself through \`${name}\`; recursive schemas are not supported.`);
      return resolve(defs[name], new Set([...seen, name]));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, seen)]));
  };
  const resolved = resolve(schema, new Set()) as Schema;
  delete resolved.$defs;
  return resolved;
}

/** The object schema of a tool's arguments, split as DSPy's `convert_input_schema_to_tool_args` does. */
export interface ArgsFromSchema {
  args: ToolArgs;
  required: string[];
}

/** Per-argument schemas (refs resolved) and the required names of an object JSON schema. */
export function argsFromJsonSchema(schema: Schema): ArgsFromSchema {
  const properties = schema.properties;
  if (!isRecord(properties)) return { args: {}, required: [] };
  const defs = schema.$defs;
  const args: ToolArgs = {};
  for (const [name, prop] of Object.entries(properties)) {
    const p = isRecord(prop) ? prop : {};
    args[name] = isRecord(defs) && Object.keys(defs).length ? resolveJsonSchemaRefs({ $defs: defs, ...p }) : p;
  }
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { args, required };
}

const SAFE_INTEGER_BOUNDS = { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

/** Drops the safe-integer bounds zod adds to every `int()` (noise in a prompt; JavaScript numbers hold no more). */
function withoutSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds);
  if (!isRecord(value)) return value;
  const out: Schema = {};
  for (const [k, v] of Object.entries(value)) {
    if (value.type === "integer" && (k === "minimum" || k === "maximum") && v === SAFE_INTEGER_BOUNDS[k]) continue;
    out[k] = withoutSafeIntegerBounds(v);
  }
  return out;
}

/** A Standard Schema (zod, valibot, arktype …) of the whole argument object → per-argument JSON schemas. */
export function argsFromStandardSchema(schema: StandardSchemaV1, toolName: string): ArgsFromSchema {
  const props = schema["~standard"];
  if (!props.jsonSchema) {
    throw new SignatureError(
      `The argument schema of tool \`${toolName}\` (${props.vendor}) does not implement Standard JSON Schema; ` +
        "use zod >= 4.2 (or another library with `~standard.jsonSchema`), or give `args` as JSON schemas.",
    );
  }
  const json = withoutSafeIntegerBounds(props.jsonSchema.input({ target: "draft-2020-12" })) as Schema;
  if (json.type !== "object") {
    throw new SignatureError(`The argument schema of tool \`${toolName}\` must describe an object (one property per argument).`);
  }
  return argsFromJsonSchema(json);
}

/** DSPy type strings (`"int"`, `"list[str]"`) or type nodes per argument → parsed types and pydantic's JSON schemas. */
export function argsFromTypes(argTypes: Readonly<Record<string, string | TypeNode>>): { args: ToolArgs; types: Record<string, TypeNode> } {
  const args: ToolArgs = {};
  const types: Record<string, TypeNode> = {};
  for (const [name, spec] of Object.entries(argTypes)) {
    const type = typeof spec === "string" ? parseType(spec) : spec;
    types[name] = type;
    args[name] = type.kind === "any" ? {} : resolveJsonSchemaRefs(jsonSchemaOf(type));
  }
  return { args, types };
}
