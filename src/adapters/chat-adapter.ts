import { AdapterParseError } from "../errors/adapter-parse-error.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Field } from "../signatures/field.js";
import type { Signature } from "../signatures/signature.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { Adapter, type AdapterOptions, type CallPlan, type PostprocessContext, type UserMessageOptions, type ValueRecord } from "./adapter.js";
import { applyOutputDefaults, hasAllOutputs } from "./apply-output-defaults.js";
import { chatSectionText, chatSections } from "./chat-sections.js";
import { chatUserMessageContent, formatFieldSections, outputEntries, outputTypeHint } from "./chat-format.js";
import { errorText } from "./error-text.js";
import { JSONAdapter } from "./json-adapter.js";
import { parseValue } from "./parse-value.js";
import { postprocessOutput } from "./postprocess-output.js";
import { prepareCall } from "./prepare-call.js";
import { translateFieldType } from "./translate-field-type.js";

/** Options of `ChatAdapter` (and `XMLAdapter`). */
export interface ChatAdapterOptions extends AdapterOptions {
  /** Retry with `JSONAdapter` when this adapter's attempt fails with anything but an LM error (default true). */
  useJsonAdapterFallback?: boolean;
}

/**
 * DSPy's default adapter: fields are delimited by `[[ ## name ## ]]` headers and the reply ends with
 * `[[ ## completed ## ]]`. Falls back to `JSONAdapter` when a reply cannot be parsed.
 *
 * @example
 * const messages = new ChatAdapter().format(signature("question -> answer"), [], { question: "Why?" });
 */
export class ChatAdapter extends Adapter {
  readonly name: string = "ChatAdapter";
  readonly useJsonAdapterFallback: boolean;

  constructor(options: ChatAdapterOptions = {}) {
    super(options, false);
    this.useJsonAdapterFallback = options.useJsonAdapterFallback ?? true;
  }

  callPlans(signature: Signature, lm: LMLike, params: LMParams, inputs: ValueRecord = {}): CallPlan[] {
    const plans: CallPlan[] = [{ adapter: this, ...prepareCall(this, signature, lm, params, inputs) }];
    if (this.useJsonAdapterFallback) {
      const fallback = new JSONAdapter({ useNativeFunctionCalling: this.useNativeFunctionCalling, parallelToolCalls: this.parallelToolCalls });
      plans.push(...fallback.callPlans(signature, lm, params, inputs));
    }
    return plans;
  }

  postprocess(original: Signature, processed: Signature, output: LMOutput, context?: PostprocessContext): Record<string, unknown> {
    return postprocessOutput(this, original, processed, output, context);
  }

  formatFieldWithValue(entries: ReadonlyArray<readonly [Field, unknown]>): string {
    return formatFieldSections(entries);
  }

  formatFieldStructure(signature: Signature): string {
    const section = (fields: readonly Field[]) => this.formatFieldWithValue(fields.map((f) => [f, translateFieldType(f)] as const));
    const parts = [
      "All interactions will be structured in the following way, with the appropriate values filled in.",
      section(Object.values(signature.inputFields)),
      section(Object.values(signature.outputFields)),
      "[[ ## completed ## ]]\n",
    ];
    return pyStrip(parts.join("\n\n"));
  }

  formatUserMessageContent(signature: Signature, inputs: ValueRecord, options: UserMessageOptions = {}): string {
    return chatUserMessageContent(signature, inputs, options, (s) => this.userMessageOutputRequirements(s));
  }

  /** The "Respond with the corresponding output fields…" line of the final user message. */
  userMessageOutputRequirements(signature: Signature): string {
    const fields = Object.values(signature.outputFields).map((f) => `\`[[ ## ${f.name} ## ]]\`${outputTypeHint(f)}`);
    return `Respond with the corresponding output fields, starting with the field ${fields.join(", then ")}, and then ending with the marker for \`[[ ## completed ## ]]\`.`;
  }

  formatAssistantMessageContent(signature: Signature, outputs: ValueRecord, options: { missingFieldMessage?: string } = {}): string {
    return `${this.formatFieldWithValue(outputEntries(signature, outputs, options.missingFieldMessage))}\n\n[[ ## completed ## ]]\n`;
  }

  parse(signature: Signature, completion: string): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const section of chatSections(completion)) {
      const name = section.name;
      if (name === null || Object.hasOwn(fields, name) || !Object.hasOwn(signature.outputFields, name)) continue;
      const text = chatSectionText(completion, section);
      try {
        fields[name] = parseValue(text, (signature.outputFields[name] as Field).type);
      } catch (error) {
        throw new AdapterParseError({
          adapterName: "ChatAdapter",
          expectedFields: Object.keys(signature.outputFields),
          lmResponse: completion,
          message: () => `Failed to parse field ${name} with value ${pyStr(text)} from the LM response. Error message: ${errorText(error)}`,
          cause: error,
        });
      }
    }
    const completed = applyOutputDefaults(signature, fields);
    if (!hasAllOutputs(signature, completed)) {
      throw new AdapterParseError({
        adapterName: "ChatAdapter",
        expectedFields: Object.keys(signature.outputFields),
        lmResponse: completion,
        parsedResult: completed,
      });
    }
    return completed;
  }
}
