import { BaseLM, type BaseLMOptions, type LMForwardRequest } from "../clients/base-lm.js";
import type { ModelPrice } from "../clients/model-price.js";
import { LMProviderError } from "../errors/lm-errors.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import { messageText } from "./read-prompt.js";
import { estimateTokens } from "./simulate.js";
import { SimulatorModel, type SimulatorModelOptions } from "./simulator-model.js";

export interface SimLMOptions extends Omit<BaseLMOptions, "seed">, Omit<SimulatorModelOptions, "now"> {}

/** The simulator's usage estimate for a prompt (4 characters a token, plus 4 per message). */
function promptTokens(messages: LMForwardRequest["messages"]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(messageText(m)), 0);
}

/** Options that configure the simulator itself, not the requests. */
const SIMULATOR_KEYS = new Set(["modelId", "seed", "disableRules", "streamDelayMs"]);

/**
 * The simulator as an LM for programs: `BaseLM`'s one call path (history, usage, callbacks, budgets) around
 * `SimulatorModel`; `stream()` yields its token-like deltas. For offline demos and tests; it is not a language model
 * (see docs/sim.md).
 *
 * @example
 * const lm = new SimLM();
 * const [output] = await lm.call(messages);
 * let text = "";
 * for await (const part of lm.stream(messages)) if (part.type === "text-delta") text += part.delta;
 * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0 }); // sampled answers may differ
 */
export class SimLM extends BaseLM {
  readonly simulator: SimulatorModel;

  constructor(options: SimLMOptions = {}) {
    const simulator = new SimulatorModel(options);
    const lmOptions = Object.fromEntries(Object.entries(options).filter(([key]) => !SIMULATOR_KEYS.has(key)));
    super(`sim/${simulator.modelId}`, lmOptions as BaseLMOptions);
    this.simulator = simulator;
  }

  override get capabilities(): LMCapabilities {
    return this.simulator.capabilities;
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    return this.simulator.doGenerate(this.simulatorRequest(request));
  }

  /** Streaming, the simulator's own token-like deltas; otherwise `forward`. */
  protected override async *produce(request: LMForwardRequest, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    if (!streaming) return this.forward(request);
    for await (const part of this.simulator.doStream(this.simulatorRequest(request))) {
      if (part.type === "finish") return part.response;
      yield part;
    }
    throw new LMProviderError("The simulator's stream ended without a finish event.", { model: this.model });
  }

  /**
   * The most a call can spend, for budgets: with `max_tokens`, as any LM; without, the simulator's own bound — a reply
   * is composed from the prompt, so it is at most twice the prompt plus 512 tokens per completion. Cost is 0.
   */
  protected override worstCase(request: LMForwardRequest) {
    const estimate = super.worstCase(request);
    if (estimate.tokens !== null) return { ...estimate, cost: 0 };
    const prompt = promptTokens(request.messages);
    const n = typeof request.params.n === "number" && request.params.n > 1 ? request.params.n : 1;
    return { model: this.model, tokens: prompt + n * (2 * prompt + 512), cost: 0 };
  }

  protected override priceOf(): ModelPrice {
    return { input: 0, output: 0 };
  }

  private simulatorRequest(request: LMForwardRequest) {
    return { model: this.simulator.modelId, messages: request.messages, params: request.params, ...(request.signal ? { signal: request.signal } : {}) };
  }
}
