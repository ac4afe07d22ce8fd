/**
 * Per-call overhead of `LM.call` against a zero-latency loopback OpenAI-compatible server, next to a raw `fetch` to
 * the same server, plus the cost of the cache-hit path. Each client mode runs in its own child process so that
 * peak RSS deltas are comparable; the server runs in this process.
 *
 *   npx tsx bench/lm-overhead.ts [calls]
 */
import { fork } from "node:child_process";
import { BENCH_MESSAGES as MESSAGES, BENCH_REPLY as REPLY, startReplyServer } from "./shared/reply-server.js";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const CALLS = Number(process.argv[3] ?? process.argv[2] ?? 3000) || 3000;
const WARMUP = 300;

type Mode = "fetch" | "lm" | "lm-cache-hit";
interface Result {
  mode: Mode;
  medianMs: number;
  p95Ms: number;
  peakRssDeltaMb: number;
}

async function runClient(mode: Mode, url: string): Promise<Result> {
  await import("../src/providers/builtin-providers.js");
  const { LM } = await import("../src/clients/lm.js");
  const { LMCache } = await import("../src/clients/cache/lm-cache.js");
  const { configure } = await import("../src/context/settings.js");
  configure({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
  const lm = new LM("openai/gpt-4o-mini", {
    apiBase: `${url}/v1`,
    apiKey: "sk-bench",
    temperature: 0,
    maxTokens: 256,
    cache: mode === "lm-cache-hit",
    cacheStore: new LMCache({ enableDisk: false }),
  });
  const body = { model: "gpt-4o-mini", messages: MESSAGES, temperature: 0, max_tokens: 256 };
  const once =
    mode === "fetch"
      ? async () => {
          const res = await fetch(`${url}/v1/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as { choices: Array<{ message: { content: string } }> };
          return json.choices[0]!.message.content;
        }
      : async () => (await lm.call(MESSAGES))[0]!.text;
  for (let i = 0; i < WARMUP; i++) await once();
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
    if (i % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  times.sort((a, b) => a - b);
  return {
    mode,
    medianMs: times[Math.floor(times.length / 2)]!,
    p95Ms: times[Math.floor(times.length * 0.95)]!,
    peakRssDeltaMb: (peakRss - baseRss) / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode | undefined;
  if (mode === "fetch" || mode === "lm" || mode === "lm-cache-hit") {
    const result = await runClient(mode, process.env.BENCH_URL!);
    process.send!(result);
    return;
  }
  const server = await startReplyServer(REPLY);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: Result[] = [];
  for (const m of ["fetch", "lm", "lm-cache-hit"] as const) {
    const child = fork(fileURLToPath(import.meta.url), [m, String(CALLS)], {
      execArgv: [...process.execArgv, "--expose-gc"],
      env: { ...process.env, BENCH_URL: url },
    });
    results.push(await new Promise<Result>((resolve, reject) => {
      child.on("message", (r) => resolve(r as Result));
      child.on("exit", (code) => code !== 0 && reject(new Error(`bench child ${m} exited with ${code}`)));
    }));
  }
  server.close();
  const [raw, lm, hit] = results as [Result, Result, Result];
  const f = (n: number) => n.toFixed(3);
  console.log(`LM overhead bench: ${CALLS} sequential calls per mode, loopback OpenAI-compatible server (node ${process.version})`);
  console.log("mode            median ms   p95 ms   peak RSS delta MB");
  for (const r of results) console.log(`${r.mode.padEnd(15)} ${f(r.medianMs).padStart(9)} ${f(r.p95Ms).padStart(8)} ${r.peakRssDeltaMb.toFixed(1).padStart(12)}`);
  console.log(`LM.call overhead over raw fetch: median ${f(lm.medianMs - raw.medianMs)} ms, p95 ${f(lm.p95Ms - raw.p95Ms)} ms, peak RSS ${(lm.peakRssDeltaMb - raw.peakRssDeltaMb).toFixed(1)} MB`);
  console.log(`cache-hit path: median ${f(hit.medianMs)} ms per call`);
}

await main();
