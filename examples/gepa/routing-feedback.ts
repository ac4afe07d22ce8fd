// GEPA discovers a rule from feedback, offline. The simulator's routing task (examples/sim-tasks): a message goes to
// one of four made-up queues, decided by one made-up signal word in it; the seed program's instruction says nothing
// about the rule. The metric's feedback names the expected queue and the word that calls for it, and GEPA's reflection
// LM — the simulator in its reflection role, composing a rewrite only from the current instruction and the examples
// and feedback the reflection prompt shows — turns that feedback into keyword rules. Prints the seed program's and
// GEPA's held-out scores and the instruction GEPA found.
//
//   npx tsx --conditions=source examples/gepa/routing-feedback.ts [--seed 1] [--budget 600]
//
// examples/optimizers/compare-optimizers.ts puts GEPA beside SIMBA, BootstrapRS, MIPROv2 and COPRO on the same budget.
import { Evaluate, GEPA, Prediction, silentLogger, withSettings, type Example, type Module, type ProgressStream } from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { runIfMain, type Print } from "../seed/run-example.js";
import { makeRoutingTask, type SimTask } from "../sim-tasks/index.js";

const quiet: ProgressStream = { write: () => true };

/**
 * The routing task's GEPA metric: the score, and feedback that names the expected queue and the signal word the
 * message mentions (what a grader who knows the reason would say).
 */
export function routingFeedbackMetric(task: ReturnType<typeof makeRoutingTask>) {
  const signalOf = (example: Example) => task.signals[String(example.route)]!.find((w) => String(example.message).split(" ").includes(w)) ?? "";
  return (gold: Example, pred: Prediction, _trace?: unknown, _predName?: string | null, _predTrace?: unknown) => {
    const ok = String(pred.route) === String(gold.route);
    return new Prediction({
      score: ok ? 1 : 0,
      feedback: ok ? `Correct: the route is "${gold.route}".` : `The correct answer is "${gold.route}" because the message mentions "${signalOf(gold)}".`,
    });
  };
}

/** GEPA on the routing task with the feedback metric, under an LM-call budget (the simulator is also the reflection LM). */
export function gepaOnRouting(task: ReturnType<typeof makeRoutingTask>, options: { lmCalls: number; seed: number }, lm: SimLM) {
  return new GEPA({
    metric: routingFeedbackMetric(task),
    reflectionLm: lm,
    maxMetricCalls: options.lmCalls,
    reflectionMinibatchSize: 4,
    numThreads: 8,
    seed: options.seed,
    budget: { lmCalls: options.lmCalls },
    logger: silentLogger,
    trackStats: true,
  }).compile(task.makeProgram(), { trainset: task.train, valset: task.validation });
}

/** Evaluate's percentage on the task's held-out test split. */
export async function heldOutScore(task: SimTask, program: Module): Promise<number> {
  const evaluate = new Evaluate({ devset: task.test, metric: task.metric as never, numThreads: 8, displayProgress: false, output: quiet });
  return withSettings({ lm: new SimLM(), logger: silentLogger }, async () => (await evaluate.call(program as never)).score);
}

export async function main(print: Print, args: string[] = process.argv): Promise<void> {
  const flag = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
  const seed = flag("seed", 1);
  const lmCalls = flag("budget", 600);
  const task = makeRoutingTask({ seed });
  const lm = new SimLM();
  const optimized = await withSettings({ lm, logger: silentLogger }, () => gepaOnRouting(task, { lmCalls, seed }, lm));
  const before = await heldOutScore(task, task.makeProgram());
  const after = await heldOutScore(task, optimized);
  const results = optimized.detailedResults!;
  print(`Routing task (seed ${seed}), GEPA with a budget of ${lmCalls} LM calls (${optimized.runReport.status}):`);
  print(`  held-out score: seed program ${before.toFixed(1)} -> GEPA ${after.toFixed(1)}`);
  print(`  ${results.candidates.length} candidates kept; validation scores ${results.valAggregateScores.map((s) => s.toFixed(2)).join(", ")}`);
  print(`  LM calls ${optimized.runReport.spent.lmCalls}, tokens ${optimized.runReport.spent.tokens}`);
  print("Instruction found:");
  const [, predictor] = optimized.namedPredictors()[0]!;
  print((predictor as unknown as { signature: { instructions: string } }).signature.instructions);
}

runIfMain(import.meta, main);
