/**
 * The cost `streamify` adds to each streamed chunk: a ChainOfThought's 1,000-token answer streamed through a
 * `StreamListener` (ChatAdapter), next to the raw iteration of the same LM stream (`lm.stream`) in the same run, and
 * to a plain `ChainOfThought.call` of the same reply (the per-call cost that streaming does not change). The LM is
 * in-process and instant, so everything measured is tsdspy.
 *
 *   npx tsx bench/streaming.ts
 */
import {
  BaseLM,
  ChainOfThought,
  configure,
  silentLogger,
  StreamListener,
  StreamResponse,
  streamify,
  type LMForwardRequest,
  type LMResponse,
  type LMStreamPart,
  withSettings,
} from "../src/index.js";

const TOKENS = 1_000;
const RUNS = 200;
const WARMUP = 20;

const answerTokens = Array.from({ length: TOKENS }, (_, i) => (i === 0 ? "word0" : ` word${i}`));
const deltas = ["[[", " ##", " reasoning", " ##", " ]]", "\n", "Think", ".", "\n\n", "[[", " ##", " answer", " ##", " ]]", "\n", ...answerTokens, "\n\n", "[[", " ##", " completed", " ##", " ]]"];
const reply = deltas.join("");

/** Answers instantly, streaming the reply as the fixed token-like deltas above. */
class ChunkLM extends BaseLM {
  constructor() {
    super("bench/chunks", { cache: false });
  }
  protected async forward(_request: LMForwardRequest): Promise<LMResponse> {
    return { outputs: [{ text: reply }], usage: { prompt_tokens: 100, completion_tokens: deltas.length, total_tokens: 100 + deltas.length } };
  }
  protected override async *produce(request: LMForwardRequest, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    if (streaming) for (const delta of deltas) yield { type: "text-delta", index: 0, delta };
    return this.forward(request);
  }
}

async function medianMs(run: () => Promise<void>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

configure({ logger: silentLogger, lm: new ChunkLM(), disableHistory: true });
const lm = new ChunkLM();
const cot = new ChainOfThought("question -> answer");
cot.predict.lm = lm;
const messages = [{ role: "user" as const, content: "What?" }];

const raw = await medianMs(async () => {
  let n = 0;
  for await (const part of lm.stream(messages)) if (part.type === "text-delta") n++;
  if (n !== deltas.length) throw new Error(`raw stream gave ${n} chunks`);
});
// The same iteration inside a settings scope: on Node 20, promises made under an AsyncLocalStorage scope pay for its
// promise hooks, and a streamified program always runs in one (its stream and status callback are scoped).
const rawScoped = await withSettings({ disableHistory: true }, () =>
  medianMs(async () => {
    for await (const _ of lm.stream(messages));
  }),
);
const plainCall = await medianMs(async () => {
  await cot.call({ question: "What?" });
});
const streamed = await medianMs(async () => {
  const program = streamify(cot, { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] });
  let pieces = 0;
  for await (const value of program({ question: "What?" })) if (value instanceof StreamResponse) pieces++;
  if (pieces < TOKENS) throw new Error(`streamify gave ${pieces} pieces`);
});

const perChunk = (ms: number) => ((ms * 1000) / deltas.length).toFixed(2);
const overhead = streamed - rawScoped - plainCall;
console.log(`Streaming a ${TOKENS}-token answer (${deltas.length} chunks), instant in-process LM, median of ${RUNS} runs (node ${process.version})`);
console.log(`${"raw lm.stream iteration".padEnd(52)} ${raw.toFixed(3).padStart(8)} ms   ${perChunk(raw).padStart(6)} µs/chunk`);
console.log(`${"raw lm.stream iteration inside withSettings".padEnd(52)} ${rawScoped.toFixed(3).padStart(8)} ms   ${perChunk(rawScoped).padStart(6)} µs/chunk`);
console.log(`${"ChainOfThought.call (no streaming)".padEnd(52)} ${plainCall.toFixed(3).padStart(8)} ms`);
console.log(`${"streamify + StreamListener, all values read".padEnd(52)} ${streamed.toFixed(3).padStart(8)} ms   ${perChunk(streamed).padStart(6)} µs/chunk`);
console.log(`${"streaming overhead (streamify − scoped raw − call)".padEnd(52)} ${overhead.toFixed(3).padStart(8)} ms   ${perChunk(overhead).padStart(6)} µs/chunk`);
