import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import { LM_REQUEST_PARAM_NAMES, type LMRequestParams } from "../lm/lm-request-params.js";
import { closestName } from "../utils/closest-name.js";

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

/**
 * A config as request parameters: `maxTokens` becomes `max_tokens` and `params` is spread in. Throws `ValueError` on
 * an unknown key (naming the closest one and `params`) and on a value given twice (`maxTokens` with `max_tokens`).
 */
export function predictConfigParams(config: PredictConfig | undefined, where: string): LMParams {
  if (config === undefined) return {};
  const out: LMParams = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || key === "params") continue;
    if (!KNOWN.has(key)) {
      const near = closestName(key, KNOWN);
      throw new ValueError(
        `Unknown request parameter ${JSON.stringify(key)} in ${where}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}. ` +
          `A provider-specific parameter goes in params: { params: { ${key}: … } }.`,
      );
    }
    const name = key === "maxTokens" ? "max_tokens" : key;
    if (name in out) throw new ValueError(`${where} gives both maxTokens and max_tokens; give only one.`);
    out[name] = value;
  }
  for (const [key, value] of Object.entries(config.params ?? {})) {
    if (key in out) throw new ValueError(`${where} gives ${key} both directly and in params; give it once.`);
    out[key] = value;
  }
  return out;
}
