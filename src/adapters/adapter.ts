import type { Field } from "../signatures/field.js";
import type { Signature } from "../signatures/signature.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Message } from "../lm/message.js";
import { dedent, pySplitlines } from "../python/py-str.js";
import type { UserMessageOptions, ValueRecord } from "./adapter-types.js";
import { formatFieldDescription } from "./field-description.js";
import { formatConversationHistory, historyFieldName } from "./format-history.js";
import { expandCustomTypeMarkers } from "./expand-custom-type-markers.js";
import { hasKey, readKey } from "./record-access.js";

export type { UserMessageOptions, ValueRecord } from "./adapter-types.js";

/**
 * What Predict lends an adapter while post-processing an output: `complete` runs a further LM call the adapter asks
 * for (plans, fallback and parsing included), so that adapters such as `TwoStepAdapter` never call an LM themselves.
 */
export interface PostprocessContext {
  complete(adapter: Adapter, lm: LMLike, signature: Signature, inputs: ValueRecord): Promise<Array<Record<string, unknown>>>;
  /** Runs `parse` (the adapter's `parse(signature, completion)`) so that Predict can report it to callbacks. */
  observeParse?<T>(adapter: Adapter, signature: Signature, completion: string, parse: () => T): T;
}

/** One attempt Predict makes: the adapter, the (possibly reduced) signature it renders, and the LM params. */
export interface CallPlan {
  adapter: Adapter;
  signature: Signature;
  params: LMParams;
}


/** Options shared by the adapters. */
export interface AdapterOptions {
  /** Send `list[Tool]` inputs as native tools and read `ToolCalls` outputs from the LM's tool calls. */
  useNativeFunctionCalling?: boolean;
  /** Ask the provider for parallel tool calls when native function calling is on (`null`: leave unset). */
  parallelToolCalls?: boolean | null;
}


const INCOMPLETE_DEMO_PREFIX = "This is an example of the task, though some input or output fields are not supplied.";

/**
 * Translates between a signature and chat messages (DSPy's `Adapter`): `format` builds the prompt,
 * `parse` reads a completion back into output values. Adapters never call the LM; `Predict` does, following
 * `callPlans`.
 */
export abstract class Adapter {
  abstract readonly name: string;
  readonly useNativeFunctionCalling: boolean;
  readonly parallelToolCalls: boolean | null;

  constructor(options: AdapterOptions = {}, defaultNativeFunctionCalling = false) {
    this.useNativeFunctionCalling = options.useNativeFunctionCalling ?? defaultNativeFunctionCalling;
    this.parallelToolCalls = options.parallelToolCalls ?? null;
  }

  /**
   * The attempts Predict makes, in order: on a failure that is not an `LMError` (formatting, parsing) it moves to
   * the next plan; an `LMError` is rethrown at once. `inputs` supplies the tools for native function calling.
   */
  abstract callPlans(signature: Signature, lm: LMLike, params: LMParams, inputs?: ValueRecord): CallPlan[];

  /** Reads a completion into output values; throws `AdapterParseError` when it cannot. */
  abstract parse(signature: Signature, completion: string): Record<string, unknown>;

  /** One LM output → output values of `original` (see `postprocessOutput`); `context` runs follow-up LM calls. */
  abstract postprocess(
    original: Signature,
    processed: Signature,
    output: LMOutput,
    context?: PostprocessContext,
  ): Record<string, unknown> | Promise<Record<string, unknown>>;

  /** The `[name, value]` pairs rendered as this adapter writes fields (also used by DummyLM for answers). */
  abstract formatFieldWithValue(entries: ReadonlyArray<readonly [Field, unknown]>, options?: { role?: "user" | "assistant" }): string;

  /** The system message's structure block. */
  abstract formatFieldStructure(signature: Signature): string;

  /** The content of a user turn: prefix, input sections, the output requirements (main request), suffix. */
  abstract formatUserMessageContent(signature: Signature, inputs: ValueRecord, options?: UserMessageOptions): string;

  /** The content of an assistant turn with the given outputs; absent ones get `missingFieldMessage` (or None). */
  abstract formatAssistantMessageContent(signature: Signature, outputs: ValueRecord, options?: { missingFieldMessage?: string }): string;

  /** The message list: system, demos (incomplete first), history turns, then the current input. */
  format(signature: Signature, demos: ReadonlyArray<ValueRecord>, inputs: ValueRecord): Message[] {
    const historyName = historyFieldName(signature);
    const messages: Message[] = [{ role: "system", content: this.formatSystemMessage(signature) }];
    for (const message of this.formatDemos(signature, demos)) messages.push(message);
    let current = signature;
    if (historyName !== null) {
      // The history renders as prior turns; the request is formatted without the history field.
      current = signature.delete(historyName);
      for (const message of formatConversationHistory(this, current, readKey(inputs, historyName))) messages.push(message);
    }
    const content = this.formatUserMessageContent(current, inputs, { mainRequest: true });
    if (content) messages.push({ role: "user", content });
    return messages.map(expandCustomTypeMarkers);
  }

  /** `field description + "\n" + field structure + "\n" + task description`. */
  formatSystemMessage(signature: Signature): string {
    return `${this.formatFieldDescription(signature)}\n${this.formatFieldStructure(signature)}\n${this.formatTaskDescription(signature)}`;
  }

  /** ``Your input fields are:\n1. `q` (str): …``. */
  formatFieldDescription(signature: Signature): string {
    return formatFieldDescription(Object.values(signature.inputFields), Object.values(signature.outputFields));
  }

  /** `In adhering to this structure, your objective is: ` + each instruction line on its own 8-space-indented line. */
  formatTaskDescription(signature: Signature): string {
    const lines = pySplitlines(dedent(signature.instructions));
    return `In adhering to this structure, your objective is: ${lines.map((line) => `\n        ${line}`).join("")}`;
  }

  /** Demo turns: incomplete demos (≥1 input and ≥1 output present) first, then complete ones; others dropped. */
  formatDemos(signature: Signature, demos: ReadonlyArray<ValueRecord>): Message[] {
    const fieldNames = Object.keys(signature.fields);
    const complete: ValueRecord[] = [];
    const incomplete: ValueRecord[] = [];
    for (const demo of demos) {
      if (fieldNames.every((k) => readKey(demo, k) != null)) complete.push(demo);
      else if (Object.keys(signature.inputFields).some((k) => hasKey(demo, k)) && Object.keys(signature.outputFields).some((k) => hasKey(demo, k))) {
        incomplete.push(demo);
      }
    }
    const messages: Message[] = [];
    for (const demo of incomplete) {
      messages.push({ role: "user", content: this.formatUserMessageContent(signature, demo, { prefix: INCOMPLETE_DEMO_PREFIX }) });
      messages.push({
        role: "assistant",
        content: this.formatAssistantMessageContent(signature, demo, { missingFieldMessage: "Not supplied for this particular example. " }),
      });
    }
    for (const demo of complete) {
      messages.push({ role: "user", content: this.formatUserMessageContent(signature, demo) });
      messages.push({
        role: "assistant",
        content: this.formatAssistantMessageContent(signature, demo, { missingFieldMessage: "Not supplied for this conversation history message. " }),
      });
    }
    return messages;
  }
}
