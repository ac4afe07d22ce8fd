// The letter-task optimizer runs of the kill -9 tests: an optimizer with `runDir`, summarized as JSON.
import { silentLogger } from "../../../context/logger.js";
import { withSettings } from "../../../context/settings.js";
import type { Module } from "../../../primitives/module.js";
import { SimpleModule } from "../../__fixtures__/simple-module.js";
import { MIPROv2 } from "../../mipro-v2/mipro-v2.js";
import { BootstrapFewShotWithRandomSearch } from "../../random-search/bootstrap-few-shot-with-random-search.js";
import type { RunReport } from "../run-report.js";
import { letterExamples, letterLM, letterMetric, letterPromptLM } from "./letter-task.js";

export interface LetterRunArguments {
  optimizer: "BootstrapRS" | "MIPROv2";
  runDir: string;
  /** Called after every LM call with the number of calls so far (the child kills itself from here). */
  onLmCall?: (calls: number) => void;
  /** Passed to `compile` (the abort-then-resume test aborts it from `onLmCall`). */
  signal?: AbortSignal;
}

export interface LetterRunSummary {
  state: unknown;
  candidates: Array<[number, number]>;
  spent: RunReport["spent"];
  resumedSteps: number;
  trials: Array<[number, number | null, number]> | undefined;
  callsHere: number;
}

/** Runs the optimizer on the letter task with scripted LMs and summarizes the result. */
export async function runLetterOptimizer(args: LetterRunArguments): Promise<LetterRunSummary> {
  const lm = letterLM();
  let calls = 0;
  const callbacks = [{ onLmEnd: () => { calls++; args.onLmCall?.(calls); } }];
  const quiet = { write: () => true };
  const examples = letterExamples();
  const trainset = examples.slice(0, 20);
  const valset = examples.slice(20);
  const compile = async (): Promise<{ best: Module & { runReport: RunReport }; candidates: Array<[number, number]> }> => {
    if (args.optimizer === "MIPROv2") {
      const best = await new MIPROv2({
        metric: letterMetric,
        promptModel: letterPromptLM(),
        taskModel: lm,
        auto: null,
        numCandidates: 5,
        maxBootstrappedDemos: 2,
        maxLabeledDemos: 2,
        numThreads: 2,
        displayProgress: false,
        output: quiet,
        logger: silentLogger,
        runDir: args.runDir,
      }).compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 9, minibatchSize: 6, minibatchFullEvalSteps: 4, ...(args.signal ? { signal: args.signal } : {}) });
      return { best, candidates: (best.candidatePrograms ?? []).map((c, i) => [i, c.score]) };
    }
    const best = await new BootstrapFewShotWithRandomSearch({
      metric: letterMetric,
      maxBootstrappedDemos: 3,
      maxLabeledDemos: 4,
      numCandidatePrograms: 4,
      displayProgress: false,
      output: quiet,
      logger: silentLogger,
      runDir: args.runDir,
      trackStats: true,
    }).compile(new SimpleModule("word -> label"), { trainset, valset, ...(args.signal ? { signal: args.signal } : {}) });
    return { best, candidates: best.candidatePrograms.map((c) => [c.seed, c.score]) };
  };
  const { best, candidates } = await withSettings({ lm, logger: silentLogger, callbacks }, compile);
  return {
    state: best.dumpState(),
    candidates,
    spent: best.runReport.spent,
    resumedSteps: best.runReport.resumedSteps,
    trials: best.runReport.trials?.map((t) => [t.trial, t.score, t.lmCalls]),
    callsHere: calls,
  };
}
