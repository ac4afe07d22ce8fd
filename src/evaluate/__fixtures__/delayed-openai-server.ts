import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible chat server on 127.0.0.1 that answers every request after `delayMs` with the ChatAdapter
 * reply `[[ ## answer ## ]]`, counting what it received, answered, and saw closed by the client before answering.
 */
export class DelayedOpenAIServer {
  received = 0;
  answered = 0;
  closedEarly = 0;
  /** Called (synchronously) as each request arrives, with the number received so far. */
  onRequest: (received: number) => void = () => {};
  readonly #server: Server;
  #open = 0;
  #idle: Array<() => void> = [];

  private constructor(readonly delayMs: number) {
    this.#server = createServer((request, response) => {
      this.received++;
      this.#open++;
      let done = false;
      const settle = () => {
        if (done) return;
        done = true;
        this.#open--;
        if (this.#open === 0) for (const resolve of this.#idle.splice(0)) resolve();
      };
      const timer = setTimeout(() => {
        if (done) return;
        this.answered++;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(reply()));
        settle();
      }, delayMs);
      request.on("data", () => {});
      response.on("close", () => {
        if (done) return;
        clearTimeout(timer);
        this.closedEarly++;
        settle();
      });
      this.onRequest(this.received);
    });
  }

  static async start(delayMs: number): Promise<DelayedOpenAIServer> {
    const server = new DelayedOpenAIServer(delayMs);
    await new Promise<void>((resolve) => server.#server.listen(0, "127.0.0.1", resolve));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  /** Resolves once no request is open (answered or closed by the client). */
  idle(): Promise<void> {
    return this.#open === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function reply() {
  return {
    id: "chatcmpl-delayed",
    object: "chat.completion",
    created: 1,
    model: "gpt-4o-mini",
    choices: [{ index: 0, message: { role: "assistant", content: "[[ ## answer ## ]]\n4\n\n[[ ## completed ## ]]" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
  };
}
