/**
 * An HTTP server that streams a ChainOfThought's answer to the client as server-sent events, token by token, while
 * the program runs. Offline by default (the simulator, `SimLM`, with a pause between tokens so a browser or `curl`
 * shows them arriving); set `TSDSPY_LM=provider/model` to stream a real model's answer.
 *
 *   npx tsx --conditions=source examples/streaming/server.ts
 *   curl -N "http://127.0.0.1:8787/ask?question=What+is+the+capital+of+France%3F+Paris+is+the+capital+of+France."
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ChainOfThought, LM, StreamListener, streamify, toSSEResponse, withSettings, type LMLike } from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { runIfMain, type Print } from "../seed/run-example.js";

// #region snippet
const qa = new ChainOfThought("question -> answer");

/** Streams one answer: a new listener per request, since a listener keeps the state of the stream it reads. */
function answer(question: string, lm: LMLike): Response {
  const program = streamify(qa, { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] });
  return toSSEResponse(withSettings({ lm }, () => program({ question })));
}
// #endregion snippet

/** Writes a web `Response` to a Node response, and stops reading it when the client goes away. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const reader = response.body!.getReader();
  res.on("close", () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

export interface StreamingServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (`port` 0 picks a free port). */
export async function startStreamingServer(options: { port?: number; lm?: LMLike } = {}): Promise<StreamingServer> {
  const lm = options.lm ?? new SimLM({ cache: false });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const question = url.searchParams.get("question");
    if (url.pathname !== "/ask" || !question) {
      res.writeHead(404, { "content-type": "text/plain" }).end("GET /ask?question=...\n");
      return;
    }
    send(answer(question, lm), res).catch((error: unknown) => {
      process.stderr.write(`streaming failed: ${String(error)}\n`);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export async function main(print: Print): Promise<void> {
  const model = process.env.TSDSPY_LM;
  const lm = model ? new LM(model) : new SimLM({ cache: false, streamDelayMs: 30 });
  const server = await startStreamingServer({ port: Number(process.env.PORT ?? 8787), lm });
  print(`streaming answers at ${server.url}/ask?question=...`);
}

runIfMain(import.meta, main);
