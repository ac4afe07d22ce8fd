import type { LMParams } from "../lm/lm-request.js";

/**
 * DSPy's rule for several completions: when `n > 1` and the temperature is unset or at most 0.15, the call uses
 * temperature 0.7 so that the completions differ. Reads the call's parameters first, then the LM's defaults, as
 * DSPy's `Predict` does (`config.get(k) or lm.kwargs.get(k)`); returns the call parameters, changed or not.
 */
export function temperatureForGenerations(params: LMParams, defaults: LMParams): LMParams {
  const temperature = firstTruthy(params.temperature, defaults.temperature);
  const generations = firstTruthy(params.n, defaults.n, defaults.num_generations) ?? 1;
  if ((temperature === undefined || (typeof temperature === "number" && temperature <= 0.15)) && Number(generations) > 1) {
    return { ...params, temperature: 0.7 };
  }
  return params;
}

function firstTruthy(...values: unknown[]): unknown {
  for (const value of values) if (value) return value;
  return undefined;
}
