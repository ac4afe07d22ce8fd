import type { Logger } from "../../context/logger.js";
import type { Settings } from "../../context/settings.js";
import type { Metric } from "../../evaluate/metric.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { PythonRandom } from "../../python/python-random.js";
import { BootstrapFewShot } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";
import { runDirectly, type StepRunner } from "../run/step-runner.js";
import { demoPredictors } from "./demo-predictor.js";
import type { ProgressStream } from "../../utils/progress-bar.js";
import { printLine, type OptimizerOutput } from "./print-line.js";

export interface FewshotDemoSetsOptions {
  student: Module;
  /** Candidate sets in all, the three fixed ones (zero-shot, labeled, unshuffled bootstrap) included. */
  numCandidateSets: number;
  trainset: readonly Example[];
  maxLabeledDemos: number;
  maxBootstrappedDemos: number;
  metric: Metric<any> | null;
  teacherSettings?: Partial<Settings>;
  maxErrors?: number | null;
  maxRounds?: number;
  labeledSample?: boolean;
  minNumSamples?: number;
  metricThreshold?: number | null;
  teacher?: Module | null;
  includeNonBootstrapped?: boolean;
  seed?: number;
  /** The RNG of the shuffles and sizes (default `Random(seed)`); MIPROv2 passes its own. */
  rng?: PythonRandom;
  /** Where `Bootstrapping set i/n` and BootstrapFewShot's lines go (default: the settings' logger). */
  output?: OptimizerOutput;
  /** Where BootstrapFewShot draws its progress bars (`false`: none). */
  progress?: ProgressStream | false;
  logger?: Logger;
  step?: StepRunner;
}

/**
 * DSPy's `create_n_fewshot_demo_sets`: candidate demo sets per predictor, made as BootstrapRS makes its candidates —
 * zero-shot, labeled only (`LabeledFewShot`), `BootstrapFewShot` on the trainset as given, then on shuffles of it with
 * `randint(minNumSamples, maxBootstrappedDemos)` augmented demos, all drawn from one RNG. Returns, for each predictor
 * index, its list of demo sets.
 */
export async function createNFewshotDemoSets(options: FewshotDemoSetsOptions): Promise<unknown[][][]> {
  const numCandidateSets = options.numCandidateSets - 3;
  const includeNonBootstrapped = options.includeNonBootstrapped ?? true;
  const rng = options.rng ?? new PythonRandom(options.seed ?? 0);
  const step: StepRunner = options.step ?? runDirectly;
  const predictorCount = demoPredictors(options.student).length;
  const candidates: unknown[][][] = Array.from({ length: predictorCount }, () => []);
  const bootstrap = (maxBootstrappedDemos: number) =>
    new BootstrapFewShot({
      metric: options.metric,
      maxErrors: options.maxErrors ?? null,
      metricThreshold: options.metricThreshold ?? null,
      maxBootstrappedDemos,
      maxLabeledDemos: options.maxLabeledDemos,
      teacherSettings: options.teacherSettings ?? {},
      maxRounds: options.maxRounds ?? 1,
      budgetExhaustion: "throw",
      ...(options.output ? { output: options.output } : {}),
      ...(options.progress !== undefined ? { progress: options.progress } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  for (let seed = -3; seed < numCandidateSets; seed++) {
    printLine(options.output, `Bootstrapping set ${seed + 4}/${numCandidateSets + 3}`);
    const trainset = [...options.trainset];
    let compile: () => Promise<Module>;
    if (seed === -3 && includeNonBootstrapped) {
      compile = async () => options.student.resetCopy();
    } else if (seed === -2 && options.maxLabeledDemos > 0 && includeNonBootstrapped) {
      compile = () => new LabeledFewShot({ k: options.maxLabeledDemos }).compile(options.student, { trainset, sample: options.labeledSample ?? true });
    } else if (seed === -1) {
      compile = () => bootstrap(options.maxBootstrappedDemos).compile(options.student, { trainset, teacher: options.teacher ?? null });
    } else {
      rng.shuffle(trainset);
      const size = rng.randint(options.minNumSamples ?? 1, options.maxBootstrappedDemos) as number;
      compile = () => bootstrap(size).compile(options.student, { trainset, teacher: options.teacher ?? null });
    }
    const demos = await step(`demo-set:${seed}`, async () => demoPredictors(await compile()).map(([, predictor]) => [...predictor.demos]));
    demos.forEach((set, i) => candidates[i]?.push(set));
  }
  return candidates;
}
