import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DSPyError } from "../errors/dspy-error.js";
import { LMInvalidRequestError } from "../errors/lm-errors.js";
import type { LMParams } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";
import { chatCompletionBody, chatCompletionChunks, openAIError, type WireMeta } from "./openai-wire.js";
import { sleep } from "../utils/sleep.js";
import { SimulatorModel, type SimulatorModelOptions } from "./simulator-model.js";

export interface SimServerOptions extends SimulatorModelOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
}

/** A running simulator server. */
export interface SimServer {
  /** Base URL of the OpenAI-compatible API, e.g. `http://127.0.0.1:43121/v1`. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 20 * 1024 * 1024;
const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);
const NOT_PARAMS = new Set(["model", "messages", "stream", "stream_options", "user", "metadata", "store"]);

/** A request the server answers with an OpenAI error body; never leaves this module. */
class HttpError extends DSPyError {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String((body.error as { message?: unknown } | undefined)?.message ?? `HTTP ${status}`));
    this.name = "HttpError";
  }
}

function invalid(message: string, param: string | null = null, code: string | null = null): HttpError {
  return new HttpError(400, openAIError(message, "invalid_request_error", param, code));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw invalid(`The request body is larger than ${MAX_BODY} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
}

function validate(body: unknown): { model: string; messages: Message[]; params: LMParams; stream: boolean; includeUsage: boolean } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("The request body must be a JSON object.");
  const fields = body as Record<string, unknown>;
  if (typeof fields.model !== "string" || fields.model === "") throw invalid("you must provide a model parameter", "model");
  if (!Array.isArray(fields.messages)) throw invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
  if (fields.messages.length === 0) throw invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
  fields.messages.forEach((m, i) => {
    const role = (m as { role?: unknown } | null)?.role;
    if (typeof role !== "string" || !ROLES.has(role)) {
      throw invalid(`Invalid value for 'messages[${i}].role': expected one of ${[...ROLES].join(", ")}.`, `messages[${i}].role`, "invalid_value");
    }
  });
  const n = fields.n ?? 1;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 128) throw invalid("Invalid 'n': expected an integer from 1 to 128.", "n", "invalid_value");
  const temperature = fields.temperature;
  if (temperature !== undefined && temperature !== null && (typeof temperature !== "number" || temperature < 0 || temperature > 2)) {
    throw invalid("Invalid 'temperature': expected a number from 0 to 2.", "temperature", "invalid_value");
  }
  const params: LMParams = {};
  for (const [key, value] of Object.entries(fields)) if (!NOT_PARAMS.has(key) && value !== null && value !== undefined) params[key] = value;
  const streamOptions = fields.stream_options as { include_usage?: unknown } | undefined;
  return { model: fields.model, messages: fields.messages as Message[], params, stream: fields.stream === true, includeUsage: streamOptions?.include_usage === true };
}

async function completions(req: IncomingMessage, res: ServerResponse, sim: SimulatorModel, now: () => number, delayMs: number): Promise<void> {
  const request = validate(await readJson(req));
  let response;
  try {
    response = await sim.doGenerate({ model: request.model, messages: request.messages, params: request.params });
  } catch (error) {
    if (error instanceof LMInvalidRequestError) throw invalid(error.message);
    throw error;
  }
  const meta: WireMeta = { id: `chatcmpl-${(response.id ?? "").replace(/^simcmpl-/, "")}`, created: Math.floor(now() / 1000), model: request.model };
  if (!request.stream) {
    send(res, 200, chatCompletionBody(response, meta));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const gone = new AbortController();
  res.on("close", () => gone.abort());
  for (const chunk of chatCompletionChunks(response, meta, request.includeUsage)) {
    if (delayMs > 0 && (chunk.choices as Array<{ delta?: { content?: string } }>)[0]?.delta?.content) await sleep(delayMs, gone.signal).catch(() => undefined);
    if (gone.signal.aborted) return;
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.end("data: [DONE]\n\n");
}

async function route(req: IncomingMessage, res: ServerResponse, sim: SimulatorModel, now: () => number, delayMs: number): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
  if (req.method === "POST" && path === "/v1/chat/completions") return completions(req, res, sim, now, delayMs);
  if (req.method === "GET" && path === "/v1/models") {
    send(res, 200, { object: "list", data: [{ id: sim.modelId, object: "model", created: 0, owned_by: "tsdspy" }] });
    return;
  }
  const model = /^\/v1\/models\/(.+)$/.exec(path);
  if (req.method === "GET" && model) {
    const id = decodeURIComponent(model[1] as string);
    if (id === sim.modelId) send(res, 200, { id, object: "model", created: 0, owned_by: "tsdspy" });
    else send(res, 404, openAIError(`The model \`${id}\` does not exist or you do not have access to it.`, "invalid_request_error", null, "model_not_found"));
    return;
  }
  send(res, 404, openAIError(`Invalid URL (${req.method} ${req.url})`, "invalid_request_error"));
}

/**
 * Serves the simulator over an OpenAI-compatible HTTP API on 127.0.0.1: `POST /v1/chat/completions`
 * (JSON, or with `stream: true` server-sent events of token-like deltas, paced by `streamDelayMs`), `GET /v1/models`.
 * Any model name is accepted and echoed.
 *
 * @example
 * const server = await startSimServer({ port: 0 });
 * // point an OpenAI-compatible client at server.url, then:
 * await server.close();
 */
export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const sim = new SimulatorModel(options);
  const now = options.now ?? Date.now;
  const server: Server = createServer((req, res) => {
    route(req, res, sim, now, options.streamDelayMs ?? 0).catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof HttpError) send(res, error.status, error.body);
      else send(res, 500, openAIError(`The simulator failed: ${error instanceof Error ? error.message : String(error)}`, "server_error"));
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
