import { createHash } from "node:crypto";
import { LMInvalidRequestError } from "../errors/lm-errors.js";
import type { LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMRequest } from "../lm/lm-request.js";
import type { LMOutput, LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import { sleep } from "../utils/sleep.js";
import { chatCompletionBody, textDeltas } from "./openai-wire.js";
import { messageText } from "./read-prompt.js";
import { completionSeed, estimateTokens, simulateCompletion } from "./simulate.js";
import { enabledRules, type SimRule } from "./sim-rules.js";

export interface SimulatorModelOptions {
  /** The model name it reports; default `"tsdspy-sim-1"`. */
  modelId?: string;
  /** Varies the simulated model's seeded choices (two seeds behave like two similar models); default `""`. */
  seed?: string | number;
  /** Clock for the `created` time of raw replies, in milliseconds; default `Date.now`. */
  now?: () => number;
  /** Rules to switch off, for ablation studies of the simulator itself (names in `SIM_RULES`; docs/sim.md, "Rules"). */
  disableRules?: readonly SimRule[];
  /** Pause before each streamed delta, in milliseconds, so a UI shows tokens arriving (default 0: no pause). */
  streamDelayMs?: number;
}

/** The parameters the simulator honours. */
const SUPPORTED_PARAMS = Object.freeze(["temperature", "max_tokens", "max_completion_tokens", "n", "stop", "seed", "response_format", "rollout_id"]);
const MAX_N = 128;

/**
 * An offline stand-in for a language model, for demos and tests: it reads DSPy Chat/JSON prompts and answers
 * only from what they contain (analogy with demos, templates induced from demos, cue-sensitive fallbacks).
 * It is a simulator, not a language model. See docs/sim.md.
 *
 * @example
 * const model = new SimulatorModel();
 * const { outputs } = await model.doGenerate({ model: model.modelId, messages, params: { temperature: 0 } });
 */
export class SimulatorModel implements LanguageModel {
  readonly specificationVersion = "tsdspy-lm-v1" as const;
  readonly provider = "sim";
  readonly modelId: string;
  readonly capabilities: LMCapabilities = Object.freeze({
    supportsResponseSchema: true,
    supportsFunctionCalling: false,
    supportsReasoning: false,
    supportedParams: SUPPORTED_PARAMS,
  });
  private readonly seed: string;
  private readonly now: () => number;
  private readonly rules: ReadonlySet<SimRule>;
  private readonly streamDelayMs: number;

  constructor(options: SimulatorModelOptions = {}) {
    this.modelId = options.modelId ?? "tsdspy-sim-1";
    this.seed = String(options.seed ?? "");
    this.now = options.now ?? Date.now;
    this.rules = enabledRules(options.disableRules);
    this.streamDelayMs = options.streamDelayMs ?? 0;
  }

  async doGenerate(request: LMRequest): Promise<LMResponse> {
    request.signal?.throwIfAborted();
    const { messages, params } = request;
    if (!Array.isArray(messages) || messages.length === 0) {
      throw new LMInvalidRequestError("The simulator needs at least one message; pass the chat messages to answer.", { model: this.modelId, provider: this.provider, status: 400 });
    }
    const n = params.n ?? 1;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_N) {
      throw new LMInvalidRequestError(`\`n\` must be an integer from 1 to ${MAX_N}; got ${JSON.stringify(n)}.`, { model: this.modelId, provider: this.provider, status: 400 });
    }
    const outputs: LMOutput[] = [];
    for (let index = 0; index < n; index++) {
      const completion = simulateCompletion(messages, params, index, this.seed, this.rules);
      outputs.push({ text: completion.text, finishReason: completion.finishReason });
    }
    const promptTokens = messages.reduce((sum, m) => sum + 4 + estimateTokens(messageText(m)), 0);
    const completionTokens = outputs.reduce((sum, o) => sum + estimateTokens(o.text ?? ""), 0);
    const id = `simcmpl-${createHash("sha256").update(completionSeed(messages, params, 0, this.seed)).digest("hex").slice(0, 24)}`;
    const response: LMResponse = {
      outputs,
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      model: this.modelId,
      cost: 0,
      id,
    };
    response.raw = chatCompletionBody(response, { id, created: Math.floor(this.now() / 1000), model: this.modelId });
    return response;
  }

  /** The reply as token-like text deltas (completion by completion), then `finish` with the whole response. */
  async *doStream(request: LMRequest): AsyncIterable<LMStreamPart> {
    const response = await this.doGenerate(request);
    for (const [index, output] of response.outputs.entries()) {
      for (const delta of textDeltas(output.text ?? "")) {
        if (this.streamDelayMs > 0) await sleep(this.streamDelayMs, request.signal);
        request.signal?.throwIfAborted();
        yield { type: "text-delta", index, delta };
      }
    }
    yield { type: "finish", response };
  }
}
