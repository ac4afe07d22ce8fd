import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStreamingServer, type StreamingServer } from "./server.js";

let server: StreamingServer;
beforeAll(async () => {
  server = await startStreamingServer({ port: 0 });
});
afterAll(() => server.close());

/** The `data:` payloads of a server-sent-event body, read as they arrive. */
async function events(response: Response): Promise<string[]> {
  const decoder = new TextDecoder();
  let buffer = "";
  const out: string[] = [];
  for await (const bytes of response.body!) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      out.push(buffer.slice(0, end).replace(/^data: /, ""));
      buffer = buffer.slice(end + 2);
    }
  }
  return out;
}

describe("examples/streaming/server", () => {
  it("streams a ChainOfThought's answer to an HTTP client, piece by piece, then the prediction", async () => {
    const question = "What is the capital of France? Paris is the capital of France.";
    const response = await fetch(`${server.url}/ask?question=${encodeURIComponent(question)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const data = await events(response);
    expect(data.at(-1)).toBe("[DONE]");
    const parsed = data.slice(0, -1).map((d) => JSON.parse(d));
    const pieces = parsed.filter((e) => e.stream_response).map((e) => e.stream_response);
    const prediction = parsed.at(-1).prediction;
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((p: { predict_name: string; signature_field_name: string }) => p.predict_name === "predict" && p.signature_field_name === "answer")).toBe(true);
    expect(pieces.at(-1).is_last_chunk).toBe(true);
    expect(pieces.map((p: { chunk: string }) => p.chunk).join("").trim()).toBe(prediction.answer);
    expect(Object.keys(prediction)).toEqual(["reasoning", "answer"]);
  });

  it("answers a second request the same way, and a wrong route with 404", async () => {
    const response = await fetch(`${server.url}/ask?question=${encodeURIComponent("Is water wet? Water is wet.")}`);
    const data = await events(response);
    expect(data.filter((d) => d.includes('"stream_response"')).length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});

it("docs/streaming.md shows the server's snippet verbatim", () => {
  const source = readFileSync(new URL("./server.ts", import.meta.url), "utf8");
  const snippet = source.split("// #region snippet\n")[1]!.split("// #endregion")[0]!.replace(/\n$/, "");
  const doc = readFileSync(new URL("../../docs/streaming.md", import.meta.url), "utf8");
  expect(doc).toContain("```ts\n" + snippet + "\n```");
});
