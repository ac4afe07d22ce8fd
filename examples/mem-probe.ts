import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { writeHeapSnapshot } from "node:v8";
import { configure, LM, LMCache, silentLogger } from "tsdspy";
const REPLY = Buffer.from(JSON.stringify({ id: "x", object: "chat.completion", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "[[ ## answer ## ]]\nParis" }, finish_reason: "stop" }], usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 } }));
const server = createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "application/json", "content-length": REPLY.length }); res.end(REPLY); }); });
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
configure({ logger: silentLogger, disableHistory: true });
const mode = process.argv[2];
const lm = new LM("openai/gpt-4o-mini", { apiBase: `${url}/v1`, apiKey: "k", cache: false, cacheStore: new LMCache({ enableDisk: false }) });
const MESSAGES = [{ role: "system" as const, content: "sys" }, { role: "user" as const, content: "q" }];
const once = mode === "fetch" ? async () => { const r = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: MESSAGES }) }); await r.json(); } : () => lm.call(MESSAGES);
for (let i = 0; i < 500; i++) await once();
for (const n of [2000, 4000, 8000]) {
  globalThis.gc!(); const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) await once();
  globalThis.gc!(); const h1 = process.memoryUsage().heapUsed;
  console.log(mode ?? "lm", n, "calls: retained per call", Math.round((h1 - h0) / n), "B");
}
server.close();
