import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { LMError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Message } from "../lm/message.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import type { Field } from "../signatures/field.js";
import { makeField } from "../signatures/field.js";
import { Signature } from "../signatures/signature.js";
import { Adapter, type AdapterOptions, type CallPlan, type PostprocessContext, type UserMessageOptions, type ValueRecord } from "./adapter.js";
import { ChatAdapter } from "./chat-adapter.js";
import { errorText } from "./error-text.js";
import { fieldDescriptionString } from "./field-description.js";
import { postprocessOutput } from "./postprocess-output.js";
import { prepareCall, toolCallsOutputFieldName } from "./prepare-call.js";
import { hasKey, readKey } from "./record-access.js";

/**
 * Two stages (DSPy's `dspy.TwoStepAdapter`): the main LM answers a plain, natural prompt; a second, usually smaller
 * `extractionModel` reads that answer with `ChatAdapter` into the output fields. Useful with reasoning models that
 * struggle with structured output.
 *
 * @example
 * configure({ lm: new LM("openai/o3-mini"), adapter: new TwoStepAdapter(new LM("openai/gpt-4o-mini")) });
 */
export class TwoStepAdapter extends Adapter {
  readonly name: string = "TwoStepAdapter";
  readonly extractionModel: LMLike;
  readonly #chat = new ChatAdapter();

  constructor(extractionModel: LMLike, options: AdapterOptions = {}) {
    super(options, false);
    if (!extractionModel || typeof (extractionModel as { call?: unknown }).call !== "function") {
      throw new ValueError("extraction_model must be an instance of dspy.BaseLM: pass an LM (e.g. new LM(\"openai/gpt-4o-mini\")).");
    }
    this.extractionModel = extractionModel;
  }

  callPlans(signature: Signature, lm: LMLike, params: LMParams, inputs: ValueRecord = {}): CallPlan[] {
    return [{ adapter: this, ...prepareCall(this, signature, lm, params, inputs) }];
  }

  /** The system message (task description), demos and the inputs as `name: value` lines. */
  override format(signature: Signature, demos: ReadonlyArray<ValueRecord>, inputs: ValueRecord): Message[] {
    return [
      { role: "system", content: this.formatTaskDescription(signature) },
      ...this.formatDemos(signature, demos),
      { role: "user", content: this.formatUserMessageContent(signature, inputs) },
    ];
  }

  /** DSPy's task description: what the inputs and outputs are, and the instructions. */
  override formatTaskDescription(signature: Signature): string {
    const parts = [
      "You are a helpful assistant that can solve tasks based on user input.",
      `As input, you will be provided with:\n${fieldDescriptionString(Object.values(signature.inputFields))}`,
      `Your outputs must contain:\n${fieldDescriptionString(Object.values(signature.outputFields))}`,
      "You should lay out your outputs in detail so that your answer can be understood by another agent",
    ];
    if (signature.instructions) parts.push(`Specific instructions: ${signature.instructions}`);
    return parts.join("\n");
  }

  formatUserMessageContent(signature: Signature, inputs: ValueRecord, options: UserMessageOptions = {}): string {
    const parts = [options.prefix ?? ""];
    for (const name of Object.keys(signature.inputFields)) {
      if (hasKey(inputs, name)) parts.push(`${name}: ${pyStr(readKey(inputs, name) ?? "")}`);
    }
    parts.push(options.suffix ?? "");
    return pyStrip(parts.join("\n\n"));
  }

  formatAssistantMessageContent(signature: Signature, outputs: ValueRecord): string {
    const parts: string[] = [];
    for (const name of Object.keys(signature.outputFields)) if (hasKey(outputs, name)) parts.push(`${name}: ${pyStr(readKey(outputs, name))}`);
    return pyStrip(parts.join("\n\n"));
  }

  formatFieldWithValue(entries: ReadonlyArray<readonly [Field, unknown]>): string {
    return this.#chat.formatFieldWithValue(entries);
  }

  formatFieldStructure(signature: Signature): string {
    return this.#chat.formatFieldStructure(signature);
  }

  /** Parsing needs the extraction LM, so it happens in `postprocess` when Predict runs the adapter. */
  parse(): Record<string, unknown> {
    throw new ValueError("TwoStepAdapter parses through its extraction LM: run it through a predictor (Predict, ChainOfThought …).");
  }

  /** `text -> <original outputs>` with DSPy's extraction instructions. */
  extractorSignature(original: Signature): Signature {
    const outputs = Object.keys(original.outputFields).map((f) => `\`${f}\``).join(", ");
    const instructions =
      `The input is a text that should contain all the necessary information to produce the fields ${outputs}. ` +
      "            Your job is to extract the fields from the text verbatim. Extract precisely the appropriate value (content) for each field.";
    return new Signature([makeField("text", "input", { type: "str" })], Object.values(original.outputFields), instructions);
  }

  /** DSPy's base post-processing, with `parse` done by the extraction LM through `ChatAdapter`. */
  async postprocess(original: Signature, processed: Signature, output: LMOutput, context?: PostprocessContext): Promise<Record<string, unknown>> {
    if (!context) throw new ValueError("TwoStepAdapter needs Predict's context to run its extraction LM.");
    const text = output.text;
    const toolCalls = Boolean(output.toolCalls?.length) && toolCallsOutputFieldName(original) !== null;
    const parses = Boolean(text) && (!toolCalls || Object.keys(processed.outputFields).length > 0);
    let parsed: Record<string, unknown> | AdapterParseError = {};
    if (parses) {
      try {
        parsed = (await context.complete(new ChatAdapter(), this.extractionModel, this.extractorSignature(processed), { text }))[0] ?? {};
      } catch (error) {
        if (error instanceof LMError) throw error;
        parsed = new AdapterParseError({
          adapterName: "TwoStepAdapter",
          expectedFields: Object.keys(processed.outputFields),
          lmResponse: text,
          message: () => `Failed to parse response from the original completion: ${errorText(error)}`,
          cause: error,
        });
      }
    }
    const extracted = Object.create(this) as Adapter;
    extracted.parse = () => {
      if (parsed instanceof AdapterParseError) throw parsed;
      return { ...parsed };
    };
    return postprocessOutput(extracted, original, processed, output, context);
  }
}
