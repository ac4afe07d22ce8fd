import type { Metric } from "../evaluate/metric.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { clampedF1 } from "./clamped-f1.js";
import { AnswerCompleteness, AnswerGroundedness } from "./judge-signatures.js";
import type { JudgeInputs } from "./semantic-f1.js";

/**
 * An LLM-judged metric (DSPy's `CompleteAndGrounded`): completeness of `prediction.response` against
 * `example.response`, groundedness against `prediction.context`, combined as F1 (or `>= threshold` with a trace).
 *
 * @example
 * await new Evaluate({ devset, metric: new CompleteAndGrounded().metric }).call(ragProgram);
 */
export class CompleteAndGrounded extends Module<JudgeInputs, Prediction<{ score: number | boolean }>> {
  readonly threshold: number;
  completeness_module = new ChainOfThought(AnswerCompleteness);
  groundedness_module = new ChainOfThought(AnswerGroundedness);

  constructor(options: { threshold?: number } = {}) {
    super();
    this.threshold = options.threshold ?? 0.66;
  }

  override async forward({ example, prediction, trace }: JudgeInputs): Promise<Prediction<{ score: number | boolean }>> {
    const completeness = await this.completeness_module.call({
      question: example.get("question") as string,
      ground_truth: example.get("response") as string,
      system_response: prediction.get("response") as string,
    });
    const groundedness = await this.groundedness_module.call({
      question: example.get("question") as string,
      retrieved_context: prediction.get("context") as string,
      system_response: prediction.get("response") as string,
    });
    const score = clampedF1(Number(groundedness.groundedness), Number(completeness.completeness));
    return new Prediction({ score: trace == null ? score : score >= this.threshold });
  }

  /** This judge as a metric function for `Evaluate` and optimizers. */
  get metric(): Metric {
    return (example, prediction, trace) => (this as CompleteAndGrounded).call({ example, prediction: prediction as Prediction, trace: trace ?? null });
  }
}
