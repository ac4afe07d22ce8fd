import { createServer, type Server } from "node:http";

/** A zero-latency HTTP server on 127.0.0.1 (port 0) answering every request with the JSON body `reply`, kept alive. */
export function startReplyServer(reply: Buffer): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": reply.length });
      res.end(reply);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
