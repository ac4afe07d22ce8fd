import type { Logger } from "../../context/logger.js";
import type { Clock } from "../../utils/clock.js";
import type { OptimizerBudget } from "./optimizer-budget.js";

/** The run options every optimizer takes (see docs/optimizer-runs.md). */
export interface RunOptions {
  /** Hard caps for the whole run; when one is reached, the best result found so far is returned with a warning. */
  budget?: OptimizerBudget | null;
  /** Checkpoint after every paid-for step (and write the trial log there); compiling again with the same arguments resumes. */
  runDir?: string | null;
  /** Keep every trial in `runReport.trials` (they are always written to `runDir`). */
  trackStats?: boolean;
  /** Progress and warnings (default: settings' logger if configured, else standard error). */
  logger?: Logger;
  /** Time for elapsed figures and progress (default: the system clock). */
  clock?: Clock;
}

/** Run options with their defaults applied, ready for `OptimizerRun.open`. */
export interface ResolvedRunOptions {
  budget: OptimizerBudget | null;
  runDir: string | null;
  trackStats: boolean;
  logger: Logger | null;
  clock?: Clock;
}

/** Applies the defaults (`trackStats` is the optimizer's own: DSPy's MIPROv2 tracks by default, COPRO does not). */
export function resolveRunOptions(options: RunOptions, defaults: { trackStats: boolean }): ResolvedRunOptions {
  return {
    budget: options.budget ?? null,
    runDir: options.runDir ?? null,
    trackStats: options.trackStats ?? defaults.trackStats,
    logger: options.logger ?? null,
    ...(options.clock ? { clock: options.clock } : {}),
  };
}
