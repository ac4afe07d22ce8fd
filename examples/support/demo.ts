// `npm run demo`: the article's workflow on its support-ticket program — evaluate the uncompiled baseline on held-out
// test data, compile with BootstrapFewShotWithRandomSearch (train for bootstrapping, validation for selection),
// evaluate the candidate per slice, apply release gates, save a versioned artifact, reload it and serve a request.
// Offline it runs on tsdspy's simulator; with TSDSPY_LM=provider/model (and the provider's key) on a real model.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  Budget,
  BootstrapFewShotWithRandomSearch,
  configure,
  Evaluate,
  lmFromEnv,
  loadArtifact,
  releaseDecision,
  sliceScores,
  splitHash,
  withBudget,
  writeArtifact,
  type EvaluationResult,
  type LMLike,
  type Logger,
  type ProgressStream,
} from "tsdspy";
import { pyFormatFixed } from "tsdspy/python";
import { SimLM } from "tsdspy/sim";
import { DATASET_PATH, loadTickets } from "./load-tickets.js";
import { resolutionQuality } from "./metric.js";
import { SupportPipeline } from "./program.js";

const PROGRAM_VERSION = "support-v1";
/** Release gates: every slice must reach this score (0–100), and the candidate must beat the baseline. */
const MINIMUM_PER_SLICE = 70;
const OPTIMIZER_SETTINGS = {
  maxBootstrappedDemos: 4,
  maxLabeledDemos: 4,
  numCandidatePrograms: 6,
  metricThreshold: 1.0,
  numThreads: 8,
};

function describeLm(sim?: SimLM): { lm: LMLike; label: string } {
  if (process.env.TSDSPY_LM) {
    const lm = lmFromEnv();
    return { lm, label: `${lm.model} (from TSDSPY_LM)` };
  }
  return {
    lm: sim ?? new SimLM(),
    label:
      "tsdspy's offline simulator (answers only from the prompt, by rules developed partly on this very dataset — docs/sim.md; " +
      "set TSDSPY_LM=provider/model for a real model)",
  };
}

const pct = (n: number) => pyFormatFixed(n, 2).padStart(8);

export interface DemoOptions {
  /** Where the artifact directory is written (default `artifacts/`). */
  artifactsDir?: string;
  /**
   * Where the report goes (default stdout). tsdspy's own progress bars and optimizer lines go to the configured
   * logger (standard error by default), so `npm run demo > report.txt` holds only the report.
   */
  output?: ProgressStream;
  /** tsdspy's logger for the run (default: the configured one). */
  logger?: Logger;
  /** The simulator to run on instead of the default one (e.g. `new SimLM({ disableRules })` for the ablation in docs/sim.md); ignored when TSDSPY_LM is set. */
  sim?: SimLM;
}

export async function main(options: DemoOptions = {}): Promise<{
  baseline: EvaluationResult;
  candidate: EvaluationResult;
  promote: boolean;
  calls: number;
  artifactDir: string;
  served: string;
}> {
  const output: ProgressStream = options.output ?? process.stdout;
  const print = (line: string) => void output.write(`${line}\n`);
  const started = performance.now();
  const { lm, label } = describeLm(options.sim);
  configure({ lm, ...(options.logger ? { logger: options.logger } : {}) });
  const splits = loadTickets();
  const metric = resolutionQuality;
  const evaluateOn = (devset: typeof splits.test) =>
    new Evaluate({ devset, metric: metric as never, numThreads: OPTIMIZER_SETTINGS.numThreads, displayProgress: true });
  const sliceOf = (example: { get(key: string): unknown }) => String(example.get("slice"));

  print("tsdspy demo: the article's support-ticket program, compiled offline, gated, saved and served");
  print(`LM: ${label}`);
  print(
    `Data: ${DATASET_PATH.pathname.split("/").slice(-3).join("/")} — train ${splits.train.length}, ` +
      `validation ${splits.validation.length}, test ${splits.test.length}; splits checked disjoint`,
  );

  const spent = { baseline: new Budget({}), compile: new Budget({ maxCalls: 5000 }), candidate: new Budget({}), serve: new Budget({}) };

  print("\n1. Baseline: the uncompiled program on the test split");
  const baselineProgram = new SupportPipeline();
  const baseline = await withBudget(spent.baseline, () => evaluateOn(splits.test).call(baselineProgram));

  print("\n2. Compile: BootstrapFewShotWithRandomSearch on train, selecting on validation");
  const optimizer = new BootstrapFewShotWithRandomSearch({ metric: metric as never, ...OPTIMIZER_SETTINGS });
  const compiled = await withBudget(spent.compile, () =>
    optimizer.compile(new SupportPipeline(), { trainset: splits.train, valset: splits.validation }),
  );

  print("\n3. Candidate: the compiled program on the test split");
  const candidate = await withBudget(spent.candidate, () => evaluateOn(splits.test).call(compiled));

  const baseSlices = sliceScores(baseline, sliceOf);
  const candSlices = sliceScores(candidate, sliceOf);
  const minimum = Object.fromEntries(Object.keys(candSlices).map((slice) => [slice, MINIMUM_PER_SLICE]));
  const decision = releaseDecision({
    baseline: Object.fromEntries(Object.entries(baseSlices).map(([k, v]) => [k, v.score])),
    candidate: Object.fromEntries(Object.entries(candSlices).map(([k, v]) => [k, v.score])),
    minimum,
    requireImprovement: true,
  });

  print("\nslice              n  baseline  compiled   minimum  gate");
  for (const [slice, summary] of Object.entries(candSlices)) {
    const ok = summary.score >= MINIMUM_PER_SLICE;
    print(`${slice.padEnd(16)} ${String(summary.count).padStart(3)}  ${pct(baseSlices[slice]!.score)}  ${pct(summary.score)}  ${pct(MINIMUM_PER_SLICE)}  ${ok ? "pass" : "FAIL"}`);
  }
  print(`${"overall".padEnd(16)} ${String(splits.test.length).padStart(3)}  ${pct(baseline.score)}  ${pct(candidate.score)}`);
  const verdict = decision.promote
    ? `PROMOTE — every slice at or above ${MINIMUM_PER_SLICE} and the candidate beats the baseline (+${pyFormatFixed(candidate.score - baseline.score, 2)})`
    : `BLOCK — ${decision.failedGates.length ? `slices under the minimum: ${decision.failedGates.join(", ")}` : "the candidate does not beat the baseline"}`;
  print(`\nRelease decision: ${verdict}`);

  const dir = join(options.artifactsDir ?? "artifacts", `${PROGRAM_VERSION}-${lm.model.replace(/[^\w.-]+/g, "_")}`);
  const manifest = await writeArtifact(dir, compiled, {
    programVersion: PROGRAM_VERSION,
    model: lm.model,
    metric: metric.name,
    splits: Object.fromEntries(Object.entries(splits).map(([name, set]) => [name, { hash: splitHash(set), size: set.length }])),
    optimizer: { name: "BootstrapFewShotWithRandomSearch", settings: OPTIMIZER_SETTINGS },
    scores: {
      baseline: { overall: baseline.score, slices: baseSlices },
      candidate: { overall: candidate.score, slices: candSlices },
      validation: { best: compiled.candidatePrograms[0]?.score ?? null },
    },
    decision,
  });
  print(`Artifact: ${dir}/ (${manifest.stateFile}: DSPy 3.3.1 state format, loadable by Python DSPy; manifest.json)`);

  print("\n4. Serve: a fresh program loads the artifact — no optimizer runs online");
  const { program: served } = await loadArtifact(dir, new SupportPipeline());
  const ticket = {
    ticket_text: "Where is order #40417? The delivery date passed four days ago.",
    policy_context:
      "Gift Card Policy: gift cards cannot be exchanged for cash.\n" +
      "Late Delivery Policy: orders delayed more than 48 hours qualify for a $10 credit.",
  };
  const answer = await withBudget(spent.serve, () => served.call(ticket));
  print(`  ticket:     ${ticket.ticket_text}`);
  print(`  resolution: ${answer.resolution}`);

  const calls = Object.values(spent).reduce((n, b) => n + b.spent.calls, 0);
  const seconds = (performance.now() - started) / 1000;
  print(
    `\nLM calls: ${calls} (baseline ${spent.baseline.spent.calls}, compile ${spent.compile.spent.calls}, ` +
      `candidate ${spent.candidate.spent.calls}, serve ${spent.serve.spent.calls}); wall time ${seconds.toFixed(1)} s`,
  );
  return { baseline, candidate, promote: decision.promote, calls, artifactDir: dir, served: String(answer.resolution) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
