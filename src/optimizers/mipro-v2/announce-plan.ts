import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { OptimizerRun } from "../run/optimizer-run.js";
import { demoPredictors } from "../shared/demo-predictor.js";
import { estimateLmCalls } from "./estimate-lm-calls.js";

/** Logs DSPy's projection of LM calls, plus what bootstrapping may add, and tells the run the total. */
export function announcePlan(
  run: OptimizerRun,
  program: Module,
  plan: {
    numTrials: number;
    minibatch: boolean;
    minibatchSize: number;
    minibatchFullEvalSteps: number;
    valset: Example[];
    programAware: boolean;
    numInstructCandidates: number;
    numFewshotCandidates: number;
    trainset: Example[];
    maxBootstrappedDemos: number;
    zeroshot: boolean;
  },
): void {
  const predictors = demoPredictors(program).length;
  const estimate = estimateLmCalls({
    numPredictors: predictors,
    numTrials: plan.numTrials,
    minibatch: plan.minibatch,
    minibatchSize: plan.minibatchSize,
    minibatchFullEvalSteps: plan.minibatchFullEvalSteps,
    valSize: plan.valset.length,
    programAwareProposer: plan.programAware,
    numInstructCandidates: plan.numInstructCandidates,
  });
  const bootstrappedSets = Math.max(0, plan.numFewshotCandidates - 2);
  const bootstrapCalls = bootstrappedSets * plan.trainset.length * predictors;
  const total = estimate.promptModelCalls + estimate.taskProgramCalls * predictors + bootstrapCalls;
  run.announce({
    lmCalls: total,
    lines: [
      "Projected Language Model (LM) Calls",
      "",
      "Based on the parameters you have set, the maximum number of LM calls is projected as follows:",
      "",
      estimate.promptModelLine,
      estimate.taskModelLine,
      `- Demo Bootstrapping (not in DSPy's projection): up to ${bootstrappedSets} sets * ${plan.trainset.length} training examples * ` +
        `${predictors} predictor(s) = ${bootstrapCalls} LM calls`,
      `In all, at most about ${total} LM calls (${estimate.taskProgramCalls} program calls x ${predictors} predictor(s) + ` +
        `${estimate.promptModelCalls} prompt model calls + ${bootstrapCalls} bootstrapping calls).`,
    ],
  });
}
