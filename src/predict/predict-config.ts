import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import { LM_REQUEST_PARAM_NAMES, type LMRequestParams } from "../lm/lm-request-params.js";
import { flattenRequestParams } from "../utils/flatten-request-params.js";

/**
 * A predictor's request parameters (DSPy's `dspy.Predict(signature, **config)`), in DSPy's names (`temperature`,
 * `max_tokens`, `n`, `rollout_id`, …). `maxTokens` is accepted for `max_tokens`; anything else a provider accepts
 * goes in `params`, sent as given.
 *
 * @example
 * new Predict("question -> answer", { temperature: 0.7, n: 3, params: { top_k: 40 } });
 */
export type PredictConfig = LMRequestParams & {
  /** `max_tokens` in tsdspy's LM spelling (giving both is an error). */
  maxTokens?: number | null;
  /** Provider-specific request parameters, sent as given (`{ top_k: 40, num_ctx: 8192 }`). */
  params?: LMParams;
};

const KNOWN = new Set([...LM_REQUEST_PARAM_NAMES, "maxTokens", "params"]);

function asValueError(message: string): Error {
  return new ValueError(message);
}

/**
 * A config as request parameters: `maxTokens` becomes `max_tokens` and `params` is spread in. Throws `ValueError` on
 * an unknown key (naming the closest one and `params`) and on a value given twice (`maxTokens` with `max_tokens`).
 */
export function predictConfigParams(config: PredictConfig | undefined, where: string): LMParams {
  if (config === undefined) return {};
  return flattenRequestParams(config, KNOWN, where, asValueError);
}
