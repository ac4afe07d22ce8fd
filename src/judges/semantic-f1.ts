import type { TraceEntry } from "../context/trace-entry.js";
import type { Metric } from "../evaluate/metric.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import type { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { clampedF1 } from "./clamped-f1.js";
import { DecompositionalSemanticRecallPrecision, SemanticRecallPrecision } from "./judge-signatures.js";

/** What a judge module receives: the gold example, the prediction to judge, and the trace when bootstrapping. */
export interface JudgeInputs {
  example: Example;
  prediction: Prediction;
  trace?: readonly TraceEntry[] | null;
}

/**
 * An LLM-judged metric (DSPy's `SemanticF1`): a ChainOfThought judge estimates recall and precision of
 * `prediction.response` against `example.response` for `example.question`; the score is their F1, or — with a trace,
 * while bootstrapping — whether it reaches `threshold`. Being a module, the judge itself can be optimized and saved.
 *
 * @example
 * const judge = new SemanticF1({ decompositional: true });
 * await new Evaluate({ devset, metric: judge.metric }).call(program);
 */
export class SemanticF1 extends Module<JudgeInputs, Prediction<{ score: number | boolean }>> {
  readonly threshold: number;
  module: ChainOfThought;

  constructor(options: { threshold?: number; decompositional?: boolean } = {}) {
    super();
    this.threshold = options.threshold ?? 0.66;
    this.module = new ChainOfThought(options.decompositional ? DecompositionalSemanticRecallPrecision : SemanticRecallPrecision);
  }

  override async forward({ example, prediction, trace }: JudgeInputs): Promise<Prediction<{ score: number | boolean }>> {
    const scores = await this.module.call({
      question: example.get("question") as string,
      ground_truth: example.get("response") as string,
      system_response: prediction.get("response") as string,
    });
    const score = clampedF1(Number(scores.precision), Number(scores.recall));
    return new Prediction({ score: trace == null ? score : score >= this.threshold });
  }

  /** This judge as a metric function for `Evaluate` and optimizers. */
  get metric(): Metric {
    return (example, prediction, trace) => (this as SemanticF1).call({ example, prediction: prediction as Prediction, trace: trace ?? null });
  }
}
