// GEPA on the simulator: a routing task whose rule (which made-up signal word sends a message to which queue) is
// never stated; the metric's feedback names the expected queue and the word that calls for it, and GEPA's reflection
// (the simulator in its reflection role, composing rewrites only from what the reflection prompt shows) turns that
// feedback into instructions. Prints held-out scores, LM calls, tokens and wall time for the seed program, GEPA,
// SIMBA, BootstrapRS and MIPROv2 (auto "light") on the same LM-call budget.
//   npx tsx --conditions=source examples/gepa/routing-feedback.ts [--seeds 1,2,3] [--budget 600]
import {
  BootstrapFewShotWithRandomSearch,
  MIPROv2,
  Evaluate,
  GEPA,
  Prediction,
  SIMBA,
  silentLogger,
  withSettings,
  type Example,
  type Module,
  type ProgressStream,
} from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { makeRoutingTask } from "../sim-tasks/index.js";

const quiet: ProgressStream = { write: () => true };

export interface ComparisonRow {
  optimizer: string;
  /** Evaluate's percentage on the test split. */
  heldOut: number;
  lmCalls: number;
  tokens: number;
  wallMs: number;
  /** `completed`, or `budget-exhausted` when the budget stopped the search (the best program so far is kept). */
  status: string;
}

/** The routing task with a feedback metric: the expected queue and the signal word the message mentions. */
export function routingWithFeedback(seed: number) {
  const task = makeRoutingTask({ seed });
  const signalOf = (example: Example) => task.signals[String(example.route)]!.find((w) => String(example.message).split(" ").includes(w)) ?? "";
  const feedbackMetric = (gold: Example, pred: Prediction, _trace?: unknown, _predName?: string | null, _predTrace?: unknown) => {
    const ok = String(pred.route) === String(gold.route);
    return new Prediction({
      score: ok ? 1 : 0,
      feedback: ok ? `Correct: the route is "${gold.route}".` : `The correct answer is "${gold.route}" because the message mentions "${signalOf(gold)}".`,
    });
  };
  return { task, feedbackMetric, plainMetric: (gold: Example, pred: Prediction) => (String(pred.route) === String(gold.route) ? 1 : 0) };
}

async function heldOut(program: Module, devset: Example[], metric: (g: Example, p: Prediction) => number): Promise<number> {
  const result = await new Evaluate({ devset, metric: metric as never, numThreads: 8, displayProgress: false, output: quiet }).call(program as never);
  return result.score;
}

/** Runs the rows of the comparison on one seed, every optimizer under the same LM-call budget. */
export async function compare(options: { seed: number; lmCalls: number; only?: string[] }): Promise<ComparisonRow[]> {
  const { task, feedbackMetric, plainMetric } = routingWithFeedback(options.seed);
  const rows: ComparisonRow[] = [];
  const budget = { lmCalls: options.lmCalls };
  const run = async (name: string, optimize: (lm: SimLM) => Promise<Module & { runReport?: { status: string; spent: { lmCalls: number; tokens: number } } }>) => {
    if (options.only && !options.only.includes(name)) return;
    const lm = new SimLM();
    const started = performance.now();
    const program = await withSettings({ lm, logger: silentLogger }, () => optimize(lm));
    const wallMs = performance.now() - started;
    const spent = program.runReport?.spent ?? { lmCalls: 0, tokens: 0 };
    const score = await withSettings({ lm: new SimLM(), logger: silentLogger }, () => heldOut(program, task.test, plainMetric));
    rows.push({ optimizer: name, heldOut: score, lmCalls: spent.lmCalls, tokens: spent.tokens, wallMs, status: program.runReport?.status ?? "-" });
  };
  await run("seed program", async () => task.makeProgram());
  await run("GEPA", async (lm) =>
    new GEPA({ metric: feedbackMetric, reflectionLm: lm, maxMetricCalls: options.lmCalls, budget, numThreads: 8, reflectionMinibatchSize: 4, seed: options.seed, logger: silentLogger }).compile(
      task.makeProgram(),
      { trainset: task.train, valset: task.validation },
    ),
  );
  await run("SIMBA", async () =>
    new SIMBA({ metric: plainMetric, bsize: 8, numCandidates: 4, maxSteps: 8, maxDemos: 4, budget, numThreads: 8, logger: silentLogger }).compile(task.makeProgram(), {
      trainset: task.train,
      seed: options.seed,
    }),
  );
  await run("BootstrapRS", async () =>
    new BootstrapFewShotWithRandomSearch({
      metric: plainMetric as never,
      maxBootstrappedDemos: 4,
      maxLabeledDemos: 4,
      numCandidatePrograms: 6,
      numThreads: 8,
      budget,
      output: quiet,
      displayProgress: false,
      logger: silentLogger,
    }).compile(task.makeProgram(), { trainset: task.train, valset: task.validation }),
  );
  await run("MIPROv2", async (lm) =>
    new MIPROv2({ metric: plainMetric as never, promptModel: lm, taskModel: lm, auto: "light", numThreads: 8, budget, seed: options.seed, logger: silentLogger, output: quiet, displayProgress: false, verbose: false }).compile(
      task.makeProgram(),
      { trainset: task.train, valset: task.validation },
    ),
  );
  return rows;
}

export function table(rows: ComparisonRow[]): string {
  const lines = ["| optimizer | held-out score | LM calls | tokens | wall time | run |", "|---|---:|---:|---:|---:|---|"];
  for (const r of rows) lines.push(`| ${r.optimizer} | ${r.heldOut.toFixed(1)} | ${r.lmCalls} | ${r.tokens} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.status} |`);
  return lines.join("\n");
}

/** The mean of each optimizer's figures over several seeds. */
export function meanRows(perSeed: ComparisonRow[][]): ComparisonRow[] {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return (perSeed[0] ?? []).map((row, i) => {
    const same = perSeed.map((rows) => rows[i] as ComparisonRow);
    return {
      optimizer: row.optimizer,
      heldOut: mean(same.map((r) => r.heldOut)),
      lmCalls: Math.round(mean(same.map((r) => r.lmCalls))),
      tokens: Math.round(mean(same.map((r) => r.tokens))),
      wallMs: mean(same.map((r) => r.wallMs)),
      status: [...new Set(same.map((r) => r.status))].join(" / "),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? (process.argv[i + 1] as string) : fallback;
  };
  const seeds = arg("seeds", arg("seed", "1")).split(",").map(Number);
  const lmCalls = Number(arg("budget", "600"));
  const perSeed: ComparisonRow[][] = [];
  for (const seed of seeds) {
    const rows = await compare({ seed, lmCalls });
    perSeed.push(rows);
    process.stdout.write(`Seed ${seed}, budget ${lmCalls} LM calls:\n\n${table(rows)}\n\n`);
  }
  if (seeds.length > 1) process.stdout.write(`Mean over seeds ${seeds.join(", ")}:\n\n${table(meanRows(perSeed))}\n`);
}
