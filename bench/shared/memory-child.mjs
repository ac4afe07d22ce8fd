// One memory measurement of bench/targets.ts, in plain Node as a user's program runs (no tsx): 5,000 calls of one
// path against the bench's server, then the process's peak RSS and the heap retained per call. Run with --expose-gc.
//
//   node --expose-gc bench/shared/memory-child.mjs <fetch|predict|predict-no-history>
// Environment: BENCH_URL (the server), BENCH_BUNDLE (file URL of the built index.js), BENCH_PREDICT_BODY (the body
// Predict sends, which the raw fetch posts).
const CALLS = 5_000;
const path = process.argv[2];
const url = process.env.BENCH_URL;
const inputs = { question: "What is the capital of France?", context: ["Paris is the capital of France.", "France is in Europe."] };

let once;
if (path === "fetch") {
  const body = process.env.BENCH_PREDICT_BODY;
  once = async () => {
    const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-bench" }, body });
    return (await res.json()).choices[0].message.content;
  };
} else {
  const ts = await import(process.env.BENCH_BUNDLE);
  ts.configure({ logger: ts.silentLogger, ...(path === "predict-no-history" ? { disableHistory: true } : {}) });
  const predict = new ts.Predict("question, context: list[str] -> answer");
  predict.demos = [1, 2, 3].map((i) => new ts.Example({ question: `What is ${i} + ${i}?`, context: ["a passage", "another one"], answer: String(2 * i) }));
  predict.lm = new ts.LM("openai/gpt-4o-mini", { apiBase: `${url}/v1`, apiKey: "sk-bench", cache: false });
  once = () => predict.call(inputs);
}
let peak = process.memoryUsage.rss();
let heapAt1000 = 0;
for (let i = 1; i <= CALLS; i++) {
  await once();
  if (i % 10 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  if (i === 1_000) {
    globalThis.gc();
    heapAt1000 = process.memoryUsage().heapUsed;
  }
}
peak = Math.max(peak, process.memoryUsage.rss());
globalThis.gc();
process.stdout.write(JSON.stringify({ peakRssMb: peak / 2 ** 20, retainedBytesPerCall: (process.memoryUsage().heapUsed - heapAt1000) / (CALLS - 1_000) }));
