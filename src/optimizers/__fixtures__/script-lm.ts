import type { Adapter } from "../../adapters/adapter.js";
import { ChatAdapter } from "../../adapters/chat-adapter.js";
import { BaseLM, type LMForwardRequest } from "../../clients/base-lm.js";
import type { ModelPrice } from "../../clients/model-price.js";
import type { LMParams } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { Message } from "../../lm/message.js";
import { makeField } from "../../signatures/field.js";

/** What a script answers: output fields, or raw reply text. */
export type ScriptAnswer = Record<string, unknown> | string;

/** The text of a message. */
export function messageText(message: Message | undefined): string {
  return typeof message?.content === "string" ? message.content : "";
}

/**
 * A test LM that answers with a function of the request (deterministic when the function is), in ChatAdapter's
 * format. Reports tokens as characters / 4, so token budgets can be tested. `n > 1` calls the function per completion.
 */
export class ScriptLM extends BaseLM {
  readonly script: (messages: Message[], params: LMParams, index: number) => ScriptAnswer;
  /** Calls made by this LM and its copies (copies share it; each copy's `history` is its own). */
  readonly counter = { calls: 0 };

  /** Dollars per million tokens (default: none, an unknown price). */
  readonly modelPrice: ModelPrice | null;

  constructor(script: (messages: Message[], params: LMParams, index: number) => ScriptAnswer, options: { price?: ModelPrice; maxTokens?: number } = {}) {
    super("script", { temperature: 0.0, maxTokens: options.maxTokens ?? 1000, cache: false, ...(options.price ? { price: options.price } : {}) });
    this.script = script;
    this.modelPrice = options.price ?? null;
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    this.counter.calls++;
    const n = typeof request.params.n === "number" ? request.params.n : 1;
    const adapter: Adapter = new ChatAdapter();
    const outputs = Array.from({ length: n }, (_, index) => {
      const answer = this.script(request.messages, request.params, index);
      const text =
        typeof answer === "string"
          ? answer
          : adapter.formatFieldWithValue(
              Object.entries(answer).map(([name, value]) => [makeField(name, "output", {}), value] as const),
              { role: "assistant" },
            );
      return { text, finishReason: "stop" as const };
    });
    const prompt = Math.ceil(request.messages.map(messageText).join("").length / 4);
    const completion = Math.ceil(outputs.map((o) => o.text).join("").length / 4);
    return {
      outputs,
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
      model: "script",
      ...(this.modelPrice ? { cost: (prompt * this.modelPrice.input + completion * this.modelPrice.output) / 1e6 } : {}),
    };
  }
}
