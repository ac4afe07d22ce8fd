import type { Logger } from "../../context/logger.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { PythonRandom } from "../../python/python-random.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import type { Signature } from "../../signatures/signature.js";
import type { OptimizerRun } from "../run/optimizer-run.js";
import { demoPredictors } from "../shared/demo-predictor.js";
import { TpeSampler, type TpeTrial } from "../shared/tpe-sampler.js";
import { createMinibatch } from "./mipro-settings.js";

/** A scored program (DSPy's `score_data` entries). */
export interface ScoredProgram<M extends Module = Module> {
  score: number;
  program: M;
  fullEval: boolean;
}

/** What step 3 needs. */
export interface PromptSearchOptions<M extends Module> {
  run: OptimizerRun;
  program: M;
  instructionCandidates: string[][];
  demoCandidates: unknown[][][] | null;
  valset: Example[];
  numTrials: number;
  minibatch: boolean;
  minibatchSize: number;
  minibatchFullEvalSteps: number;
  seed: number;
  rng: PythonRandom;
  logger: Logger;
  verbose: boolean;
  /** Scores a program on examples (0 when it fails, as DSPy); a budget running out throws. */
  evaluate: (program: Module, devset: Example[]) => Promise<number>;
  /** Saves an evaluated program (`logDir`), as DSPy's `save_candidate_program`; returns its path. */
  saveProgram: (program: Module, trialNum: number, note?: string) => Promise<string | null>;
}

/** Where the search is (kept up to date, so an early stop can say what was cut short). */
export interface PromptSearchState<M extends Module> {
  bestScore: number | null;
  bestProgram: M | null;
  bestTrial: number | null;
  trialLogs: Record<number, Record<string, unknown>>;
  scoreData: Array<ScoredProgram<M>>;
  /** Objective trials finished (DSPy's `num_trials` counts these). */
  trialsDone: number;
  adjustedNumTrials: number;
}

type Params = Record<string, number>;

function setInstructions(predictor: unknown, instruction: string): void {
  const holder = predictor as { signature: Signature };
  holder.signature = holder.signature.withInstructions(instruction);
}

/** The DSPy-style readable parameters (`Predictor 0: Instruction 2`, `Predictor 0: Few-Shot Set 1`). */
function chosenParams(params: Params, predictors: number, withDemos: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < predictors; i++) {
    out.push(`Predictor ${i}: Instruction ${params[`${i}_predictor_instruction`]}`);
    if (withDemos) out.push(`Predictor ${i}: Few-Shot Set ${params[`${i}_predictor_demos`]}`);
  }
  return out;
}

/** Python's `str(list_of_strings)`. */
function pyList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(", ")}]`;
}

/**
 * MIPROv2's step 3 (DSPy's `_optimize_prompt_parameters`): the default program is evaluated on the whole validation
 * set first, then `numTrials` trials sample an (instruction, demo set) per predictor with a seeded TPE, each scored on
 * a minibatch (or on the whole set without minibatches); every `minibatchFullEvalSteps` trials and at the end, the
 * combination with the best mean minibatch score not yet fully evaluated is evaluated on the whole set. The best fully
 * evaluated program wins. Every evaluation is a checkpointed step of `run`.
 */
export async function searchPromptParameters<M extends Module>(options: PromptSearchOptions<M>, state: PromptSearchState<M>): Promise<void> {
  const { run, program, instructionCandidates, demoCandidates, valset, minibatch, logger } = options;
  const steps = options.minibatchFullEvalSteps;
  const predictorNames = demoPredictors(program).map(([name]) => name);
  const numPredictors = predictorNames.length;
  const withDemos = demoCandidates !== null && demoCandidates.length > 0;
  const space: Record<string, number> = {};
  for (let i = 0; i < numPredictors; i++) {
    space[`${i}_predictor_instruction`] = (instructionCandidates[i] ?? []).length;
    if (withDemos) space[`${i}_predictor_demos`] = (demoCandidates[i] ?? []).length;
  }
  const sampler = new TpeSampler(space, { seed: options.seed });
  run.trackRng("tpe", sampler);

  logger.info("==> STEP 3: FINDING OPTIMAL PROMPT PARAMETERS <==");
  logger.info(
    "We will evaluate the program over a series of trials with different combinations of instructions and few-shot examples to find the optimal combination using Bayesian Optimization.\n",
  );
  const extra = options.numTrials % steps !== 0 ? 1 : 0;
  const adjusted = minibatch ? options.numTrials + Math.floor(options.numTrials / steps) + 1 + extra : options.numTrials;
  state.adjustedNumTrials = adjusted;
  logger.info(`== Trial 1 / ${adjusted} - Full Evaluation of Default Program ==`);

  const describe = (candidate: Module) => {
    const predictors = demoPredictors(candidate);
    return {
      instructions: Object.fromEntries(predictors.map(([name, p]) => [name, (p as unknown as { signature: Signature }).signature.instructions])),
    };
  };
  const defaultScore = await run.step("eval:default", () => options.evaluate(program, valset));
  logger.info(`Default program score: ${pyFloatRepr(defaultScore)}\n`);
  let totalEvalCalls = valset.length;
  state.trialLogs[1] = {
    full_eval_program_path: await options.saveProgram(program, -1),
    full_eval_score: defaultScore,
    total_eval_calls_so_far: totalEvalCalls,
    full_eval_program: program.deepcopy(),
  };
  state.bestScore = defaultScore;
  state.bestProgram = program.deepcopy();
  state.bestTrial = 1;
  state.scoreData.push({ score: defaultScore, program: program.deepcopy(), fullEval: true });
  const zeros: Params = Object.fromEntries(Object.keys(space).map((key) => [key, 0]));
  await run.logTrial({
    kind: "default",
    ...describe(program),
    ...(withDemos ? { demoSets: Object.fromEntries(predictorNames.map((name) => [name, 0])) } : {}),
    score: defaultScore,
    evalSize: valset.length,
    bestScore: defaultScore,
  });

  const trials: TpeTrial[] = [{ params: zeros, value: defaultScore }];
  const paramScores = new Map<string, Array<{ score: number; program: M; params: Params }>>();
  const fullyEvaluated = new Map<string, { program: M; score: number }>();

  for (let t = 0; t < options.numTrials; t++) {
    const trialNum = trials.length + 1;
    logger.info(minibatch ? `== Trial ${trialNum} / ${adjusted} - Minibatch ==` : `===== Trial ${trialNum} / ${options.numTrials} =====`);
    state.trialLogs[trialNum] = {};
    const params = sampler.sample(trials);
    const candidate = program.deepcopy();
    const predictors = demoPredictors(candidate);
    for (let i = 0; i < numPredictors; i++) {
      const [, predictor] = predictors[i] as [string, unknown];
      const instructionIndex = params[`${i}_predictor_instruction`] as number;
      setInstructions(predictor, (instructionCandidates[i] as string[])[instructionIndex] as string);
      state.trialLogs[trialNum][`${i}_predictor_instruction`] = instructionIndex;
      if (withDemos) {
        const demosIndex = params[`${i}_predictor_demos`] as number;
        (predictor as { demos: unknown[] }).demos = [...((demoCandidates[i] as unknown[][])[demosIndex] as unknown[])];
        state.trialLogs[trialNum][`${i}_predictor_demos`] = demosIndex;
      }
    }
    const chosen = chosenParams(params, numPredictors, withDemos);
    if (options.verbose) {
      logger.info("Evaluating the following candidate program...\n");
      for (const [i, [, predictor]] of predictors.entries()) {
        const signature = (predictor as unknown as { signature: Signature }).signature;
        const fields = Object.values(signature.fields);
        logger.info(`Predictor ${i}\ni: ${signature.instructions}\np: ${fields[fields.length - 1]?.prefix ?? ""}\n`);
      }
    }
    const batchSize = minibatch ? options.minibatchSize : valset.length;
    const devset = batchSize >= valset.length ? valset : createMinibatch(valset, batchSize, options.rng);
    const score = await run.step(`trial:${trialNum}`, () => options.evaluate(candidate, devset));
    totalEvalCalls += batchSize;
    state.trialsDone++;
    if (!minibatch && score > (state.bestScore as number)) {
      state.bestScore = score;
      state.bestProgram = candidate.deepcopy();
      state.bestTrial = trialNum;
      logger.info(`Best full score so far! Score: ${pyFloatRepr(score)}`);
    }
    const fullEval = batchSize >= valset.length;
    state.scoreData.push({ score, program: candidate, fullEval });
    const path = await options.saveProgram(candidate, trialNum);
    const listScores = (full: boolean) => state.scoreData.filter((s) => s.fullEval === full).map((s) => pyFloatRepr(s.score)).join(", ");
    if (minibatch) {
      Object.assign(state.trialLogs[trialNum], { mb_program_path: path, mb_score: score, total_eval_calls_so_far: totalEvalCalls, mb_program: candidate.deepcopy() });
      logger.info(`Score: ${pyFloatRepr(score)} on minibatch of size ${batchSize} with parameters ${pyList(chosen)}.`);
      logger.info(`Minibatch scores so far: [${listScores(false)}]`);
      logger.info(`Full eval scores so far: [${listScores(true)}]`);
      logger.info(`Best full score so far: ${pyFloatRepr(state.bestScore as number)}`);
      logger.info(`${"=".repeat(`== Trial ${trialNum} / ${adjusted} - Minibatch Evaluation ==`.length)}\n\n`);
    } else {
      Object.assign(state.trialLogs[trialNum], { full_eval_program_path: path, full_eval_score: score, total_eval_calls_so_far: totalEvalCalls, full_eval_program: candidate.deepcopy() });
      logger.info(`Score: ${pyFloatRepr(score)} with parameters ${pyList(chosen)}.`);
      logger.info(`Scores so far: [${listScores(true)}]`);
      logger.info(`Best score so far: ${pyFloatRepr(state.bestScore as number)}`);
      logger.info(`${"=".repeat(`===== Trial ${trialNum} / ${options.numTrials} =====`.length)}\n\n`);
    }
    await run.logTrial({
      kind: minibatch ? "minibatch" : "full",
      ...describe(candidate),
      ...(withDemos ? { demoSets: Object.fromEntries(predictorNames.map((name, i) => [name, params[`${i}_predictor_demos`] as number])) } : {}),
      score,
      evalSize: devset.length,
      bestScore: state.bestScore,
      extra: { params: chosen },
    });
    const key = Object.keys(space).map((name) => params[name]).join(",");
    const entries = paramScores.get(key) ?? [];
    entries.push({ score, program: candidate, params });
    paramScores.set(key, entries);
    trials.push({ params, value: score });

    if (minibatch && (trialNum % (steps + 1) === 0 || trialNum === adjusted - 1)) {
      await fullEvaluation(options, state, { trialNum, paramScores, fullyEvaluated, trials, predictorNames, withDemos, describe });
      totalEvalCalls = (state.trialLogs[trialNum + 1]?.total_eval_calls_so_far as number | undefined) ?? totalEvalCalls;
    }
  }
  logger.info(`Returning best identified program with score ${pyFloatRepr(state.bestScore as number)}!`);
}

/** DSPy's `_perform_full_evaluation`: the best-by-mean combination not yet fully evaluated, on the whole valset. */
async function fullEvaluation<M extends Module>(
  options: PromptSearchOptions<M>,
  state: PromptSearchState<M>,
  context: {
    trialNum: number;
    paramScores: Map<string, Array<{ score: number; program: M; params: Params }>>;
    fullyEvaluated: Map<string, { program: M; score: number }>;
    trials: TpeTrial[];
    predictorNames: string[];
    withDemos: boolean;
    describe: (program: Module) => { instructions: Record<string, string> };
  },
): Promise<void> {
  const { logger, run, valset } = options;
  const { trialNum, paramScores, fullyEvaluated } = context;
  logger.info(`===== Trial ${trialNum + 1} / ${state.adjustedNumTrials} - Full Evaluation =====`);
  const means = [...paramScores].map(([key, values], i) => ({
    key,
    mean: values.reduce((sum, v) => sum + v.score, 0) / values.length,
    program: (values[0] as { program: M }).program,
    params: (values[0] as { params: Params }).params,
    order: i,
  }));
  means.sort((a, b) => b.mean - a.mean || a.order - b.order);
  const next = means.find((entry) => !fullyEvaluated.has(entry.key));
  if (!next) {
    // DSPy raises "No valid program found in param_score_dict" here; tsdspy skips the full evaluation.
    logger.info("Every combination tried so far has been fully evaluated; skipping this full evaluation.");
    return;
  }
  logger.info(`Doing full eval on next top averaging program (Avg Score: ${pyFloatRepr(next.mean)}) from minibatch trials...`);
  const score = await run.step(`full:${trialNum + 1}`, () => options.evaluate(next.program, valset));
  state.scoreData.push({ score, program: next.program, fullEval: true });
  context.trials.push({ params: next.params, value: score });
  fullyEvaluated.set(next.key, { program: next.program, score });
  const previous = (state.trialLogs[trialNum]?.total_eval_calls_so_far as number | undefined) ?? 0;
  state.trialLogs[trialNum + 1] = {
    total_eval_calls_so_far: previous + valset.length,
    full_eval_program_path: await options.saveProgram(next.program, trialNum + 1, "full_eval"),
    full_eval_program: next.program,
    full_eval_score: score,
  };
  if (score > (state.bestScore as number)) {
    logger.info(`New best full eval score! Score: ${pyFloatRepr(score)}`);
    state.bestScore = score;
    state.bestProgram = next.program.deepcopy();
    state.bestTrial = trialNum + 1;
  }
  const full = state.scoreData.filter((s) => s.fullEval).map((s) => pyFloatRepr(s.score)).join(", ");
  logger.info(`Full eval scores so far: [${full}]`);
  logger.info(`Best full score so far: ${pyFloatRepr(state.bestScore as number)}`);
  logger.info("=".repeat(`===== Full Eval ${fullyEvaluated.size + 1} =====`.length));
  logger.info("\n");
  await run.logTrial({
    kind: "full",
    ...context.describe(next.program),
    ...(context.withDemos
      ? { demoSets: Object.fromEntries(context.predictorNames.map((name, i) => [name, next.params[`${i}_predictor_demos`] as number])) }
      : {}),
    score,
    evalSize: valset.length,
    bestScore: state.bestScore,
    extra: { params: chosenParams(next.params, context.predictorNames.length, context.withDemos), minibatchMean: next.mean },
  });
}
