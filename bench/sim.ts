/**
 * The simulator's cost per completion on the prompts optimizers send it — a task prompt with demos and without, the
 * proposer's and the reflection role's prompts, an agent step — since offline optimizer examples run thousands of
 * calls on it. Prompts are DSPy's own (src/sim/__fixtures__/dspy-prompts.json); the last line is the support demo's
 * whole evaluation of one compiled program (24 test tickets).
 *
 *   npx tsx --conditions=source bench/sim.ts
 */
import type { Message } from "../src/lm/message.js";
import prompts from "../src/sim/__fixtures__/dspy-prompts.json" with { type: "json" };
import { SimulatorModel } from "../src/sim/simulator-model.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();

async function measure(label: string, messages: Message[], calls: number, params: Record<string, unknown> = {}): Promise<void> {
  let i = 0;
  // Vary the rollout so no two calls are the same request (nothing is cached anyway).
  const run = () => model.doGenerate({ model: "m", messages, params: { ...params, rollout_id: i++ } });
  for (let w = 0; w < Math.min(50, calls); w++) await run();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let c = 0; c < calls; c++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const ms = (q: number) => times[Math.floor(times.length * q)]!.toFixed(2);
  const chars = messages.reduce((n, m) => n + String(m.content ?? "").length, 0);
  const cpuMs = ((used.user + used.system) / 1000 / calls).toFixed(2);
  console.log(`${label.padEnd(44)} ${String(chars).padStart(6)} chars   median ${ms(0.5).padStart(6)} ms   p95 ${ms(0.95).padStart(6)} ms   cpu ${cpuMs.padStart(6)} ms`);
}

console.log(`Simulator cost per completion (node ${process.version})`);
await measure("task, ChainOfThought, 3 demos (chat_guide)", fixtures.chat_guide!, 400);
await measure("task, zero-shot (chat_guide_zero)", fixtures.chat_guide_zero!, 400);
await measure("task, labels + numbers, 3 demos (severity)", fixtures.chat_severity!, 400);
await measure("task, JSON adapter (json_guide)", fixtures.json_guide!, 400);
await measure("proposer: dataset descriptor (10 examples)", fixtures.mipro_describe_0!, 200, { temperature: 1 });
await measure("proposer: grounded instruction", fixtures.mipro_propose_12!, 200, { temperature: 1 });
await measure("COPRO: attempts", fixtures.copro_attempts_19!, 200, { temperature: 1.4 });
await measure("reflection (GEPA)", fixtures.gepa_reflection!, 200);
await measure("reflection with a text form (GEPA)", fixtures.gepa_reflection_form!, 200);
await measure("advice (SIMBA OfferFeedback)", fixtures.simba_offer_feedback!, 200);
await measure("agent step (ReAct)", fixtures.react_1!, 400);

const { loadTickets } = await import("../examples/support/load-tickets.js");
const { SupportPipeline } = await import("../examples/support/program.js");
const { configure, Evaluate, LabeledFewShot } = await import("../src/index.js");
const { SimLM } = await import("../src/sim/sim-lm.js");
const { resolutionQuality } = await import("../examples/support/metric.js");
configure({ lm: new SimLM() });
const splits = loadTickets();
const program = await new LabeledFewShot({ k: 4 }).compile(new SupportPipeline(), { trainset: splits.train });
const evaluate = new Evaluate({ devset: splits.test, metric: resolutionQuality as never, displayProgress: false, numThreads: 1 });
const start = performance.now();
const cpu = process.cpuUsage();
for (let r = 0; r < 5; r++) await evaluate.call(program as never);
const used = process.cpuUsage(cpu);
console.log(
  `${"support demo: Evaluate, 24 tickets, 4 demos".padEnd(44)} ${((performance.now() - start) / 5).toFixed(0).padStart(6)} ms per evaluation ` +
    `(${((performance.now() - start) / 5 / 24).toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / 5 / 24).toFixed(2)} ms cpu per call, framework included)`,
);
