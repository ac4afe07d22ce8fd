import { BaseLM, type LMForwardRequest } from "../../clients/base-lm.js";
import type { LMParams } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { Message } from "../../lm/message.js";

/** One recorded LM call of the oracle: what DSPy sent and what the scripted LM answered. */
export interface RecordedCall {
  messages: Array<{ role: string; content: string }>;
  kwargs: Record<string, unknown>;
  outputs: string[];
}

/**
 * Replays recorded replies in order (DSPy's DummyLM defaults: temperature 0.0, max_tokens 1000) and records what it
 * was sent, so a test can compare tsdspy's prompts with DSPy's call by call.
 */
export class ReplayLM extends BaseLM {
  readonly recorded: readonly RecordedCall[];
  readonly sent: Array<{ messages: Message[]; params: LMParams }> = [];
  /** With `keyed`, replies are found by the exact messages (for calls made from parallel evaluations). */
  private readonly byMessages: Map<string, RecordedCall[]> | null;

  constructor(recorded: readonly RecordedCall[], options: { keyed?: boolean } = {}) {
    super("dummy", { temperature: 0.0, maxTokens: 1000, cache: false });
    this.recorded = recorded;
    this.byMessages = null;
    if (options.keyed) {
      const map = new Map<string, RecordedCall[]>();
      for (const call of recorded) {
        const key = JSON.stringify(call.messages);
        map.set(key, [...(map.get(key) ?? []), call]);
      }
      this.byMessages = map;
    }
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    const index = this.sent.length;
    this.sent.push({ messages: request.messages, params: request.params });
    const call = this.byMessages ? this.byMessages.get(JSON.stringify(request.messages))?.shift() : this.recorded[index];
    if (!call) throw new Error(`ReplayLM: call ${index + 1} was not recorded (${this.recorded.length} were): ${JSON.stringify(request.messages).slice(0, 400)}`);
    return {
      outputs: call.outputs.map((text) => ({ text, finishReason: "stop" as const })),
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      model: "dummy",
    };
  }
}
