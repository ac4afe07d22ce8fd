import { LMError, LMTimeoutError, LMTransportError } from "../../errors/lm-errors.js";
import { parseSSEStream, type SSEEvent } from "../../utils/sse-parser.js";
import type { HttpErrorReply } from "./http-error-reply.js";
import { malformedReply } from "./malformed-reply.js";
import { redact } from "./redact.js";

/** One JSON POST to a provider. */
export interface ProviderHttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

/** Who is calling, for error details, and what must never appear in an error message. */
export interface ProviderCallContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
  /** Turns a non-2xx reply into the provider's typed error. */
  mapError: (reply: HttpErrorReply) => LMError;
}

/**
 * Sends the request and returns the parsed JSON reply; every failure is a typed `LMError` (or the caller's abort
 * reason). A 2xx reply that is not JSON is an `LMServerError`, retried like a 5xx.
 */
export async function postJson(request: ProviderHttpRequest, context: ProviderCallContext): Promise<{ json: unknown; headers: Headers }> {
  const response = await send(request, context);
  const text = await readText(response, request, context);
  try {
    return { json: JSON.parse(text), headers: response.headers };
  } catch (error) {
    throw malformedReply(context, `HTTP ${response.status}, not valid JSON`, text, error);
  }
}

/**
 * Sends the request and returns its server-sent events; an HTTP error is thrown before the first event. A 2xx reply
 * that is not `text/event-stream` is the error its JSON body names, else an `LMServerError` (retried like a 5xx).
 */
export async function postEventStream(request: ProviderHttpRequest, context: ProviderCallContext): Promise<AsyncGenerator<SSEEvent>> {
  const response = await send(request, context);
  const type = response.headers.get("content-type") ?? "";
  if (!response.body || !/^\s*text\/event-stream\b/i.test(type)) {
    const text = await readText(response, request, context);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (json && typeof json === "object" && "error" in json && (json as { error?: unknown }).error) {
      const code = Number(((json as { error: { code?: unknown } }).error as { code?: unknown })?.code);
      throw context.mapError({ status: Number.isInteger(code) && code >= 400 ? code : 500, headers: response.headers, bodyText: redact(text, context.secrets), json });
    }
    throw malformedReply(context, `HTTP ${response.status} with content-type ${JSON.stringify(type || "(none)")}, not an event stream`, text);
  }
  const body = response.body as unknown as AsyncIterable<Uint8Array>;
  return (async function* () {
    try {
      yield* parseSSEStream(body);
    } catch (error) {
      throw transportError(error, request, context);
    }
  })();
}

async function readText(response: Response, request: ProviderHttpRequest, context: ProviderCallContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw transportError(error, request, context);
  }
}

async function send(request: ProviderHttpRequest, context: ProviderCallContext): Promise<Response> {
  const fetchImpl = request.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: "POST",
      headers: request.headers,
      body: JSON.stringify(request.body),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    throw transportError(error, request, context);
  }
  if (response.ok) return response;
  let bodyText = "";
  try {
    bodyText = redact(await response.text(), context.secrets);
  } catch (error) {
    throw transportError(error, request, context);
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const mapped = context.mapError({ status: response.status, headers: response.headers, bodyText, json });
  throw mapped;
}

/** A failure before or while reading a reply: the caller's abort passes through, a timeout and a broken connection are typed. */
export function transportError(error: unknown, request: ProviderHttpRequest, context: ProviderCallContext): unknown {
  if (LMError.isInstance(error)) return error;
  const details = { model: context.model, provider: context.provider, cause: error };
  const signal = request.signal;
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === "TimeoutError") return new LMTimeoutError(`The request to ${context.provider} timed out.`, details);
    return signal.reason;
  }
  if ((error as { name?: string })?.name === "TimeoutError") return new LMTimeoutError(`The request to ${context.provider} timed out.`, details);
  return new LMTransportError(redact(`Could not reach ${context.provider} at ${origin(request.url)}: ${describe(error)}`, context.secrets), details);
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { message?: string; code?: string; cause?: unknown };
    const text = [e.code, e.message].filter(Boolean).join(" ");
    if (text && !parts.includes(text)) parts.push(text);
    current = e.cause;
  }
  return parts.join(": ") || String(error);
}
