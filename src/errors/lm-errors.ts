import { DSPyError } from "./dspy-error.js";

/** Structured metadata every LM error may carry; none of it ever contains a secret. */
export interface LMErrorDetails {
  model?: string;
  provider?: string;
  /** The provider's own error code (`"rate_limit_exceeded"`, `"overloaded_error"`, …). */
  providerCode?: string;
  /** HTTP status of the provider's reply, when there was one. */
  status?: number;
  requestId?: string;
  /** Seconds the provider asked us to wait (from `Retry-After` or the body). */
  retryAfter?: number;
  cause?: unknown;
}

/** Base of every failure while configuring or calling a language model (DSPy's `LMError`). */
export class LMError extends DSPyError {
  static readonly defaultCode: string = "lm_error";
  readonly code: string;
  readonly model?: string;
  readonly provider?: string;
  readonly providerCode?: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfter?: number;

  constructor(message: string, details: LMErrorDetails = {}) {
    const prefix = details.model ? `[${details.model}] ` : "";
    super(message ? `${prefix}${message}` : prefix.trimEnd(), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = (new.target as typeof LMError).defaultCode;
    if (details.model !== undefined) this.model = details.model;
    if (details.provider !== undefined) this.provider = details.provider;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
    if (details.status !== undefined) this.status = details.status;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
  }

  static override isInstance(error: unknown): error is LMError {
    return DSPyError.isInstance(error) && error instanceof LMError;
  }
}

/** The request failed before the provider replied (DNS, TLS, connection reset…). */
export class LMTransportError extends LMError {
  static override readonly defaultCode: string = "transport";
}
/** The LM or its client is configured wrongly. */
export class LMConfigurationError extends LMError {
  static override readonly defaultCode: string = "configuration";
}
/** A credential or required setting is missing. */
export class LMNotConfiguredError extends LMConfigurationError {
  static override readonly defaultCode: string = "not_configured";
}
/** The model or provider does not support a requested feature. */
export class LMUnsupportedFeatureError extends LMError {
  static override readonly defaultCode: string = "unsupported_feature";
  readonly features: string[];
  constructor(message: string, details: LMErrorDetails & { features?: string[] } = {}) {
    super(message, details);
    this.features = [...(details.features ?? [])];
  }
}
/** The provider answered with an error. */
export class LMProviderError extends LMError {
  static override readonly defaultCode: string = "provider";
}
/** An unclassified failure at the LM boundary. */
export class LMUnexpectedError extends LMError {
  static override readonly defaultCode: string = "unexpected";
}
/** Authentication was rejected (401/403). */
export class LMAuthError extends LMProviderError {
  static override readonly defaultCode: string = "auth";
}
/** Billing or quota failed (402, insufficient_quota). */
export class LMBillingError extends LMProviderError {
  static override readonly defaultCode: string = "billing";
}
/** The provider rate-limited the request (429); see `retryAfter`. */
export class LMRateLimitError extends LMProviderError {
  static override readonly defaultCode: string = "rate_limit";
}
/** The provider rejected the request's shape or resource (400/404/422). */
export class LMInvalidRequestError extends LMProviderError {
  static override readonly defaultCode: string = "invalid_request";
}
/** The prompt does not fit the model's context window. */
export class ContextWindowExceededError extends LMInvalidRequestError {
  static override readonly defaultCode: string = "context_window_exceeded";
  constructor(message = "Context window exceeded", details: LMErrorDetails = {}) {
    super(message, details);
  }
}
/** The model is unknown or unavailable at this provider. */
export class LMUnsupportedModelError extends LMInvalidRequestError {
  static override readonly defaultCode: string = "unsupported_model";
}
/** The request timed out. */
export class LMTimeoutError extends LMProviderError {
  static override readonly defaultCode: string = "timeout";
}
/** The provider failed while handling the request (5xx). */
export class LMServerError extends LMProviderError {
  static override readonly defaultCode: string = "server";
}

/** Whether retrying the failed call may succeed (rate limit, timeout, server or transport error). */
export function isRetryableLMError(error: unknown): boolean {
  return (
    error instanceof LMRateLimitError ||
    error instanceof LMTimeoutError ||
    error instanceof LMServerError ||
    error instanceof LMTransportError
  );
}
