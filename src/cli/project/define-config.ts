import type { LMLike } from "../../lm/lm-like.js";

/** Where the program comes from: a module beside the project file and the export to build it from. */
export interface ProgramSource {
  /** Path of the program's module, relative to the project file (e.g. `"./program.ts"`). */
  module: string;
  /** The export: a `Module` class (constructed with `new`, no arguments) or a function returning a fresh program. */
  export: string;
}

/** A labelled dataset in JSON Lines, one example per line. */
export interface DatasetSource {
  /** Path of the `.jsonl` file, relative to the project file. */
  path: string;
  /** The fields the program receives; every other field is a label the metric may read. */
  inputs: readonly string[];
  /** The field holding each example's unique id (default `"id"`); the leakage check compares ids and inputs. */
  id?: string;
}

/** How the dataset is split: by a field of each row, or at random (seeded) by fractions. */
export type SplitSpec =
  | { field: string; seed?: never }
  | { train: number; validation: number; test: number; seed?: number; field?: never };

/** The optimizers the CLI knows by name (their options are those of the class of the same name). */
export type OptimizerName = "BootstrapFewShotWithRandomSearch" | "MIPROv2" | "COPRO" | "GEPA" | "SIMBA";

/** One optimizer to compare: its class and its options (metric, budget, runDir and logger are set by the CLI). */
export interface OptimizerSpec {
  optimizer: OptimizerName;
  settings?: Record<string, unknown>;
  /** This optimizer's own metric (e.g. GEPA's five-argument feedback metric); default the project's `metric`. */
  metric?: ProjectMetric;
  /** Extra arguments of `compile` besides the student and data (MIPROv2's `numTrials`, SIMBA's `seed`, …). */
  compile?: Record<string, unknown>;
}

/** An LM-call / metric-call / token / dollar cap (the optimizers' `budget` option). */
export interface BudgetSpec {
  lmCalls?: number;
  metricCalls?: number;
  tokens?: number;
  costUsd?: number;
}

/** A metric: `(example, prediction) => number | boolean` (GEPA also accepts its five-argument feedback form). */
export type ProjectMetric = (example: any, prediction: any, ...rest: any[]) => unknown;

/** What `tsdspy.config.ts` exports by default: the whole lifecycle of one program. */
export interface ProjectConfig {
  /** The version of the program's code; artifacts are keyed by it and the model revision. */
  programVersion: string;
  program: ProgramSource;
  dataset: DatasetSource;
  splits: SplitSpec;
  metric: ProjectMetric;
  /** The field of each example naming its slice (per-slice scores and gates); default `"slice"`. */
  slices?: { field: string };
  /** Release gates: per-slice minimums (0–100; `default` for any other slice) and whether to require beating the baseline. */
  gates: { minimum: Record<string, number>; requireImprovement?: boolean };
  /** Optimizers to compare, by the name runs and reports use. */
  optimizers: Record<string, OptimizerSpec>;
  /** The exact model revisions to compile for, by revision name: each builds its LM. */
  models: Record<string, () => LMLike>;
  budgets?: { compile?: BudgetSpec };
  /** Bootstrap confidence intervals of `tsdspy evaluate` (default 1000 resamples, 95%, seed 0). */
  evaluation?: { resamples?: number; confidence?: number; seed?: number; numThreads?: number };
  /** How far (points on the 0–100 scale) fresh data may fall below the recorded test score before an artifact is stale (default 5). */
  drift?: { threshold?: number };
  /** Where compile runs and artifacts go, relative to the project file (defaults `runs` and `artifacts`). */
  runDir?: string;
  artifacts?: { dir?: string };
}

/**
 * Types a project file: `export default defineConfig({ … })` in `tsdspy.config.ts` gets the editor's checking and
 * completion; the CLI validates the same shape when it loads the file.
 *
 * @example
 * export default defineConfig({ programVersion: "support-v1", program: { module: "./program.ts", export: "Support" }, … });
 */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}
