import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Signature } from "../signatures/signature.js";
import { pyRepr, pyStr } from "../python/pyfmt.js";
import type { Adapter, PostprocessContext } from "./adapter.js";
import { applyOutputDefaults } from "./apply-output-defaults.js";
import { decodeToolArguments } from "./decode-tool-arguments.js";
import { toolCallsOutputFieldName } from "./prepare-call.js";
import { ToolCalls } from "./types/tool-calls.js";

function formatIssues(issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined }>): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/** Validates output values against the Standard Schemas their fields were declared with (sync schemas only). */
function validateWithSchemas(adapter: Adapter, signature: Signature, values: Record<string, unknown>, lmResponse: string): void {
  for (const field of Object.values(signature.outputFields)) {
    if (!field.schema || !Object.hasOwn(values, field.name)) continue;
    const result = field.schema["~standard"].validate(values[field.name]);
    if (result instanceof Promise) {
      throw new ValueError(`The schema of output field \`${field.name}\` validates asynchronously; tsdspy needs a synchronous Standard Schema for outputs.`);
    }
    if (result.issues) {
      throw new AdapterParseError({
        adapterName: adapter.name,
        expectedFields: Object.keys(signature.outputFields),
        lmResponse,
        message: `Failed to parse field ${field.name} with value ${pyStr(values[field.name])} from the LM response. Error message: ${formatIssues(result.issues)}`,
      });
    }
    values[field.name] = result.value;
  }
}

/** DSPy's `LMOutput.to_output_dict()`: how an output without text is shown in the "empty or null response" error. */
function legacyOutputDict(output: LMOutput): Record<string, unknown> {
  const data: Record<string, unknown> = { text: output.text };
  if (output.reasoningContent !== undefined && output.reasoningContent !== null) data.reasoning_content = output.reasoningContent;
  if (output.toolCalls?.length) data.tool_calls = output.toolCalls;
  if (output.citations !== undefined && output.citations !== null) data.citations = output.citations;
  if (output.logprobs !== undefined && output.logprobs !== null) data.logprobs = output.logprobs;
  return data;
}

/**
 * DSPy's `_call_postprocess` for one LM output: parse the text with the processed signature (an empty reply
 * without tool calls is an `AdapterParseError`), fill defaults and None for the original signature's outputs,
 * attach native tool calls and native reasoning content, keep logprobs, then apply fields' Standard Schemas.
 */
export function postprocessOutput(
  adapter: Adapter,
  original: Signature,
  processed: Signature,
  output: LMOutput,
  context?: PostprocessContext,
): Record<string, unknown> {
  const parse = (completion: string) =>
    context?.observeParse ? context.observeParse(adapter, processed, completion, () => adapter.parse(processed, completion)) : adapter.parse(processed, completion);
  const toolOutput = toolCallsOutputFieldName(original);
  const text = output.text;
  const toolCalls = output.toolCalls && output.toolCalls.length > 0 ? output.toolCalls : null;
  let value: Record<string, unknown>;
  if (text && !(toolCalls && toolOutput !== null)) {
    value = parse(text);
  } else if (toolCalls && toolOutput !== null) {
    try {
      value = text && Object.keys(processed.outputFields).length > 0 ? parse(text) : {};
    } catch (error) {
      if (!(error instanceof AdapterParseError)) throw error;
      value = {};
    }
  } else {
    throw new AdapterParseError({
      adapterName: adapter.name,
      expectedFields: Object.keys(original.outputFields),
      lmResponse: text === null ? pyRepr(legacyOutputDict(output)) : text,
      message: "The LM returned an empty or null response.",
    });
  }
  value = applyOutputDefaults(original, value);
  for (const name of Object.keys(original.outputFields)) if (!Object.hasOwn(value, name)) value[name] = null;
  if (toolCalls && toolOutput !== null) {
    value[toolOutput] = ToolCalls.fromDictList(
      toolCalls.map((call) => ({ id: call.id ?? null, name: call.name, args: call.args })),
      decodeToolArguments,
    );
  }
  for (const field of Object.values(original.outputFields)) {
    if (field.type.kind !== "custom") continue;
    if (field.type.name === "Reasoning" && typeof output.reasoningContent === "string") value[field.name] = output.reasoningContent;
    if (field.type.name === "Citations" && output.citations != null) value[field.name] = output.citations;
  }
  if (output.logprobs) value.logprobs = output.logprobs;
  validateWithSchemas(adapter, original, value, text ?? "None");
  return value;
}
