import { LMBillingError, type LMError } from "../../errors/lm-errors.js";
import type { HttpErrorReply } from "../shared/http-error-reply.js";
import { lmErrorForStatus } from "../shared/lm-error-for-status.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";

/**
 * The typed error for an OpenAI-compatible error reply: OpenAI's `{"error": {"message", "type", "param", "code"}}`,
 * and the shapes other compatible servers send (`{"error": "text"}` from Ollama, `{"message", "type", "code"}` from
 * vLLM, `{"detail": …}`).
 */
export function mapOpenAIError(reply: HttpErrorReply, provider: string, model: string): LMError {
  const { message, code } = openAIErrorFields(reply.json, reply.bodyText);
  const requestId = reply.headers.get("x-request-id") ?? undefined;
  const retryAfter = parseRetryAfter(reply.headers);
  const details = {
    model,
    provider,
    ...(code !== undefined ? { providerCode: code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
  if (code === "insufficient_quota") return new LMBillingError(message, { ...details, status: reply.status });
  return lmErrorForStatus(reply.status, message, details);
}

/** The message and code of an OpenAI-style error body (also used for errors sent inside a stream). */
export function openAIErrorFields(json: unknown, fallback: string): { message: string; code?: string } {
  const body = (json ?? {}) as Record<string, unknown>;
  const error = body.error;
  if (typeof error === "string") return { message: error };
  if (error && typeof error === "object") {
    const e = error as Record<string, unknown>;
    const code = e.code ?? e.type;
    return { message: typeof e.message === "string" ? e.message : fallback, ...(code != null ? { code: String(code) } : {}) };
  }
  if (typeof body.message === "string") {
    const code = body.code ?? body.type;
    return { message: body.message, ...(code != null && typeof code !== "number" ? { code: String(code) } : {}) };
  }
  if (body.detail !== undefined) return { message: typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail) };
  return { message: fallback.slice(0, 500) || "(empty reply)" };
}
