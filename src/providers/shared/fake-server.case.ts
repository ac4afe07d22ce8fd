import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON (`undefined` if it was not JSON). */
  body: any;
}

/** What the fake server does with the next request. */
export type FakeReply =
  | { status?: number; headers?: Record<string, string>; json: unknown }
  | { status?: number; headers?: Record<string, string>; text: string }
  /** Writes these byte chunks one by one (a pause between each), as `text/event-stream`. */
  | { status?: number; headers?: Record<string, string>; chunks: Array<string | Uint8Array> }
  /** Destroys the connection without a reply. */
  | { reset: true }
  /** Never answers (until the client gives up). */
  | { hang: true };

/**
 * A real `node:http` server on 127.0.0.1 (port 0) that answers with queued replies and records every request,
 * for testing provider clients against their wire protocols.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Array<FakeReply | ((request: RecordedRequest) => FakeReply)> = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  url = "";

  static async start(): Promise<FakeServer> {
    const fake = new FakeServer();
    await fake.listen();
    return fake;
  }

  /** Queues replies for the next requests, in order. */
  reply(...replies: Array<FakeReply | ((request: RecordedRequest) => FakeReply)>): this {
    this.replies.push(...replies);
    return this;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error("the fake server has received no request");
    return last;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = undefined;
        }
        const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, rawBody, body };
        this.requests.push(recorded);
        const next = this.replies.shift() ?? { status: 599, json: { error: "no reply queued" } };
        void this.answer(typeof next === "function" ? next(recorded) : next, res);
      });
    });
    this.server.on("connection", (socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  private async answer(reply: FakeReply, res: ServerResponse): Promise<void> {
    if ("reset" in reply) {
      res.socket?.destroy();
      return;
    }
    if ("hang" in reply) return;
    if ("chunks" in reply) {
      res.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...reply.headers });
      res.flushHeaders();
      for (const chunk of reply.chunks) {
        res.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      res.end();
      return;
    }
    const text = "json" in reply ? JSON.stringify(reply.json) : reply.text;
    res.writeHead(reply.status ?? 200, { "content-type": "json" in reply ? "application/json" : "text/plain", ...reply.headers });
    res.end(text);
  }
}

/** Cuts a text into byte chunks at awkward places: inside multi-byte characters, lines and `\r\n` pairs. */
export function awkwardChunks(text: string, every = 7): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += every) chunks.push(bytes.subarray(i, Math.min(bytes.length, i + every)));
  return chunks;
}
