import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { OutputField, type FieldSpec } from "../signatures/field.js";
import { ensureSignature, type Signature } from "../signatures/signature.js";
import { PredictImpl, type InputsOf, type OutputsOf, type Predict, type PredictCallOptions } from "./predict.js";
import type { PredictConfig } from "./predict-config.js";

type Fields = Record<string, any>;

export interface ChainOfThoughtOptions {
  /** The reasoning field to prepend (default: an output field described `${reasoning}`). */
  rationaleField?: FieldSpec;
  /** Its type (default `str`; `"Reasoning"` for native reasoning). */
  rationaleFieldType?: FieldSpec["type"];
  /** Default request parameters of the inner predictor. */
  config?: PredictConfig;
}

class ChainOfThoughtImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O & { reasoning: string }>> {
  predict: Predict<I, O & { reasoning: string }>;

  constructor(signature: Signature<I, O> | string, options: ChainOfThoughtOptions = {}) {
    super();
    const base = ensureSignature(signature);
    const field = options.rationaleField ?? { desc: "${reasoning}" };
    const type = options.rationaleFieldType ?? field.type;
    const extended = base.prepend("reasoning", OutputField(field), type);
    this.predict = new PredictImpl(extended as unknown as Signature<I, O & { reasoning: string }>, options.config ?? {});
  }

  override forward(inputs: I, options?: PredictCallOptions): Promise<Prediction<O & { reasoning: string }>> {
    return this.predict.call(inputs, options);
  }
}

export interface ChainOfThoughtConstructor {
  /** Reasoning before answering; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(
    signature: S,
    options?: ChainOfThoughtOptions,
  ): ChainOfThoughtImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: ChainOfThoughtImpl;
}

/**
 * Reasons step by step before answering: the signature gets a `reasoning` output prepended, and the work is done by
 * an inner `Predict` at attribute `predict` (DSPy's `dspy.ChainOfThought`).
 *
 * @example
 * const cot = new ChainOfThought("question -> answer");
 * const { reasoning, answer } = await cot.call({ question: "What is 2 + 2?" });
 */
export const ChainOfThought = ChainOfThoughtImpl as unknown as ChainOfThoughtConstructor;
export type ChainOfThought<I extends Fields = Fields, O extends Fields = Fields> = ChainOfThoughtImpl<I, O>;
export { ChainOfThoughtImpl };
