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

/** The answer the benches' LM gives, as ChatAdapter text. */
export const BENCH_ANSWER = "[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]";

/** An OpenAI chat-completion body holding `BENCH_ANSWER`, for `startReplyServer`. */
export const BENCH_REPLY = Buffer.from(
  JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1,
    model: "gpt-4o-mini-2024-07-18",
    choices: [{ index: 0, message: { role: "assistant", content: BENCH_ANSWER }, finish_reason: "stop" }],
    usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 },
  }),
);

/** The messages the benches send through `LM.call`: a ChatAdapter prompt for `question -> answer`. */
export const BENCH_MESSAGES = [
  { role: "system" as const, content: "Your input fields are:\n1. `question` (str)\nYour output fields are:\n1. `answer` (str)" },
  { role: "user" as const, content: "[[ ## question ## ]]\nWhat is the capital of France?" },
];
