import { LMAuthError, LMServerError, LMTimeoutError, type LMError } from "../../errors/lm-errors.js";
import type { HttpErrorReply } from "../shared/http-error-reply.js";
import { lmErrorForStatus } from "../shared/lm-error-for-status.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";

/**
 * The typed error for Gemini's `{"error": {"code", "message", "status", "details"}}` replies. An invalid key comes
 * back as 400 `INVALID_ARGUMENT` with reason `API_KEY_INVALID` and is an authentication error; `RetryInfo.retryDelay`
 * in the details is honoured like `Retry-After`.
 */
export function mapGeminiError(reply: HttpErrorReply, model: string): LMError {
  const raw = (reply.json ?? {}) as { error?: { code?: number; message?: string; status?: string; details?: Array<Record<string, unknown>> } } | Array<unknown>;
  const error = (Array.isArray(raw) ? (raw[0] as { error?: unknown })?.error : raw.error) as
    | { code?: number; message?: string; status?: string; details?: Array<Record<string, unknown>> }
    | undefined;
  const message = error?.message ?? (reply.bodyText.slice(0, 500) || `HTTP ${reply.status}`);
  const status = reply.status > 0 ? reply.status : (error?.code ?? 500);
  let retryAfter = parseRetryAfter(reply.headers);
  let keyInvalid = false;
  for (const detail of error?.details ?? []) {
    if (typeof detail.retryDelay === "string" && retryAfter === undefined) {
      const seconds = Number.parseFloat(detail.retryDelay);
      if (Number.isFinite(seconds)) retryAfter = seconds;
    }
    if (detail.reason === "API_KEY_INVALID") keyInvalid = true;
  }
  const details = {
    model,
    provider: "gemini",
    ...(error?.status ? { providerCode: error.status } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
  if (keyInvalid || error?.status === "UNAUTHENTICATED") return new LMAuthError(message, { ...details, status });
  if (error?.status === "DEADLINE_EXCEEDED") return new LMTimeoutError(message, { ...details, status });
  if (error?.status === "UNAVAILABLE" || error?.status === "INTERNAL") return new LMServerError(message, { ...details, status });
  return lmErrorForStatus(status, message, details);
}
