import { LMConfigurationError } from "../errors/lm-errors.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMCopyOverrides } from "../lm/lm-copy-overrides.js";
import { LM_REQUEST_PARAM_NAMES } from "../lm/lm-request-params.js";
import { flattenRequestParams } from "../utils/flatten-request-params.js";

const KNOWN = new Set([...LM_REQUEST_PARAM_NAMES, "maxTokens", "numRetries", "api_key", "api_base", "base_url", "params"]);

function asConfigurationError(message: string): Error {
  return new LMConfigurationError(message);
}

/**
 * The overrides as one record of DSPy's names (`maxTokens` → `max_tokens`, `params` spread in). Throws
 * `LMConfigurationError` on an unknown key (naming the closest one and `params`) and on a value given twice.
 */
export function lmCopyEntries(overrides: LMCopyOverrides): LMParams {
  return flattenRequestParams(overrides, KNOWN, "lm.copy(overrides)", asConfigurationError);
}
