/**
 * Evaluate's parallel overhead: 1,000 examples against a program whose LM takes 20 ms, at numThreads 50.
 * The ideal wall time is ceil(1000 / 50) × 20 ms = 400 ms; the target is within 10% of it.
 *
 *   npx tsx bench/evaluate.ts
 */
import { setTimeout as sleep } from "node:timers/promises";
import { BaseLM, type LMForwardRequest } from "../src/clients/base-lm.js";
import { configure, getSettings } from "../src/context/settings.js";
import { silentLogger } from "../src/context/logger.js";
import { LMNotConfiguredError } from "../src/errors/lm-errors.js";
import { Evaluate } from "../src/evaluate/evaluate.js";
import type { LMResponse } from "../src/lm/lm-response.js";
import { Example } from "../src/primitives/example.js";
import { Module } from "../src/primitives/module.js";
import { Prediction } from "../src/primitives/prediction.js";

const EXAMPLES = 1000;
const THREADS = 50;
const LM_MS = 20;

/** An LM that answers with the last user message after LM_MS, going through BaseLM's bookkeeping. */
class SlowEchoLM extends BaseLM {
  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    await sleep(LM_MS);
    const last = request.messages.at(-1)?.content;
    return { outputs: [{ text: typeof last === "string" ? last : "" }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } };
  }
}

class EchoProgram extends Module<{ question: string }, { answer: string }> {
  async forward({ question }: { question: string }) {
    const lm = getSettings().lm;
    if (!lm) throw new LMNotConfiguredError("No LM is configured: call configure({ lm }) first.");
    const [output] = await lm.call([{ role: "user", content: question }]);
    return new Prediction({ answer: output?.text ?? "" });
  }
}

const devset = Array.from({ length: EXAMPLES }, (_, i) => new Example({ question: `q${i}`, answer: `q${i}` }).withInputs("question"));
configure({ lm: new SlowEchoLM("bench/slow-echo"), logger: silentLogger });
const evaluate = new Evaluate({ devset, metric: (e, p) => e.answer === p.answer, numThreads: THREADS });

await evaluate.call(new EchoProgram(), { devset: devset.slice(0, THREADS) }); // warm-up (JIT, module loading)

const runs: number[] = [];
let score = 0;
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  score = (await evaluate.call(new EchoProgram())).score;
  runs.push(performance.now() - start);
}
// The floor Node's timers allow: the same 20 rounds of 50 concurrent 20 ms sleeps, without tsdspy.
const floorStart = performance.now();
for (let round = 0; round < Math.ceil(EXAMPLES / THREADS); round++) {
  await Promise.all(Array.from({ length: THREADS }, () => sleep(LM_MS)));
}
const floor = performance.now() - floorStart;

const ideal = Math.ceil(EXAMPLES / THREADS) * LM_MS;
const best = Math.min(...runs);
const median = [...runs].sort((a, b) => a - b)[1] as number;
console.log(`Evaluate: ${EXAMPLES} examples, numThreads ${THREADS}, LM ${LM_MS} ms (score ${score})`);
console.log(`wall (3 runs): ${runs.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}; median ${median.toFixed(0)} ms, best ${best.toFixed(0)} ms`);
console.log(`timer floor (plain sleeps, no tsdspy): ${floor.toFixed(0)} ms`);
console.log(`ideal: ${ideal} ms; ratio median ${(median / ideal).toFixed(3)}, best ${(best / ideal).toFixed(3)} (target <= 1.10)`);
