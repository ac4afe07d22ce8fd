import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { InputField, OutputField } from "../signatures/field.js";
import { ensureSignature, type Signature } from "../signatures/signature.js";
import { PredictImpl, type PredictCallOptions } from "./predict.js";

type Fields = Record<string, any>;

export interface MultiChainComparisonOptions {
  /** How many attempts are compared (default 3). */
  M?: number;
  /** The comparing predictor's temperature (default 0.7). */
  temperature?: number;
  /** Other default request parameters of the comparing predictor. */
  config?: LMParams;
}

/** A completion to compare: a prediction or a record with `rationale` or `reasoning` and the last output field. */
export type Completion = Record<string, unknown> | Prediction;

const field = (c: Completion, key: string): unknown =>
  typeof (c as { get?: unknown }).get === "function" && !(key in c) ? (c as Prediction).get(key) : (c as Record<string, unknown>)[key];
const firstLine = (text: string) => pyStrip(pyStrip(text).split("\n")[0] ?? "");

/**
 * Compares M reasoning attempts and answers once more, holistically (DSPy's `dspy.MultiChainComparison`): each
 * completion's first rationale line and answer become a `reasoning_attempt_i` input, and a `rationale` output is
 * prepended.
 *
 * @example
 * const attempts = (await new ChainOfThought("question -> answer").call({ question }, { config: { n: 3 } })).completions;
 * const final = await new MultiChainComparison("question -> answer").call({ completions: [...attempts!], question });
 */
export class MultiChainComparison<I extends Fields = Fields, O extends Fields = Fields> extends Module<I & { completions: Completion[] }, Prediction<O & { rationale: string }>> {
  readonly M: number;
  readonly lastKey: string;
  predict: PredictImpl;

  constructor(signature: Signature<I, O> | string, options: MultiChainComparisonOptions = {}) {
    super();
    this.M = options.M ?? 3;
    let sig = ensureSignature(signature) as Signature;
    const outputs = Object.keys(sig.outputFields);
    this.lastKey = outputs[outputs.length - 1] as string;
    for (let idx = 0; idx < this.M; idx++) {
      sig = sig.append(`reasoning_attempt_${idx + 1}`, InputField({ prefix: `Student Attempt #${idx + 1}:`, desc: "${reasoning attempt}" }));
    }
    sig = sig.prepend(
      "rationale",
      OutputField({ prefix: "Accurate Reasoning: Thank you everyone. Let's now holistically", desc: "${corrected reasoning}" }),
    );
    this.predict = new PredictImpl(sig, { temperature: options.temperature ?? 0.7, ...options.config });
  }

  override forward(inputs: I & { completions: Completion[] }, options?: PredictCallOptions): Promise<Prediction<O & { rationale: string }>> {
    const { completions, ...kwargs } = inputs;
    const attempts = completions.map((c) => {
      const rationale = field(c, "rationale") ?? field(c, "reasoning");
      const answer = pyStr(field(c, this.lastKey));
      return `«I'm trying to ${firstLine(String(rationale))} I'm not sure but my prediction is ${firstLine(answer)}»`;
    });
    if (attempts.length !== this.M) {
      throw new ValueError(
        `The number of attempts (${attempts.length}) doesn't match the expected number M (${this.M}). Please set the correct value for M when initializing MultiChainComparison.`,
      );
    }
    const args = { ...Object.fromEntries(attempts.map((a, i) => [`reasoning_attempt_${i + 1}`, a])), ...kwargs };
    return this.predict.call(args, options) as Promise<Prediction<O & { rationale: string }>>;
  }

}
