import { AsyncLocalStorage } from "node:async_hooks";
import type { LMStreamPart } from "../lm/lm-stream-part.js";

/**
 * Where a streaming run sends what it produces (DSPy's `settings.send_stream`): `streamify` opens one around a program,
 * `Predict` asks it whether to stream its LM call and sends the call's parts, status callbacks send their messages.
 */
export interface StreamSink {
  /** Whether LM calls of this predictor stream (DSPy's `Predict._should_stream`). */
  streams(predictor: object): boolean;
  /** One part of a streamed LM call made by `predictor`; a promise to wait for when the consumer has no room. */
  sendPart(part: LMStreamPart, predictor: object): Promise<void> | undefined;
  /** Throws when the consumer went away, so that no further LM call is started for it. */
  checkOpen(): void;
  /** Any other value for the consumer (a status message); a promise to wait for when the consumer has no room. */
  send(value: unknown): Promise<void> | undefined;
}

const sinks = new AsyncLocalStorage<StreamSink | null>();

/** Runs `fn` (and all async work it starts) with `sink` as the stream to send to; `null` streams nothing. */
export function withStreamSink<T>(sink: StreamSink | null, fn: () => T): T {
  return sinks.run(sink, fn);
}

/** The stream of the enclosing `withStreamSink`, or `null`. */
export function activeStreamSink(): StreamSink | null {
  return sinks.getStore() ?? null;
}
