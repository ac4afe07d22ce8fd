/**
 * One line of an optimizer's trial log (`trials.jsonl` in `runDir`, and `runReport.trials` with `trackStats`).
 * The schema is documented in docs/optimizer-runs.md; fields are only ever added, never renamed.
 */
export interface TrialRecord {
  /** Schema version of the record. */
  v: 1;
  /** The optimizer that ran the trial (`MIPROv2`, `BootstrapFewShotWithRandomSearch`, …). */
  optimizer: string;
  /** 1-based position of the record in the run's log. */
  trial: number;
  /**
   * What was evaluated, optimizer specific: `default`, `minibatch`, `full` (MIPROv2), `candidate` (BootstrapRS),
   * `prompt` (COPRO), `bootstrap` (BootstrapFewShot).
   */
  kind: string;
  /** The instruction each predictor had in the evaluated program, by predictor name. */
  instructions?: Record<string, string>;
  /** The demo set each predictor had (an index into the optimizer's candidate demo sets), by predictor name. */
  demoSets?: Record<string, number>;
  /** The score (Evaluate's percentage, or the metric value) or `null` when nothing was scored. */
  score: number | null;
  /** How many examples the score is an average over. */
  evalSize: number;
  /** The best score of a complete (non-minibatch) evaluation after this trial, `null` before the first. */
  bestScore: number | null;
  /** LM calls made by the run so far (student, teacher, proposer and reflection calls). */
  lmCalls: number;
  /** Metric calls made by the run so far. */
  metricCalls: number;
  /** Tokens (prompt + completion) so far. */
  tokens: number;
  /** Dollars so far; `null` when some call's price was unknown. */
  costUsd: number | null;
  /** Milliseconds since the run started (summed over resumed processes). */
  elapsedMs: number;
  /** Optimizer-specific details (MIPROv2's chosen parameters, BootstrapRS's candidate seed, …). */
  extra?: Record<string, unknown>;
}

/** What an optimizer fills in; the run adds the version, optimizer name, number and counters. */
export type TrialInput = Omit<TrialRecord, "v" | "optimizer" | "trial" | "lmCalls" | "metricCalls" | "tokens" | "costUsd" | "elapsedMs">;
