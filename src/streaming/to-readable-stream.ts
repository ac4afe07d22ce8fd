import { streamingResponse } from "./streaming-response.js";

/**
 * A streamified program's values as a web `ReadableStream` of server-sent-event bytes (see `streamingResponse`).
 * Cancelling the readable stream stops the program's stream.
 *
 * @example
 * const body = toReadableStream(program({ question }));
 */
export function toReadableStream(stream: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const lines = streamingResponse(stream);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const step = await lines.next();
      if (step.done) controller.close();
      else controller.enqueue(encoder.encode(step.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
