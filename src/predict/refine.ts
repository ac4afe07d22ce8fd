import type { Adapter } from "../adapters/adapter.js";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { getSettings, withSettings } from "../context/settings.js";
import { recordTrace, withTrace } from "../context/with-trace.js";
import type { TraceEntry } from "../context/trace-entry.js";
import type { Module } from "../primitives/module.js";
import type { Parameter } from "../primitives/parameter.js";
import { ExampleImpl } from "../primitives/example.js";
import type { Prediction } from "../primitives/prediction.js";
import { pyFloat } from "../python/py-float.js";
import { orjsonDumpsIndent2 } from "../python/orjson-dumps.js";
import { ValueError } from "../errors/value-error.js";
import { InputField } from "../signatures/field.js";
import type { Signature } from "../signatures/signature.js";
import { inspectModules, OfferFeedback, recursiveMask } from "./offer-feedback.js";
import { PredictImpl } from "./predict.js";
import { RewardRollouts, type RewardRolloutOptions } from "./reward-rollouts.js";
import { rolloutLm } from "./rollout-lm.js";
import { rethrowIfCancelled } from "../context/with-signal.js";

type Fields = Record<string, any>;

export interface RefineOptions<I extends Fields = Fields, O extends Fields = Fields> extends RewardRolloutOptions<I, O, number | null> {
  /** The program's code shown to the feedback LM (default: the module class's source, DSPy's `inspect.getsource`). */
  moduleCode?: string;
  /** The reward function's code shown to the feedback LM (default: its source). */
  rewardFnCode?: string;
}

const toFloat = (value: unknown) => (typeof value === "number" ? pyFloat(value) : value);

/** An adapter that adds the advice for the calling predictor as a `hint_` input (DSPy's `WrapperAdapter`). */
function hintAdapter(adapter: Adapter, advice: Record<string, unknown>, signature2name: Map<Signature, string>): Adapter {
  const wrapper = Object.create(adapter) as Adapter;
  wrapper.callPlans = (signature, lm, params, inputs = {}) => {
    const name = signature2name.get(signature);
    (inputs as Record<string, unknown>).hint_ = name !== undefined && Object.hasOwn(advice, name) ? advice[name] : "N/A";
    const hinted = signature.append("hint_", InputField({ desc: "A hint to the module from an earlier run" }));
    return adapter.callPlans(hinted, lm, params, inputs);
  };
  return wrapper;
}

function dumpUnlessText(value: unknown): string {
  return typeof value === "string" ? value : orjsonDumpsIndent2(recursiveMask(value)).slice(0, -1);
}

/**
 * Runs a module up to N times (rollout ids at temperature 1.0) like `BestOfN`, but after each attempt below the
 * threshold asks the LM (`OfferFeedback`) for advice per predictor, which the next attempt receives as a `hint_`
 * input (DSPy's `dspy.Refine`). Returns the best prediction; its trace is kept.
 *
 * @example
 * const refined = new Refine(new ChainOfThought("question -> answer"), { N: 3, rewardFn: oneWord, threshold: 1 });
 */
export class Refine<I extends Fields = Fields, O extends Fields = Fields> extends RewardRollouts<I, O, number | null> {
  readonly moduleCode: string;
  readonly rewardFnCode: string;

  constructor(module: Module<I, Prediction<O>>, options: RefineOptions<I, O>) {
    super(module, options);
    this.moduleCode = options.moduleCode ?? module.constructor.toString();
    this.rewardFnCode = options.rewardFnCode ?? options.rewardFn.toString();
  }

  override async forward(inputs: I): Promise<Prediction<O>> {
    const settings = getSettings();
    const { lm, start } = rolloutLm(this.module, "Refine");
    const adapter = (settings.adapter as Adapter | null) ?? new ChatAdapter();
    let bestPred: Prediction<O> | null = null;
    let bestTrace: readonly TraceEntry[] | null = null;
    let bestReward = -Infinity;
    let advice: Record<string, unknown> | null = null;
    for (let idx = 0; idx < this.N; idx++) {
      const rid = start + idx;
      const mod = this.module.deepcopy();
      mod.setLm(lm.copy({ rollout_id: rid, temperature: 1.0 }));
      const named = mod.namedPredictors();
      const predictor2name = new Map<Parameter, string>(named.map(([name, p]) => [p, name]));
      const signature2name = new Map<Signature, string>(named.map(([name, p]) => [(p as unknown as { signature: Signature }).signature, name]));
      try {
        const run = () => mod.call(inputs);
        const { result: outputs, trace } = await withTrace(() =>
          advice && Object.keys(advice).length ? withSettings({ adapter: hintAdapter(adapter, advice, signature2name) }, run) : run(),
        );
        // The reward is computed inside the attempt's trace scope, as in DSPy, but after the trace was copied.
        const reward = (await withTrace(() => this.rewardFn(inputs, outputs))).result;
        const score = Number(reward);
        if (score > bestReward) [bestReward, bestPred, bestTrace] = [score, outputs, trace];
        if (this.threshold !== null && score >= this.threshold) break;
        if (idx === this.N - 1) break;

        const trajectory = trace.map(([predictor, traceInputs, traceOutputs]) => {
          const name = predictor2name.get(predictor as Parameter);
          if (name === undefined) throw new ValueError("A trace entry came from a predictor outside the refined module.");
          return { module_name: name, inputs: traceInputs, outputs: (traceOutputs as ExampleImpl).toDict() };
        });
        const adviseKwargs: Record<string, unknown> = {
          program_code: this.moduleCode,
          modules_defn: inspectModules(mod),
          program_inputs: inputs,
          program_trajectory: trajectory,
          program_outputs: (outputs as unknown as ExampleImpl).toDict(),
          reward_code: this.rewardFnCode,
          target_threshold: toFloat(this.threshold),
          reward_value: toFloat(reward),
          module_names: named.map(([name]) => name),
        };
        const feedback = await new PredictImpl(OfferFeedback).call(
          Object.fromEntries(Object.entries(adviseKwargs).map(([k, v]) => [k, dumpUnlessText(v)])) as never,
        );
        advice = (feedback.advice ?? {}) as Record<string, unknown>;
      } catch (error) {
        rethrowIfCancelled(error);
        this.attemptFailed(`Refine: Attempt failed with rollout id ${rid}`, idx, error);
      }
    }
    if (bestTrace && bestTrace.length) for (const [predictor, traceInputs, output] of bestTrace) recordTrace(predictor, traceInputs, output);
    return bestPred as Prediction<O>;
  }
}
