import { describe, expect, it } from "vitest";
import { Prediction } from "../primitives/prediction.js";
import { StatusMessage } from "./status-message.js";
import { StreamResponse } from "./stream-response.js";
import { streamingResponse } from "./streaming-response.js";
import { toReadableStream } from "./to-readable-stream.js";
import { toSSEResponse } from "./to-sse-response.js";

async function* values(): AsyncGenerator<unknown> {
  yield new StatusMessage("Calling tool search...");
  yield new StreamResponse("predict", "answer", "Par", false);
  yield new StreamResponse("predict", "answer", "is", true);
  yield { type: "text-delta", index: 0, delta: "x" };
  yield 'data: {"finish_reason": "stop"}\n\n';
  yield new Prediction({ answer: "Paris", dspy_uuid: "hidden" });
}

const EXPECTED =
  'data: {"status_message":"Calling tool search..."}\n\n' +
  'data: {"stream_response":{"predict_name":"predict","signature_field_name":"answer","chunk":"Par","is_last_chunk":false}}\n\n' +
  'data: {"stream_response":{"predict_name":"predict","signature_field_name":"answer","chunk":"is","is_last_chunk":true}}\n\n' +
  'data: {"chunk":{"type":"text-delta","index":0,"delta":"x"}}\n\n' +
  'data: {"finish_reason": "stop"}\n\n' +
  'data: {"prediction":{"answer":"Paris"}}\n\n' +
  "data: [DONE]\n\n";

describe("the web bridge", () => {
  it("writes DSPy's server-sent events, with field pieces and status messages as their own events", async () => {
    let text = "";
    for await (const line of streamingResponse(values())) text += line;
    expect(text).toBe(EXPECTED);
  });

  it("refuses a value it cannot encode, as DSPy does", async () => {
    async function* bad() {
      yield 42;
    }
    await expect(async () => {
      for await (const _ of streamingResponse(bad()));
    }).rejects.toThrow("Unknown chunk value type: 42");
  });

  it("gives a ReadableStream and a text/event-stream Response with the same bytes", async () => {
    expect(await new Response(toReadableStream(values())).text()).toBe(EXPECTED);
    const response = toSSEResponse(values(), { headers: { "x-run": "1" } });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-run")).toBe("1");
    expect(await response.text()).toBe(EXPECTED);
  });

  it("stops the program's stream when the reader cancels", async () => {
    let stopped = false;
    async function* endless() {
      try {
        for (;;) yield new StatusMessage("tick");
      } finally {
        stopped = true;
      }
    }
    const reader = toReadableStream(endless()).getReader();
    await reader.read();
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
