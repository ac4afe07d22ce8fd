import { BaseLM, type BaseLMOptions, type LMForwardRequest } from "../clients/base-lm.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMResponse } from "../lm/lm-response.js";
import { SimulatorModel, type SimulatorModelOptions } from "./simulator-model.js";

export interface SimLMOptions extends Omit<BaseLMOptions, "seed">, Omit<SimulatorModelOptions, "now"> {}

/**
 * The simulator as an LM for programs: `BaseLM`'s history, usage and callbacks around `SimulatorModel`.
 * For offline demos and tests; it is not a language model (see docs/sim.md).
 *
 * @example
 * const lm = new SimLM();
 * const [output] = await lm.call(messages);
 * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0 }); // sampled answers may differ
 */
export class SimLM extends BaseLM {
  readonly simulator: SimulatorModel;

  constructor(options: SimLMOptions = {}) {
    const simulator = new SimulatorModel(options);
    super(`sim/${simulator.modelId}`, options as BaseLMOptions);
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
}
