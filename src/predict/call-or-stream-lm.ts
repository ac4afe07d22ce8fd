import { activeStreamSink } from "../context/stream-sink.js";
import { LMTransportError } from "../errors/lm-errors.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMOutput } from "../lm/lm-response.js";
import type { Message } from "../lm/message.js";

/**
 * The predictor's LM call: `lm.stream` when an enclosing `streamify` wants this predictor streamed (its parts go to
 * the stream as they arrive), `lm.call` otherwise. Either way the outputs are the whole response's.
 */
export async function callOrStreamLM(lm: LMLike, messages: Message[], params: LMParams, caller: object): Promise<LMOutput[]> {
  const sink = activeStreamSink();
  if (!sink || !lm.stream || !sink.streams(caller)) return lm.call(messages, params);
  sink.checkOpen();
  for await (const part of lm.stream(messages, params)) {
    if (part.type === "finish") return part.response.outputs;
    const full = sink.sendPart(part, caller);
    if (full) await full;
  }
  throw new LMTransportError("The LM's stream ended without a finish event.", { model: lm.model });
}
