import { LMBillingError, LMServerError, type LMError } from "../../errors/lm-errors.js";
import type { HttpErrorReply } from "../shared/http-error-reply.js";
import { lmErrorForStatus } from "../shared/lm-error-for-status.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";

/** HTTP status of each Anthropic error type, for errors that arrive inside a stream. */
const STATUS_OF_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** The typed error for Anthropic's `{"type": "error", "error": {"type", "message"}}` replies. */
export function mapAnthropicError(reply: HttpErrorReply, model: string): LMError {
  const body = (reply.json ?? {}) as { error?: { type?: string; message?: string } };
  const type = body.error?.type;
  const message = body.error?.message ?? (reply.bodyText.slice(0, 500) || `HTTP ${reply.status}`);
  const requestId = reply.headers.get("request-id") ?? undefined;
  const retryAfter = parseRetryAfter(reply.headers);
  const details = {
    model,
    provider: "anthropic",
    ...(type ? { providerCode: type } : {}),
    ...(requestId ? { requestId } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
  const status = reply.status > 0 ? reply.status : (STATUS_OF_TYPE[type ?? ""] ?? 500);
  if (type === "overloaded_error") return new LMServerError(message, { ...details, status });
  if (type === "billing_error") return new LMBillingError(message, { ...details, status });
  return lmErrorForStatus(status, message, details);
}

/** The HTTP status an Anthropic error type stands for (stream `error` events carry no status). */
export function anthropicStatusOfType(type: string | undefined): number {
  return STATUS_OF_TYPE[type ?? ""] ?? 500;
}
