import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { LMError } from "../errors/lm-errors.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Field } from "../signatures/field.js";
import type { Signature } from "../signatures/signature.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { jsonRepairLoads } from "../python/json-repair.js";
import { Adapter, type AdapterOptions, type CallPlan, type PostprocessContext, type UserMessageOptions, type ValueRecord } from "./adapter.js";
import { applyOutputDefaults, hasAllOutputs } from "./apply-output-defaults.js";
import { chatUserMessageContent, formatFieldSections, outputEntries, outputTypeHint } from "./chat-format.js";
import { firstBalancedObject } from "./first-balanced-object.js";
import { parseValue } from "./parse-value.js";
import { postprocessOutput } from "./postprocess-output.js";
import { prepareCall } from "./prepare-call.js";
import { serializeForJson } from "./serialize-for-json.js";
import { structuredOutputsResponseFormat } from "./structured-outputs.js";
import { translateFieldType } from "./translate-field-type.js";

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Whether an output is an open-ended `dict[K, V]`, which strict structured outputs cannot describe. */
function hasOpenEndedMapping(signature: Signature): boolean {
  return Object.values(signature.outputFields).some((f) => f.type.kind === "dict" && f.type.key !== null);
}

function hasToolCallsOutput(signature: Signature): boolean {
  return Object.values(signature.outputFields).some((f) => f.type.kind === "custom" && f.type.name === "ToolCalls");
}

/**
 * Asks for the outputs as one JSON object (and, when the LM supports it, sends a `response_format`).
 * Inputs are rendered as ChatAdapter's `[[ ## name ## ]]` sections.
 *
 * @example
 * const plans = new JSONAdapter().callPlans(sig, lm, {}); // [json_schema plan, json_object plan] for capable LMs
 */
export class JSONAdapter extends Adapter {
  readonly name: string = "JSONAdapter";

  /** Native function calling is on by default for JSONAdapter. */
  constructor(options: AdapterOptions = {}) {
    super(options, true);
  }

  callPlans(signature: Signature, lm: LMLike, params: LMParams, inputs: ValueRecord = {}): CallPlan[] {
    const plan = (extra: LMParams): CallPlan => ({ adapter: this, ...prepareCall(this, signature, lm, { ...params, ...extra }, inputs) });
    if (!lm.capabilities.supportedParams.includes("response_format")) return [plan({})];
    const jsonObject = { response_format: { type: "json_object" } };
    if (
      hasOpenEndedMapping(signature) ||
      (!this.useNativeFunctionCalling && hasToolCallsOutput(signature)) ||
      !lm.capabilities.supportsResponseSchema
    ) {
      return [plan(jsonObject)];
    }
    try {
      return [plan({ response_format: structuredOutputsResponseFormat(signature, this.useNativeFunctionCalling) }), plan(jsonObject)];
    } catch (error) {
      if (error instanceof LMError) throw error;
      return [plan(jsonObject)];
    }
  }

  postprocess(original: Signature, processed: Signature, output: LMOutput, context?: PostprocessContext): Record<string, unknown> {
    return postprocessOutput(this, original, processed, output, context);
  }

  /** User role: `[[ ## name ## ]]` sections; assistant role: the values as an indented JSON object. */
  formatFieldWithValue(entries: ReadonlyArray<readonly [Field, unknown]>, options: { role?: "user" | "assistant" } = {}): string {
    if ((options.role ?? "user") === "user") return formatFieldSections(entries);
    const record: Record<string, unknown> = {};
    for (const [field, value] of entries) record[field.name] = value;
    return pyJsonDumps(serializeForJson(record), { indent: 2, ensureAscii: false });
  }

  formatFieldStructure(signature: Signature): string {
    const entries = (fields: readonly Field[]) => fields.map((f) => [f, translateFieldType(f)] as const);
    const parts = [
      "All interactions will be structured in the following way, with the appropriate values filled in.",
      "Inputs will have the following structure:",
      this.formatFieldWithValue(entries(Object.values(signature.inputFields)), { role: "user" }),
      "Outputs will be a JSON object with the following fields.",
      this.formatFieldWithValue(entries(Object.values(signature.outputFields)), { role: "assistant" }),
    ];
    return pyStrip(parts.join("\n\n"));
  }

  formatUserMessageContent(signature: Signature, inputs: ValueRecord, options: UserMessageOptions = {}): string {
    return chatUserMessageContent(signature, inputs, options, (s) => this.userMessageOutputRequirements(s));
  }

  /** ``Respond with a JSON object in the following order of fields: `a`, then `b` (…).`` */
  userMessageOutputRequirements(signature: Signature): string {
    const fields = Object.values(signature.outputFields).map((f) => `\`${f.name}\`${outputTypeHint(f)}`);
    return `Respond with a JSON object in the following order of fields: ${fields.join(", then ")}.`;
  }

  formatAssistantMessageContent(signature: Signature, outputs: ValueRecord, options: { missingFieldMessage?: string } = {}): string {
    return this.formatFieldWithValue(outputEntries(signature, outputs, options.missingFieldMessage), { role: "assistant" });
  }

  parse(signature: Signature, completion: string): Record<string, unknown> {
    let text = completion;
    let loaded = jsonRepairLoads(text);
    if (!isDict(loaded)) {
      const object = firstBalancedObject(text);
      if (object !== null && object !== text) {
        // DSPy loads the outermost {...} again; when that is the whole reply the answer is the one just had.
        text = object;
        loaded = jsonRepairLoads(text);
      }
    }
    const expectedFields = Object.keys(signature.outputFields);
    if (!isDict(loaded)) {
      throw new AdapterParseError({
        adapterName: "JSONAdapter",
        expectedFields,
        lmResponse: text,
        message: "LM response cannot be serialized to a JSON object.",
      });
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(loaded)) {
      const field = Object.hasOwn(signature.outputFields, key) ? (signature.outputFields[key] as Field) : undefined;
      if (field) fields[key] = parseValue(value, field.type);
    }
    const completed = applyOutputDefaults(signature, fields);
    if (!hasAllOutputs(signature, completed)) {
      throw new AdapterParseError({ adapterName: "JSONAdapter", expectedFields, lmResponse: text, parsedResult: completed });
    }
    return completed;
  }
}
