import type { Logger } from "../../context/logger.js";
import type { LMLike } from "../../lm/lm-like.js";
import { COPRO } from "../../optimizers/copro/copro.js";
import { GEPA } from "../../optimizers/gepa/gepa.js";
import { MIPROv2 } from "../../optimizers/mipro-v2/mipro-v2.js";
import { BootstrapFewShotWithRandomSearch } from "../../optimizers/random-search/bootstrap-few-shot-with-random-search.js";
import { SIMBA } from "../../optimizers/simba/simba.js";
import type { Teleprompter } from "../../optimizers/teleprompter.js";
import type { BudgetSpec, OptimizerSpec, ProjectMetric } from "../project/define-config.js";

/**
 * Builds the optimizer a project file names, with the run options the CLI owns: the metric, the compile budget, the
 * run folder (checkpoint and trial log) and the logger. GEPA reflects with the model being compiled for unless its
 * settings name a `reflectionLm`.
 */
export function buildOptimizer(
  spec: OptimizerSpec,
  run: { metric: ProjectMetric; budget: BudgetSpec | null; runDir: string; logger: Logger; lm: LMLike },
): Teleprompter<any> {
  const quiet = { write: () => true };
  const common = { metric: run.metric as never, budget: run.budget, runDir: run.runDir, logger: run.logger, trackStats: true };
  const settings = (spec.settings ?? {}) as Record<string, never>;
  switch (spec.optimizer) {
    case "BootstrapFewShotWithRandomSearch":
      return new BootstrapFewShotWithRandomSearch({ displayProgress: false, output: quiet, ...settings, ...common });
    case "MIPROv2":
      return new MIPROv2({ displayProgress: false, output: quiet, ...settings, ...common });
    case "COPRO":
      return new COPRO({ ...settings, ...common });
    case "GEPA": {
      // GEPA calls its metric with five arguments; a plain (example, prediction) metric scores without feedback.
      const metric = run.metric.length >= 5 ? run.metric : (gold: unknown, pred: unknown, trace: unknown, _predName: unknown, _predTrace: unknown) => run.metric(gold, pred, trace);
      return new GEPA({ reflectionLm: run.lm, ...settings, ...common, metric: metric as never });
    }
    case "SIMBA":
      return new SIMBA({ ...settings, ...common });
  }
}
