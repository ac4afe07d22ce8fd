import { LMServerError } from "../../errors/lm-errors.js";
import { redact } from "./redact.js";

/** Who answered, for the error. */
export interface ReplySource {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

/**
 * A successful status with a reply the client cannot use (not JSON, not the API's shape, not an event stream): the
 * provider failed while answering, so it is an `LMServerError` and is retried like a 5xx.
 */
export function malformedReply(source: ReplySource, what: string, sample?: string, cause?: unknown): LMServerError {
  const shown = sample === undefined ? "" : `: ${JSON.stringify(redact(sample.slice(0, 200), source.secrets))}`;
  return new LMServerError(`${source.provider} returned a malformed reply (${what})${shown}`, {
    model: source.model,
    provider: source.provider,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** `json` when it is an object whose `key` is a non-empty array (the reply's outputs), else a `malformedReply`. */
export function requireOutputs(json: unknown, key: string, source: ReplySource): Record<string, unknown> {
  const list = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(list) && list.length > 0) return json as Record<string, unknown>;
  throw malformedReply(source, `no ${key}`, JSON.stringify(json) ?? String(json));
}

/** One event of a stream parsed as JSON, else a `malformedReply`. */
export function parseStreamEvent(data: string, source: ReplySource): Record<string, any> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw malformedReply(source, "a stream event that is not valid JSON", data, error);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw malformedReply(source, "a stream event that is not a JSON object", data);
  return value as Record<string, any>;
}
