/**
 * How long an aborted Evaluate takes to reject: 1,000 examples, 8 threads, an OpenAI-compatible `node:http` server
 * on 127.0.0.1 that answers each request after 20 ms. The abort comes as the 40th request arrives; the figure is the
 * time from `abort()` to the rejection, and the requests the server received after it (written before the abort).
 *
 *   npx tsx bench/abort.ts [runs]
 */
import { LM } from "../src/clients/lm.js";
import "../src/providers/builtin-providers.js";
import { withSettings } from "../src/context/settings.js";
import { AbortError } from "../src/errors/abort-error.js";
import { DelayedOpenAIServer } from "../src/evaluate/__fixtures__/delayed-openai-server.js";
import { Evaluate } from "../src/evaluate/evaluate.js";
import { Example } from "../src/primitives/example.js";
import { Predict } from "../src/predict/predict.js";

const RUNS = Number(process.argv[2] ?? 20) || 20;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function once(server: DelayedOpenAIServer): Promise<{ ms: number; late: number; startsAfter: number }> {
  const base = server.received;
  const lm = new LM("openai/gpt-4o-mini", { apiBase: server.url, apiKey: "sk-bench", cache: false, numRetries: 0 });
  const devset = Array.from({ length: 1000 }, (_, i) => new Example({ question: `What is ${i} + 4?`, answer: "4" }).withInputs("question"));
  const evaluate = new Evaluate({ devset, metric: (example, pred) => example.answer === pred.answer, numThreads: 8 });
  const controller = new AbortController();
  let abortedAt = 0;
  let receivedAtAbort = 0;
  let startsAfter = 0;
  server.onRequest = (received) => {
    if (received - base === 40) {
      receivedAtAbort = received;
      abortedAt = performance.now();
      controller.abort();
    }
  };
  const callbacks = [{ onLmStart: () => void (controller.signal.aborted && startsAfter++) }];
  const error = await withSettings({ lm, logger: silent, callbacks }, () => evaluate.call(new Predict("question -> answer"), { signal: controller.signal })).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - abortedAt;
  if (!(error instanceof AbortError)) throw new Error(`expected an AbortError, got ${String(error)}`);
  await server.idle();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ms, late: server.received - receivedAtAbort, startsAfter };
}

const server = await DelayedOpenAIServer.start(20);
try {
  await once(server); // warm-up: loads the provider
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await once(server));
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(2);
  const maxLate = Math.max(...results.map((r) => r.late));
  const starts = results.reduce((n, r) => n + r.startsAfter, 0);
  console.log(`Evaluate(1000 examples, 20 ms/call, 8 threads) abort -> reject   median ${q(0.5)} ms   p95 ${q(0.95)} ms   max ${q(1)} ms   (${RUNS} runs)`);
  console.log(`LM calls started after abort: ${starts}; requests reaching the server after abort (already written): at most ${maxLate}`);
} finally {
  await server.close();
}
