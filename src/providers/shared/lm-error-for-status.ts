import {
  ContextWindowExceededError,
  LMAuthError,
  LMBillingError,
  LMInvalidRequestError,
  LMProviderError,
  LMRateLimitError,
  LMServerError,
  LMTimeoutError,
  LMUnsupportedModelError,
  type LMError,
  type LMErrorDetails,
} from "../../errors/lm-errors.js";
import { isContextWindowMessage } from "./is-context-window-message.js";

/**
 * The typed error for a provider's HTTP error reply (DSPy's status mapping): 401/403 authentication, 402 billing,
 * 404 unknown model, 408 timeout, 429 rate limit, other 4xx invalid request (context window when the message says
 * so), 5xx server.
 */
export function lmErrorForStatus(status: number, message: string, details: LMErrorDetails = {}): LMError {
  const all = { ...details, status };
  if (status === 401 || status === 403) return new LMAuthError(message, all);
  if (status === 402) return new LMBillingError(message, all);
  if (status === 404) return new LMUnsupportedModelError(message, all);
  if (status === 408) return new LMTimeoutError(message, all);
  if (status === 429) return new LMRateLimitError(message, all);
  if (status >= 400 && status < 500) {
    if (isContextWindowMessage(message) || details.providerCode === "context_length_exceeded") {
      return new ContextWindowExceededError(message, all);
    }
    return new LMInvalidRequestError(message, all);
  }
  if (status >= 500) return new LMServerError(message, all);
  return new LMProviderError(message, all);
}
