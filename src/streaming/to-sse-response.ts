import { toReadableStream } from "./to-readable-stream.js";

/**
 * A streamified program's values as a web `Response` of server-sent events (`text/event-stream`), for any server
 * that speaks the Fetch API (Hono, Next.js route handlers, Deno, Bun, Cloudflare Workers).
 *
 * @example
 * app.get("/ask", (c) => toSSEResponse(program({ question: c.req.query("q") })));
 */
export function toSSEResponse(stream: AsyncIterable<unknown>, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/event-stream; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-cache");
  return new Response(toReadableStream(stream), { ...init, headers });
}
