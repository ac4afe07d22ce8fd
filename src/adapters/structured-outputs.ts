import { jsonSchemaOf, type JsonSchema } from "../signatures/json-schema.js";
import type { Signature } from "../signatures/signature.js";
import type { ModelField, ModelType, TypeNode } from "../signatures/type-node.js";
import { ValueError } from "../errors/value-error.js";

const REASONING_DOC =
  "Reasoning type in DSPy.\n\nThis type is useful when you want the DSPy output to include the reasoning of the LM. We build this type so that\n" +
  "DSPy can support the reasoning model and non-reasoning model with the same code.\n\nThis is a str-like type, you can convert a string " +
  "directly to a Reasoning object, and from DSPy adapters'\nperspective, `Reasoning` is treated as a string.";

/** `dspy.Reasoning` as pydantic sees it inside a model: a `{content: str}` model with its docstring. */
const REASONING_MODEL: ModelType = {
  kind: "model",
  name: "Reasoning",
  description: REASONING_DOC,
  fields: [{ name: "content", type: { kind: "str" } }],
};

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** DSPy's `enforce_required`: every object lists all properties as required and forbids extra ones. */
function enforceRequired(part: JsonSchema): void {
  if (part.type === "object") {
    const props = part.properties;
    if (isObject(props)) {
      part.required = Object.keys(props);
      part.additionalProperties = false;
      for (const sub of Object.values(props)) if (isObject(sub)) enforceRequired(sub);
    } else {
      part.properties = {};
      part.required = [];
      part.additionalProperties = false;
    }
  }
  if (part.type === "array" && isObject(part.items)) enforceRequired(part.items);
  for (const key of ["$defs", "definitions"]) {
    const defs = part[key];
    if (isObject(defs)) for (const def of Object.values(defs)) if (isObject(def)) enforceRequired(def);
  }
}

function withReasoningModel(type: TypeNode): TypeNode {
  return type.kind === "custom" && type.name === "Reasoning" ? REASONING_MODEL : type;
}

/**
 * The strict `response_format` DSPy sends for structured outputs: the JSON schema of a `DSPyProgramOutputs`
 * model of the output fields (extra forbidden, every property required, `additionalProperties: false`
 * everywhere), as litellm wraps it. `ToolCalls` outputs are left out when native function calling is on.
 */
export function structuredOutputsResponseFormat(signature: Signature, useNativeFunctionCalling: boolean): Record<string, unknown> {
  const fields: ModelField[] = [];
  for (const field of Object.values(signature.outputFields)) {
    if (field.type.kind === "dict" && field.type.key !== null) {
      throw new ValueError(`Field '${field.name}' has an open-ended mapping type which is not supported by Structured Outputs.`);
    }
    if (useNativeFunctionCalling && field.type.kind === "custom" && field.type.name === "ToolCalls") continue;
    fields.push({ name: field.name, type: withReasoningModel(field.type), ...(field.default ? { default: field.default } : {}) });
  }
  const model: ModelType = { kind: "model", name: "DSPyProgramOutputs", fields };
  const raw = jsonSchemaOf(model);
  // extra="forbid" adds `additionalProperties: false`, which pydantic sorts among the root keys.
  const schema: JsonSchema = Object.fromEntries(
    Object.entries({ ...raw, additionalProperties: false }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  enforceRequired(schema);
  return { type: "json_schema", json_schema: { schema, name: "DSPyProgramOutputs", strict: true } };
}

