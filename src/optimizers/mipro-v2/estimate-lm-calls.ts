/** What MIPROv2 plans to spend: DSPy's projection lines and the figures behind them. */
export interface MiproEstimate {
  promptModelCalls: number;
  /** Program runs of the task model (each makes one LM call per predictor it runs). */
  taskProgramCalls: number;
  promptModelLine: string;
  taskModelLine: string;
}

const YELLOW = "\x1b[93m";
const BLUE = "\x1b[94m";
const BOLD = "\x1b[1m";
const ENDC = "\x1b[0m";

/**
 * DSPy's `_estimate_lm_calls` (its "Projected Language Model (LM) Calls" lines), with DSPy's colours when `colors`
 * is set. As in DSPy, the program-aware proposer's `(predictors + 1)` calls appear in the text even when it is off.
 */
export function estimateLmCalls(options: {
  numPredictors: number;
  numTrials: number;
  minibatch: boolean;
  minibatchSize: number;
  minibatchFullEvalSteps: number;
  valSize: number;
  programAwareProposer: boolean;
  numInstructCandidates: number;
  colors?: boolean;
}): MiproEstimate {
  const [y, b, bold, end] = options.colors ? [YELLOW, BLUE, BOLD, ENDC] : ["", "", "", ""];
  const n = (value: number) => `${b}${bold}${value}${end}${y}`;
  const p = options.numPredictors;
  const promptModelCalls = 10 + options.numInstructCandidates * p + (options.programAwareProposer ? p + 1 : 0);
  const promptModelLine =
    `${y}- Prompt Generation: ${n(10)} data summarizer calls + ${n(options.numInstructCandidates)} * ${n(p)} lm calls in program ` +
    `+ (${n(p + 1)}) lm calls in program-aware proposer = ${n(promptModelCalls)} prompt model calls${end}`;
  let taskProgramCalls: number;
  let taskModelLine: string;
  if (!options.minibatch) {
    taskProgramCalls = options.valSize * options.numTrials;
    taskModelLine =
      `${y}- Program Evaluation: ${n(options.valSize)} examples in val set * ${n(options.numTrials)} batches = ` +
      `${n(taskProgramCalls)} LM program calls${end}`;
  } else {
    const fullEvalSteps = Math.floor(options.numTrials / options.minibatchFullEvalSteps) + 1;
    taskProgramCalls = options.minibatchSize * options.numTrials + options.valSize * fullEvalSteps;
    taskModelLine =
      `${y}- Program Evaluation: ${n(options.minibatchSize)} examples in minibatch * ${n(options.numTrials)} batches + ` +
      `${n(options.valSize)} examples in val set * ${n(fullEvalSteps)} full evals = ${n(taskProgramCalls)} LM Program calls${end}`;
  }
  return { promptModelCalls, taskProgramCalls, promptModelLine, taskModelLine };
}
