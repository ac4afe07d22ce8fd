import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../lm/message.js";
import prompts from "./__fixtures__/dspy-prompts.json" with { type: "json" };
import { SimulatorModel } from "./simulator-model.js";
import { startSimServer, type SimServer } from "./sim-server.js";

const messages = (prompts as Record<string, Message[]>).chat_guide!;
let server: SimServer;

beforeAll(async () => {
  server = await startSimServer({ port: 0, now: () => 1_700_000_000_000 });
});
afterAll(async () => {
  await server.close();
});

async function post(body: unknown, raw?: string): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: raw ?? JSON.stringify(body) });
}

describe("startSimServer", () => {
  it("listens on 127.0.0.1 and lists its model", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ object: "list", data: [{ id: "tsdspy-sim-1", object: "model", created: 0, owned_by: "tsdspy" }] });
    expect((await fetch(`${server.url}/models/tsdspy-sim-1`)).status).toBe(200);
    const missing = await fetch(`${server.url}/models/gpt-9`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "model_not_found", type: "invalid_request_error" } });
  });

  it("answers chat completions in OpenAI's shape, with the simulator's reply", async () => {
    const res = await post({ model: "sim", messages, n: 2, temperature: 0 });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as Record<string, any>;
    expect(Object.keys(body)).toEqual(["id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint"]);
    expect(body).toMatchObject({ object: "chat.completion", created: 1_700_000_000, model: "sim" });
    expect(body.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    const expected = await new SimulatorModel().doGenerate({ model: "sim", messages, params: { n: 2, temperature: 0 } });
    expect(body.choices).toEqual(
      expected.outputs.map((o, index) => ({ index, message: { role: "assistant", content: o.text, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" })),
    );
    expect(body.usage).toMatchObject({ prompt_tokens: expected.usage.prompt_tokens, completion_tokens: expected.usage.completion_tokens, total_tokens: expected.usage.total_tokens });
  });

  it("streams server-sent events: role, content deltas, finish, usage when asked, then [DONE]", async () => {
    const res = await post({ model: "sim", messages, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const text = await res.text();
    const events = text.split("\n\n").filter(Boolean);
    expect(events.every((e) => e.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as Record<string, any>);
    expect(chunks[0]!.choices[0].delta).toEqual({ role: "assistant", content: "", refusal: null });
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0]!.id)).toBe(true);
    const content = chunks.flatMap((c) => c.choices).map((c: any) => c.delta.content ?? "").join("");
    const expected = await new SimulatorModel().doGenerate({ model: "sim", messages, params: {} });
    expect(content).toBe(expected.outputs[0]!.text);
    expect(chunks.at(-2)!.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expected.usage.total_tokens } });
    expect(chunks[1]!.usage).toBeNull();
    const deltas = chunks.slice(1, -2).map((c) => c.choices[0].delta.content as string);
    expect(deltas.slice(0, 4)).toEqual(["[[", " ##", " reas", "onin"]);
    expect(deltas.every((d) => d.trim().length <= 4)).toBe(true);
  });

  it("paces streamed deltas with streamDelayMs and stops writing when the client goes away", async () => {
    const slow = await startSimServer({ port: 0, streamDelayMs: 5 });
    try {
      const controller = new AbortController();
      const res = await fetch(`${slow.url}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "sim", messages, stream: true }), signal: controller.signal });
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toMatch(/^data: /);
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
    } finally {
      await slow.close();
    }
  });

  it("reports bad requests and unknown routes in OpenAI's error shape", async () => {
    const cases: Array<[Promise<Response>, number, Record<string, unknown>]> = [
      [post(undefined, "{not json"), 400, { type: "invalid_request_error" }],
      [post({ messages }), 400, { param: "model" }],
      [post({ model: "sim" }), 400, { param: "messages", code: "missing_required_parameter" }],
      [post({ model: "sim", messages: [] }), 400, { code: "empty_array" }],
      [post({ model: "sim", messages: [{ role: "wizard", content: "x" }] }), 400, { param: "messages[0].role" }],
      [post({ model: "sim", messages, n: 0 }), 400, { param: "n" }],
      [post({ model: "sim", messages, temperature: 5 }), 400, { param: "temperature" }],
      [fetch(`${server.url}/completions`, { method: "POST", body: "{}" }), 404, { message: "Invalid URL (POST /v1/completions)" }],
      [fetch(`${server.url}/chat/completions`), 404, { message: "Invalid URL (GET /v1/chat/completions)" }],
    ];
    for (const [pending, status, error] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: Record<string, unknown> };
      expect(Object.keys(body.error)).toEqual(["message", "type", "param", "code"]);
      expect(body.error).toMatchObject(error);
    }
  });
});
