import { ValueError } from "../errors/value-error.js";
import { PredictionImpl } from "../primitives/prediction.js";
import { StatusMessage } from "./status-message.js";
import { StreamResponse } from "./stream-response.js";

function event(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function isLMStreamPart(value: unknown): value is { type: string } {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === "string" && /-delta$/.test(type);
}

/**
 * A streamified program's values as server-sent events (DSPy's `streaming_response`): the result as
 * `data: {"prediction": {...}}`, a raw LM part as `data: {"chunk": {...}}`, a string that already starts with `data:` as
 * it is, and `data: [DONE]` at the end. Field pieces and status messages, which DSPy's version refuses, are
 * `data: {"stream_response": {"predict_name", "signature_field_name", "chunk", "is_last_chunk"}}` and
 * `data: {"status_message": "..."}`.
 *
 * @example
 * for await (const line of streamingResponse(program({ question }))) response.write(line);
 */
export async function* streamingResponse(stream: AsyncIterable<unknown>): AsyncGenerator<string, void, undefined> {
  for await (const value of stream) {
    if (value instanceof PredictionImpl) yield event({ prediction: Object.fromEntries(value.items()) });
    else if (value instanceof StreamResponse) {
      yield event({
        stream_response: { predict_name: value.predictName, signature_field_name: value.signatureFieldName, chunk: value.chunk, is_last_chunk: value.isLastChunk },
      });
    } else if (value instanceof StatusMessage) yield event({ status_message: value.message });
    else if (isLMStreamPart(value)) yield event({ chunk: value });
    else if (typeof value === "string" && value.startsWith("data:")) yield value;
    else throw new ValueError(`Unknown chunk value type: ${String(value)}`);
  }
  yield "data: [DONE]\n\n";
}
