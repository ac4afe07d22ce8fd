import { randomUUID } from "node:crypto";
import { BaseLM, type BaseLMOptions, type LMForwardRequest } from "../clients/base-lm.js";
import { startBudgetedCall } from "../context/budget.js";
import { getSettings, type Settings } from "../context/settings.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMCallOptions } from "../lm/lm-like.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import type { Message } from "../lm/message.js";
import { SimulatorModel, type SimulatorModelOptions } from "./simulator-model.js";

export interface SimLMOptions extends BaseLMOptions, Omit<SimulatorModelOptions, "now"> {}

function hook(settings: Settings, run: () => void): void {
  try {
    run();
  } catch (error) {
    settings.logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The simulator as an LM for programs: `BaseLM`'s history, usage and callbacks around `SimulatorModel`, and
 * `stream()` as `LM.stream` has it. For offline demos and tests; it is not a language model (see docs/sim.md).
 *
 * @example
 * const lm = new SimLM();
 * const [output] = await lm.call(messages);
 * for await (const part of lm.stream(messages)) if (part.type === "text-delta") process.stdout.write(part.delta);
 * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0 }); // sampled answers may differ
 */
export class SimLM extends BaseLM {
  readonly simulator: SimulatorModel;

  constructor(options: SimLMOptions = {}) {
    const simulator = new SimulatorModel(options);
    super(`sim/${simulator.modelId}`, options);
    this.simulator = simulator;
  }

  override get capabilities(): LMCapabilities {
    return this.simulator.capabilities;
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    return this.simulator.doGenerate({
      model: this.simulator.modelId,
      messages: request.messages,
      params: request.params,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  }

  /**
   * Streams one call as `LM.stream` does: token-like `text-delta` parts, then a `finish` part with the whole
   * response. Budgets, history, usage and callbacks are those of `call()`; the reply equals `call()`'s.
   */
  async *stream(messages: Message[], params: LMParams = {}, options: LMCallOptions = {}): AsyncGenerator<LMStreamPart> {
    const settings = getSettings();
    const { params: callParams, merged } = this.mergeCallParams(params);
    const callId = settings.callbacks.length ? randomUUID() : "";
    for (const cb of settings.callbacks) hook(settings, () => cb.onLmStart?.(callId, this, { messages, params: callParams }));
    const budgets = this.activeBudgets(settings);
    let response: LMResponse | undefined;
    try {
      if (budgets.length > 0) startBudgetedCall(budgets);
      const request = { model: this.simulator.modelId, messages, params: merged, ...(options.signal ? { signal: options.signal } : {}) };
      for await (const part of this.simulator.doStream(request)) {
        if (part.type === "finish") response = part.response;
        else yield part;
      }
    } catch (error) {
      for (const cb of settings.callbacks) hook(settings, () => cb.onLmEnd?.(callId, null, error));
      throw error;
    }
    const finished = response!;
    for (const budget of budgets) budget.charge(finished.usage, finished.cost ?? null);
    this.record(settings, messages, callParams, finished);
    for (const cb of settings.callbacks) hook(settings, () => cb.onLmEnd?.(callId, finished.outputs, null));
    yield { type: "finish", response: finished };
  }
}
