import { AsyncResource } from "node:async_hooks";
import type { Adapter } from "../adapters/adapter.js";
import { getSettings, withSettings } from "../context/settings.js";
import { withStreamSink, type StreamSink } from "../context/stream-sink.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import { AsyncChannel } from "../utils/async-channel.js";
import { findPredictorsForListeners, type ProgramWithPredictors } from "./find-predictors-for-listeners.js";
import type { StatusMessage } from "./status-message.js";
import { StatusMessageProvider } from "./status-message-provider.js";
import { StatusStreamingCallback } from "./status-streaming-callback.js";
import type { StreamListener } from "./stream-listener.js";
import type { StreamResponse } from "./stream-response.js";

export interface StreamifyOptions {
  /** The status messages to stream (default: DSPy's, one before and after each tool call). */
  statusMessageProvider?: StatusMessageProvider;
  /**
   * Output fields to stream. With listeners, only their predictors' LM calls stream and only their fields reach the
   * stream; without, every LM call streams and its raw parts (`LMStreamPart`) are yielded as they come.
   */
  streamListeners?: StreamListener[];
  /**
   * Yield the program's result at the end (default true). When false it is still yielded if there are no listeners,
   * a listener saw its whole field at once (a cached reply) or no listener's field started.
   */
  includeFinalPredictionInOutputStream?: boolean;
  /** Values the program may run ahead of the reader before it waits (default 16, as DSPy's stream buffer). */
  bufferSize?: number;
}

/** A program `streamify` can run: a module (or anything with `call`), or an async function of the inputs. */
export type StreamableProgram<I, P> = ({ call(inputs: I, ...rest: any[]): Promise<P> } & ProgramWithPredictors) | ((inputs: I) => Promise<P>);

/** What a streamified program yields: field pieces, status messages, raw LM parts (no listeners), then its result. */
export type StreamValue<P> = StreamResponse | StatusMessage | LMStreamPart | P;

type Item<P> =
  | { kind: "part"; part: LMStreamPart; predictor: object; adapter: Adapter | null }
  | { kind: "value"; value: unknown }
  | { kind: "result"; result: P };

/**
 * Wraps a program so that a call streams what it produces while it runs (DSPy's `dspy.streamify`): the pieces of the
 * fields its listeners watch (`StreamResponse`), status messages (`StatusMessage`), and finally its result (the
 * `Prediction`). Predictors watched by a listener call their LM through `lm.stream`; the result is parsed as usual.
 *
 * @example
 * const program = streamify(new ChainOfThought("question -> answer"), {
 *   streamListeners: [new StreamListener({ signatureFieldName: "answer" })],
 * });
 * // In a route handler, `res` being the HTTP response (or use `toSSEResponse`):
 * for await (const value of program({ question: "Why is the sky blue?" })) {
 *   if (value instanceof StreamResponse) res.write(value.chunk);
 *   else if (value instanceof Prediction) res.end();
 * }
 */
export function streamify<I, P>(program: StreamableProgram<I, P>, options: StreamifyOptions = {}): (inputs: I, ...rest: any[]) => AsyncGenerator<StreamValue<P>, void, undefined> {
  const listeners = options.streamListeners ?? [];
  const byPredictor = listeners.length > 0 ? findPredictorsForListeners(program as ProgramWithPredictors, listeners) : new Map<object, StreamListener[]>();
  const statusCallback = new StatusStreamingCallback(options.statusMessageProvider ?? new StatusMessageProvider());
  const includeFinal = options.includeFinalPredictionInOutputStream ?? true;
  const bufferSize = options.bufferSize ?? 16;
  const run = typeof program === "function" ? program : (inputs: I, ...rest: any[]) => program.call(inputs, ...rest);

  // The program starts when the stream is first read, in the settings scope of the call (not of the first read).
  return (inputs: I, ...rest: any[]) => streamed(AsyncResource.bind((body: () => Promise<P>) => body()), inputs, rest);

  async function* streamed(inCallScope: (body: () => Promise<P>) => Promise<P>, inputs: I, rest: any[]): AsyncGenerator<StreamValue<P>, void, undefined> {
    const channel = new AsyncChannel<Item<P>>(bufferSize);
    const sink: StreamSink = {
      streams: (predictor) => listeners.length === 0 || byPredictor.has(predictor),
      sendPart: (part, predictor) => channel.send({ kind: "part", part, predictor, adapter: getSettings().adapter }),
      send: (value) => channel.send({ kind: "value", value }),
      checkOpen: () => channel.checkOpen(),
    };
    const running = inCallScope(() => {
      const { callbacks } = getSettings();
      const withStatus = callbacks.some((c) => c instanceof StatusStreamingCallback) ? callbacks : [...callbacks, statusCallback];
      return withSettings({ callbacks: withStatus }, () => withStreamSink(sink, () => run(inputs, ...rest)));
    });
    running.then(
      (result) => {
        channel.send({ kind: "result", result })?.catch(() => undefined);
        channel.end();
      },
      (error: unknown) => channel.fail(error),
    );
    try {
      for (;;) {
        const step = channel.poll() ?? (await channel.next());
        if (step.done) return;
        const item = step.value;
        if (item.kind === "value") {
          yield item.value as StatusMessage;
        } else if (item.kind === "part") {
          if (listeners.length === 0) {
            yield item.part;
            continue;
          }
          for (const listener of byPredictor.get(item.predictor) ?? []) {
            const piece = listener.receive(item.part, item.adapter);
            if (piece) yield piece;
          }
        } else {
          for (const listener of listeners) {
            const tail = listener.finalize();
            if (tail) yield tail;
          }
          const yieldResult = includeFinal || listeners.length === 0 || listeners.some((l) => l.cacheHit) || !listeners.some((l) => l.streamStart);
          if (yieldResult) yield item.result;
          return;
        }
      }
    } finally {
      channel.close();
    }
  }
}
