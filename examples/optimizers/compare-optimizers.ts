// Compares LabeledFewShot, BootstrapRS, MIPROv2, COPRO, GEPA and SIMBA on a task where a rule must be stated (the
// simulator's synthetic routing task: a message goes to one of four made-up queues by one signal word, some of them
// rare, so a few demos cannot cover every word while an instruction that states the keyword rule can). GEPA's metric
// also gives feedback (the expected queue and the word that calls for it; examples/gepa/routing-feedback.ts), the
// others score only. Every optimizer gets the same LM-call budget; each compiled program is scored on the held-out
// test split, beside the uncompiled seed program.
//
//   npx tsx examples/optimizers/compare-optimizers.ts [--seed 1] [--budget 1500]
//
// Offline, on tsdspy's simulator (docs/sim.md): the scores measure the simulator, not a model.
import {
  BootstrapFewShotWithRandomSearch,
  COPRO,
  Evaluate,
  LabeledFewShot,
  MIPROv2,
  SIMBA,
  silentLogger,
  withSettings,
  type Module,
  type ProgressStream,
  type RunReport,
} from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { gepaOnRouting } from "../gepa/routing-feedback.js";
import { makeRoutingTask } from "../sim-tasks/index.js";
import { runIfMain, type Print } from "../seed/run-example.js";

const quiet: ProgressStream = { write: () => true };

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

export interface OptimizerFigures {
  optimizer: string;
  testScore: number;
  validationScore: number | null;
  lmCalls: number;
  tokens: number;
  wallMs: number;
  status: string;
}

/** Runs the optimizers on the routing task with one LM-call budget each; returns their figures. */
export async function compareOptimizers(options: { seed?: number; lmCalls?: number; only?: readonly string[] } = {}): Promise<OptimizerFigures[]> {
  const task = makeRoutingTask({ seed: options.seed ?? 1 });
  const budget = { lmCalls: options.lmCalls ?? 1500 };
  const metric = task.metric as never;
  const common = { logger: silentLogger, budget, trackStats: true };
  const test = async (program: Module) =>
    (await new Evaluate({ devset: task.test, metric, numThreads: 8, displayProgress: false, output: quiet }).call(program as never)).score;

  const runs: Array<[string, (lm: SimLM) => Promise<Module & { runReport?: RunReport }>]> = [
    ["seed program (no optimizer)", async () => task.makeProgram()],
    ["LabeledFewShot (k=4)", () => new LabeledFewShot({ k: 4 }).compile(task.makeProgram(), { trainset: task.train })],
    [
      "BootstrapRS",
      () =>
        new BootstrapFewShotWithRandomSearch({
          metric,
          maxBootstrappedDemos: 4,
          maxLabeledDemos: 4,
          numCandidatePrograms: 60,
          numThreads: 8,
          displayProgress: false,
          output: quiet,
          ...common,
        }).compile(task.makeProgram(), { trainset: task.train, valset: task.validation }),
    ],
    [
      "MIPROv2",
      () =>
        new MIPROv2({
          metric,
          auto: null,
          numCandidates: 8,
          maxBootstrappedDemos: 4,
          maxLabeledDemos: 4,
          numThreads: 8,
          displayProgress: false,
          output: quiet,
          ...common,
        }).compile(task.makeProgram(), { trainset: task.train, valset: task.validation, numTrials: 60, minibatchSize: 16 }),
    ],
    [
      "COPRO",
      () =>
        new COPRO({ metric, breadth: 6, depth: 3, ...common }).compile(task.makeProgram(), {
          trainset: task.train,
          valset: task.validation,
          evalKwargs: { numThreads: 8, displayProgress: false },
        }),
    ],
    ["GEPA (feedback metric)", (lm) => gepaOnRouting(task, { lmCalls: budget.lmCalls, seed: options.seed ?? 1 }, lm)],
    [
      "SIMBA",
      () =>
        new SIMBA({ metric, bsize: 8, numCandidates: 4, maxSteps: 8, maxDemos: 4, numThreads: 8, ...common }).compile(task.makeProgram(), {
          trainset: task.train,
          seed: options.seed ?? 1,
        }),
    ],
  ];
  const figures: OptimizerFigures[] = [];
  for (const [name, run] of runs) {
    if (options.only && !options.only.some((prefix) => name.startsWith(prefix))) continue;
    const lm = new SimLM();
    const start = performance.now();
    const compiled = await withSettings({ lm, logger: silentLogger }, () => run(lm));
    const wallMs = performance.now() - start;
    const report = compiled.runReport;
    const testScore = await withSettings({ lm: new SimLM(), logger: silentLogger }, () => test(compiled));
    const best = report?.trials?.reduce<number | null>((m, t) => (t.bestScore !== null && (m === null || t.bestScore > m) ? t.bestScore : m), null) ?? null;
    figures.push({
      optimizer: name,
      testScore,
      validationScore: best,
      lmCalls: report?.spent.lmCalls ?? 0,
      tokens: report?.spent.tokens ?? 0,
      wallMs,
      status: report?.status ?? "completed",
    });
  }
  return figures;
}

export async function main(print: Print): Promise<void> {
  const seed = flag("seed", 1);
  const lmCalls = flag("budget", 1500);
  const figures = await compareOptimizers({ seed, lmCalls });
  print(`Routing task (seed ${seed}), LM-call budget ${lmCalls} per optimizer, scored on the held-out test split:`);
  print("");
  print("| optimizer | test score | best validation score | LM calls | tokens | wall time | run |");
  print("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const f of figures) {
    const validation = f.validationScore === null ? "—" : f.validationScore.toFixed(1);
    print(`| ${f.optimizer} | ${f.testScore.toFixed(1)} | ${validation} | ${f.lmCalls} | ${f.tokens} | ${(f.wallMs / 1000).toFixed(1)} s | ${f.status} |`);
  }
}

runIfMain(import.meta, main);
