import { createHash } from "node:crypto";
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
  | { status?: number; headers?: Record<string, string>; text: string; contentType?: string }
  /**
   * Writes these byte chunks one by one (a turn of the event loop between each), as `text/event-stream`; then `cut` destroys the
   * connection, `hold` keeps it open without another byte, and neither ends the reply.
   */
  | { status?: number; headers?: Record<string, string>; chunks: Array<string | Uint8Array>; cut?: boolean; hold?: boolean }
  /** Destroys the connection without a reply. */
  | { reset: true }
  /** Never answers (until the client gives up). */
  | { hang: true }
  /** Sends a 200 status line and headers, then never sends the body. */
  | { headersThenHang: true; contentType?: string };

/** A fault the server can inject in place of a good reply. Every kind must be survivable by a client that retries. */
export type FaultKind =
  | "status-429"
  | "status-500"
  | "status-503-html"
  | "reset"
  | "hang"
  | "headers-then-hang"
  | "malformed-json"
  | "truncated-body"
  | "empty-object"
  | "html-200"
  | "stream-garbage-event"
  | "stream-cut-before-content";

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  "status-429",
  "status-500",
  "status-503-html",
  "reset",
  "hang",
  "headers-then-hang",
  "malformed-json",
  "truncated-body",
  "empty-object",
  "html-200",
  "stream-garbage-event",
  "stream-cut-before-content",
];

/** Faults injected before any reply: the share of requests that fail, which kinds, and a seed. */
export interface FaultPlan {
  rate: number;
  kinds: readonly FaultKind[];
  seed?: number;
}

/** What a responder returns for a request nothing was queued for. */
export type Responder = (request: RecordedRequest) => FakeReply;

/**
 * A real `node:http` server on 127.0.0.1 (port 0) that answers with queued replies (else its responder) and records
 * every request, for testing provider clients against their wire protocols. With a fault plan it replaces a seeded
 * share of replies with faults; whether a request is faulted depends only on its body and how many times that body
 * was seen (so the same requests fail whatever the order of concurrent requests), and the kinds come in turn.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  /** Faults injected so far, by kind. */
  readonly injected = new Map<FaultKind, number>();
  /** Requests answered with `hang` or `headersThenHang` so far: each stays unanswered until its client gives up. */
  stalled = 0;
  private readonly replies: Array<FakeReply | Responder> = [];
  private readonly sockets = new Set<Socket>();
  private readonly seen = new Map<string, number>();
  private faultCount = 0;
  private responder: Responder | null = null;
  private readonly arrivals = new Set<() => void>();
  private readonly stallListeners = new Set<() => void>();
  private server: Server | null = null;
  url = "";

  private constructor(private readonly faults: FaultPlan | null) {}

  static async start(options: { faults?: FaultPlan; responder?: Responder } = {}): Promise<FakeServer> {
    const fake = new FakeServer(options.faults ?? null);
    if (options.responder) fake.responder = options.responder;
    await fake.listen();
    return fake;
  }

  /** Queues replies for the next requests, in order. */
  reply(...replies: Array<FakeReply | Responder>): this {
    this.replies.push(...replies);
    return this;
  }

  /** Answers every request nothing is queued for. */
  respond(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error("the fake server has received no request");
    return last;
  }

  /** Resolves once `count` requests have arrived (no polling, no sleeps). */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.requests.length < count) return;
        this.arrivals.delete(check);
        resolve();
      };
      this.arrivals.add(check);
    });
  }

  /** Calls `listener` each time a request stalls (see `stalled`); returns the function that stops it. */
  onStall(listener: () => void): () => void {
    this.stallListeners.add(listener);
    return () => this.stallListeners.delete(listener);
  }

  /** Connections open now (a hung request keeps one open until the client gives up). */
  get openConnections(): number {
    return this.sockets.size;
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
        for (const arrived of [...this.arrivals]) arrived();
        const fault = this.pickFault(recorded);
        if (fault) {
          this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
          void this.answer(faultReply(fault, isStreaming(recorded)), res);
          return;
        }
        const next = this.replies.shift() ?? this.responder ?? { status: 599, json: { error: "no reply queued" } };
        void this.answer(typeof next === "function" ? next(recorded) : next, res);
      });
    });
    // No idle-connection timer: whether a kept-alive connection is still open must not depend on how long a test takes.
    this.server.keepAliveTimeout = 0;
    this.server.on("connection", (socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** A fault for this request or none: a hash of (seed, body, attempt number) against the rate. */
  private pickFault(request: RecordedRequest): FaultKind | null {
    if (!this.faults || this.faults.kinds.length === 0) return null;
    const attempt = this.seen.get(request.rawBody) ?? 0;
    this.seen.set(request.rawBody, attempt + 1);
    const digest = createHash("sha256").update(`${this.faults.seed ?? 0}\u0000${attempt}\u0000${request.rawBody}`).digest();
    const roll = digest.readUInt32BE(0) / 2 ** 32;
    if (roll >= this.faults.rate) return null;
    // Kinds in turn, so that every kind is injected once there have been as many faults as kinds.
    const streaming = isStreaming(request);
    const kinds = this.faults.kinds.filter((kind) => streaming || !kind.startsWith("stream-"));
    return kinds[this.faultCount++ % kinds.length] ?? null;
  }

  private stall(): void {
    this.stalled++;
    for (const listener of [...this.stallListeners]) listener();
  }

  private async answer(reply: FakeReply, res: ServerResponse): Promise<void> {
    if ("reset" in reply) {
      res.socket?.destroy();
      return;
    }
    if ("hang" in reply) {
      this.stall();
      return;
    }
    if ("headersThenHang" in reply) {
      res.writeHead(200, { "content-type": reply.contentType ?? "application/json" });
      res.flushHeaders();
      this.stall();
      return;
    }
    if ("chunks" in reply) {
      res.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...reply.headers });
      res.flushHeaders();
      for (const chunk of reply.chunks) {
        if (res.destroyed) return;
        res.write(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (reply.cut) res.socket?.destroy();
      else if (!reply.hold) res.end();
      return;
    }
    const text = "json" in reply ? JSON.stringify(reply.json) : reply.text;
    const contentType = "json" in reply ? "application/json" : (reply.contentType ?? "text/plain");
    res.writeHead(reply.status ?? 200, { "content-type": contentType, ...reply.headers });
    res.end(text);
  }
}

/** Whether a request asked for a streamed reply (OpenAI and Anthropic set `stream`, Gemini calls `:streamGenerateContent`). */
function isStreaming(request: RecordedRequest): boolean {
  return request.body?.stream === true || request.path.includes("stream");
}

/** The reply standing for one fault. Error bodies use OpenAI's shape; clients map them by status. */
function faultReply(kind: FaultKind, streaming: boolean): FakeReply {
  switch (kind) {
    case "status-429":
      return { status: 429, headers: { "retry-after": "0" }, json: { error: { message: "Rate limit reached.", type: "rate_limit_error", code: "rate_limit_exceeded" } } };
    case "status-500":
      return { status: 500, json: { error: { message: "The server had an error while processing your request.", type: "server_error" } } };
    case "status-503-html":
      return { status: 503, text: "<html><body><h1>503 Service Unavailable</h1></body></html>", contentType: "text/html" };
    case "reset":
      return { reset: true };
    case "hang":
      return { hang: true };
    case "headers-then-hang":
      return { headersThenHang: true, contentType: streaming ? "text/event-stream" : "application/json" };
    case "malformed-json":
      return { text: '{"id": "chatcmpl-broken", "choices": [{"mess', contentType: "application/json" };
    case "truncated-body":
      return { chunks: ['{"id": "chatcmpl-cut", "object": "chat.completion", "choi'], cut: true, headers: { "content-type": "application/json" } };
    case "empty-object":
      return { json: {} };
    case "html-200":
      return { text: "<html><body>Bad gateway, please try again</body></html>", contentType: "text/html" };
    case "stream-garbage-event":
      return { chunks: ["data: {this is not json\n\n"] };
    case "stream-cut-before-content":
      return { chunks: [": keep-alive\n\n"], cut: true };
  }
}

/** Cuts a text into byte chunks at awkward places: inside multi-byte characters, lines and `\r\n` pairs. */
export function awkwardChunks(text: string, every = 7): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += every) chunks.push(bytes.subarray(i, Math.min(bytes.length, i + every)));
  return chunks;
}
