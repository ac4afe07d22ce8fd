/**
 * The GEPA engine's contract with the system it optimizes (gepa's `GEPAAdapter`): the engine only sees candidates
 * (component name → text), scores, opaque trajectories and the reflective records the adapter builds from them.
 */

/** Component name → component text (an instruction per predictor for DSPy programs), in component order. */
export type Candidate = Record<string, string>;

/** Per-objective scores of one example (`{ correctness: 1, cost: 0.3 }`). */
export type ObjectiveScores = Record<string, number>;

/** The result of running a candidate on a batch (gepa's `EvaluationBatch`). */
export interface EvaluationBatch<Trajectory = unknown, Output = unknown> {
  outputs: Output[];
  /** Higher is better; summed for minibatch acceptance, averaged over the validation set. */
  scores: number[];
  /** Per-example traces, when asked for (`captureTraces`). */
  trajectories: Trajectory[] | null;
  objectiveScores: ObjectiveScores[] | null;
  /** Metric calls this evaluation cost; the batch size when absent. */
  numMetricCalls?: number;
}

/** One record of a reflective dataset, e.g. DSPy's `{ Inputs, "Generated Outputs", Feedback }`. */
export type ReflectiveRecord = Record<string, unknown>;

/** Component name → the records the reflection LM sees for it. */
export type ReflectiveDataset = Record<string, ReflectiveRecord[]>;

/** Proposes new texts for some components from the reflective dataset (gepa's `ProposalFn`). */
export type ProposalFn = (args: {
  candidate: Candidate;
  reflectiveDataset: ReflectiveDataset;
  componentsToUpdate: string[];
}) => Promise<Record<string, string>> | Record<string, string>;

/** What the engine needs from the system it optimizes. */
export interface GEPAAdapter<Data = unknown, Trajectory = unknown, Output = unknown> {
  /** Runs `candidate` on `batch`; with `captureTraces`, fills `trajectories` for `makeReflectiveDataset`. */
  evaluate(batch: Data[], candidate: Candidate, captureTraces: boolean): Promise<EvaluationBatch<Trajectory, Output>>;
  /** Evaluates several (candidate, batch) pairs with traces; default: one `evaluate` after another. */
  batchEvaluate?(items: Array<[Candidate, Data[]]>): Promise<Array<EvaluationBatch<Trajectory, Output>>>;
  /** The records the reflection LM sees for each component to update. */
  makeReflectiveDataset(
    candidate: Candidate,
    evaluation: EvaluationBatch<Trajectory, Output>,
    componentsToUpdate: string[],
  ): Promise<ReflectiveDataset>;
  /** The adapter's own proposer; when absent the engine asks its reflection LM with gepa's default prompt. */
  proposeNewTexts?(candidate: Candidate, reflectiveDataset: ReflectiveDataset, componentsToUpdate: string[]): Promise<Record<string, string>>;
  /** State saved with checkpoints (DSPy's adapter keeps its random generator's state there). */
  getAdapterState?(): Record<string, unknown>;
  setAdapterState?(state: Record<string, unknown>): void;
}
