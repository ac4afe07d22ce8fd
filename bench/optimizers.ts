/**
 * The optimizers' own overhead per trial: everything but LM time (prompt formatting, parsing, evaluation, the search's
 * bookkeeping, checkpoints), measured with scripted LMs that answer at once (their own time is measured and
 * subtracted). Each figure is the median of 5 runs after 3 warm-up runs (the first runs pay for JIT compilation). The
 * machine is shared, so run it several times; the minimum is the least disturbed figure.
 *
 *   npx tsx --conditions=source bench/optimizers.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../src/context/logger.js";
import { configure } from "../src/context/settings.js";
import type { Module } from "../src/primitives/module.js";
import { ScriptLM } from "../src/optimizers/__fixtures__/script-lm.js";
import { SimpleModule } from "../src/optimizers/__fixtures__/simple-module.js";
import { COPRO } from "../src/optimizers/copro/copro.js";
import { MIPROv2 } from "../src/optimizers/mipro-v2/mipro-v2.js";
import { BootstrapFewShotWithRandomSearch } from "../src/optimizers/random-search/bootstrap-few-shot-with-random-search.js";
import { letterExamples, letterLM, letterMetric, letterPromptLM } from "../src/optimizers/run/__fixtures__/letter-task.js";
import type { RunReport } from "../src/optimizers/run/run-report.js";
import { TpeSampler, type TpeTrial } from "../src/optimizers/shared/tpe-sampler.js";

const examples = letterExamples();
const trainset = examples.slice(0, 20);
const valset = examples.slice(20);
const quiet = { write: () => true };

/** A scripted LM whose own time is added to `clock.lm`. */
function timed(lm: ScriptLM, clock: { lm: number }): ScriptLM {
  return new ScriptLM((messages, params, index) => {
    const start = performance.now();
    try {
      return lm.script(messages, params, index);
    } finally {
      clock.lm += performance.now() - start;
    }
  });
}

interface Measured {
  ms: number;
  lmMs: number;
  report: RunReport;
}

async function measure(run: (task: ScriptLM, prompt: ScriptLM, runDir: string | null) => Promise<Module & { runReport: RunReport }>, withDir: boolean) {
  const results: Measured[] = [];
  for (let i = 0; i < 8; i++) {
    const clock = { lm: 0 };
    const task = timed(letterLM(), clock);
    const prompt = timed(letterPromptLM(), clock);
    configure({ lm: task, logger: silentLogger });
    const runDir = withDir ? await mkdtemp(join(tmpdir(), "tsdspy-bench-")) : null;
    const start = performance.now();
    const compiled = await run(task, prompt, runDir);
    const ms = performance.now() - start;
    if (runDir) await rm(runDir, { recursive: true, force: true });
    if (i >= 3) results.push({ ms, lmMs: clock.lm, report: compiled.runReport });
  }
  results.sort((a, b) => a.ms - a.lmMs - (b.ms - b.lmMs));
  return results[2] as Measured;
}

function line(name: string, unit: string, units: number, plain: Measured, withDir: Measured): string {
  const overhead = (m: Measured) => m.ms - m.lmMs;
  const calls = plain.report.spent.lmCalls;
  return (
    `${name}: ${units} ${unit}s, ${calls} LM calls; overhead ${(overhead(plain) / units).toFixed(2)} ms per ${unit} ` +
    `(${((overhead(plain) * 1000) / calls).toFixed(0)} µs per LM call); with runDir checkpoints ` +
    `${(overhead(withDir) / units).toFixed(2)} ms per ${unit}`
  );
}

const mipro = (trials: number) => async (task: ScriptLM, prompt: ScriptLM, runDir: string | null) =>
  new MIPROv2({
    metric: letterMetric,
    promptModel: prompt,
    taskModel: task,
    auto: null,
    numCandidates: 6,
    maxBootstrappedDemos: 2,
    maxLabeledDemos: 2,
    numThreads: 4,
    displayProgress: false,
    output: quiet,
    logger: silentLogger,
    trackStats: true,
    runDir,
  }).compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: trials, minibatchSize: 8 });

// MIPROv2: the cost of the trials is the difference between 40 and 10 trials (steps 1-2 are the same).
const m40 = await measure(mipro(40), false);
const m10 = await measure(mipro(10), false);
const d40 = await measure(mipro(40), true);
const d10 = await measure(mipro(10), true);
const trialsOf = (m: Measured) => (m.report.trials ?? []).length;
const perTrial = (a: Measured, b: Measured) => (a.ms - a.lmMs - (b.ms - b.lmMs)) / (trialsOf(a) - trialsOf(b));
const callsPerTrial = (m40.report.spent.lmCalls - m10.report.spent.lmCalls) / (trialsOf(m40) - trialsOf(m10));
console.log(
  `MIPROv2 step 3 (minibatch 8 of 16, 1 predictor): ${perTrial(m40, m10).toFixed(2)} ms overhead per trial ` +
    `(${callsPerTrial.toFixed(1)} LM calls per trial, ${((perTrial(m40, m10) * 1000) / callsPerTrial).toFixed(0)} µs per call); ` +
    `with runDir checkpoints ${perTrial(d40, d10).toFixed(2)} ms per trial`,
);
console.log(line("MIPROv2 whole run (40 trials)", "trial", trialsOf(m40), m40, d40));

const rs = async (task: ScriptLM, _prompt: ScriptLM, runDir: string | null) =>
  new BootstrapFewShotWithRandomSearch({
    metric: letterMetric,
    maxBootstrappedDemos: 3,
    maxLabeledDemos: 4,
    numCandidatePrograms: 12,
    numThreads: 4,
    displayProgress: false,
    output: quiet,
    logger: silentLogger,
    trackStats: true,
    runDir,
  }).compile(new SimpleModule("word -> label"), { trainset, valset });
console.log(line("BootstrapRS (15 candidates)", "candidate", 15, await measure(rs, false), await measure(rs, true)));

const copro = async (_task: ScriptLM, prompt: ScriptLM, runDir: string | null) =>
  new COPRO({ metric: letterMetric, promptModel: prompt, breadth: 6, depth: 3, trackStats: true, logger: silentLogger, runDir }).compile(
    new SimpleModule("word -> label"),
    { trainset: valset, evalKwargs: { numThreads: 4, displayProgress: false } },
  );
const c = await measure(copro, false);
console.log(line("COPRO (breadth 6, depth 3)", "prompt evaluation", trialsOf(c), c, await measure(copro, true)));

// The TPE sampler alone: suggestions for 4 predictors x (instruction, demo set) with 100 finished trials.
const space = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, 8]));
const sampler = new TpeSampler(space, { seed: 0 });
const warm = () => sampler.sample(history);
const history: TpeTrial[] = Array.from({ length: 100 }, (_, i) => ({ params: Object.fromEntries(Object.keys(space).map((k, j) => [k, (i * 7 + j) % 8])), value: (i * 37) % 11 }));
for (let i = 0; i < 500; i++) warm();
const start = performance.now();
for (let i = 0; i < 1000; i++) sampler.sample(history);
console.log(`TPE sampler: ${(((performance.now() - start) / 1000) * 1000).toFixed(0)} µs per suggestion (8 categorical parameters, 100 trials)`);
