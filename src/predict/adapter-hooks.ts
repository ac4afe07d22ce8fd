import { randomUUID } from "node:crypto";
import type { Adapter, PostprocessContext } from "../adapters/adapter.js";
import { fireCallbacks } from "../context/fire-callbacks.js";
import { getSettings } from "../context/settings.js";
import type { Message } from "../lm/message.js";
import type { Signature } from "../signatures/signature.js";

type Phase = "Format" | "Parse";

/** Runs one adapter step between `onAdapter<Phase>Start` and `onAdapter<Phase>End`, as DSPy wraps `format` and `parse`. */
function observed<T>(phase: Phase, adapter: Adapter, inputs: Record<string, unknown>, step: () => T): T {
  const settings = getSettings();
  if (settings.callbacks.length === 0) return step();
  const callId = randomUUID();
  const start = phase === "Format" ? "onAdapterFormatStart" : "onAdapterParseStart";
  const end = phase === "Format" ? "onAdapterFormatEnd" : "onAdapterParseEnd";
  fireCallbacks(settings, settings.callbacks, (cb) => cb[start]?.(callId, adapter, inputs));
  let result: T;
  try {
    result = step();
  } catch (error) {
    fireCallbacks(settings, settings.callbacks, (cb) => cb[end]?.(callId, null, error));
    throw error;
  }
  fireCallbacks(settings, settings.callbacks, (cb) => cb[end]?.(callId, result, null));
  return result;
}

/** `adapter.format(...)` reported to callbacks (`onAdapterFormatStart` / `onAdapterFormatEnd`). */
export function formatWithHooks(adapter: Adapter, signature: Signature, demos: ReadonlyArray<Record<string, unknown>>, inputs: Record<string, unknown>): Message[] {
  return observed("Format", adapter, { signature, demos, inputs }, () => adapter.format(signature, demos, inputs));
}

/** What Predict passes to `postprocess` so that each `parse` is reported to callbacks. */
export const observeParse: NonNullable<PostprocessContext["observeParse"]> = (adapter, signature, completion, parse) =>
  observed("Parse", adapter, { signature, completion }, parse);
