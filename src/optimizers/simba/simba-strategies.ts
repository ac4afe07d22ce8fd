import type { Logger } from "../../context/logger.js";
import { PythonTypeError } from "../../errors/python-type-error.js";
import { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { PyFloat } from "../../python/py-float.js";
import { pyStr } from "../../python/pyfmt.js";
import { orjsonDumpsIndent2 } from "../../python/orjson-dumps.js";
import type { Signature } from "../../signatures/signature.js";
import { inspectModules, recursiveMask } from "../../predict/offer-feedback.js";
import { predictionFields, type Trajectory } from "./simba-trajectory.js";

type DemoHolder = { demos: unknown[]; signature: Signature };

/** What a strategy needs besides the bucket and the candidate program. */
export interface StrategyContext {
  /** The candidate's predictors by name (their demos were already thinned). */
  name2predictor: Map<string, DemoHolder>;
  batch10p: number;
  batch90p: number;
  examples: readonly Example[];
  logger: Logger;
}

/** Python's `len(str(v))` and slicing count code points, not UTF-16 units. */
const codePoints = (text: string) => [...text];

/**
 * SIMBA's `append_a_demo`: unless the best run of the bucket is at or below the batch's 10th percentile, its last
 * call of each predictor becomes a demo of that predictor (inputs longer than `maxlen` characters truncated).
 */
export function appendADemo(bucket: Trajectory[], context: StrategyContext, maxlen: number): boolean {
  const good = bucket[0] as Trajectory;
  if (Number(good.score) <= context.batch10p) {
    context.logger.info(`Skipping appending a demo as good score ${pyStr(good.score)} is at or below the 10th percentile.`);
    return false;
  }
  const name2demo = new Map<string, Example>();
  for (const step of good.trace) {
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(step.inputs)) {
      const chars = codePoints(pyStr(value));
      inputs[key] = maxlen && chars.length > maxlen ? `${chars.slice(0, maxlen).join("")}\n\t\t... <TRUNCATED FOR BREVITY>` : value;
    }
    if (step.name === null) continue;
    name2demo.set(step.name, new Example({ augmented: true, ...inputs, ...step.outputs }));
  }
  for (const [name, demo] of name2demo) context.name2predictor.get(name)?.demos.push(demo);
  context.logger.info(`Added ${name2demo.size} demos (one each) across all predictors.`);
  return true;
}

/** The `OfferFeedback` inputs for a bucket (DSPy's `append_a_rule` before its LM call), or `null` when it skips. */
export function offerFeedbackInputs(
  bucket: Trajectory[],
  system: Module,
  context: StrategyContext,
  programSource: string,
): Record<string, string> | null {
  const good = bucket[0] as Trajectory;
  const bad = bucket[bucket.length - 1] as Trajectory;
  const example = context.examples[good.exampleIndex] as Example;
  if (Number(good.score) <= context.batch10p || Number(bad.score) >= context.batch90p) {
    context.logger.info(
      `Skipping rule generation as good score ${pyStr(good.score)} is at or below the 10th percentile *or* bad score ${pyStr(bad.score)} is at or above the 90th percentile.`,
    );
    return null;
  }
  let goodOutputs: Record<string, unknown> | null = good.prediction ? predictionFields(good.prediction) : null;
  let badOutputs: Record<string, unknown> = predictionFields(bad.prediction);
  if (Number(good.score) <= Number(bad.score)) {
    const blank = (t: Trajectory) => {
      t.trace = [];
      t.score = "N/A";
    };
    if (Number(good.score) > context.batch90p) {
      blank(bad);
      badOutputs = { "N/A": "Prediction not available" };
    } else {
      blank(good);
      goodOutputs = { "N/A": "Prediction not available" };
    }
  }
  // DSPy calls dict(prediction) here, which fails when the better run has no prediction (its program raised).
  if (goodOutputs === null) throw new PythonTypeError("'NoneType' object is not iterable");
  const trajectory = (t: Trajectory) => t.trace.filter((s) => s.name !== null).map((s) => ({ module_name: s.name, inputs: s.inputs, outputs: s.outputs }));
  const values: Record<string, unknown> = {
    program_code: programSource,
    modules_defn: inspectModules(system),
    program_inputs: Object.fromEntries(example.inputs().items()),
    oracle_metadata: Object.fromEntries(example.labels().items()),
    better_program_trajectory: trajectory(good),
    better_program_outputs: goodOutputs,
    worse_program_trajectory: trajectory(bad),
    worse_program_outputs: badOutputs,
    worse_reward_value: reward(bad.score),
    better_reward_value: reward(good.score),
    worse_reward_info: bad.outputMetadata,
    better_reward_info: good.outputMetadata,
    module_names: system.namedPredictors().map(([name]) => name),
  };
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : orjsonDumpsIndent2(recursiveMask(value)).replace(/\n$/, "")]),
  );
}

/** Appends each module's advice to its instructions (the end of DSPy's `append_a_rule`). */
export function applyAdvice(system: Module, advice: Record<string, unknown>, logger: Logger): void {
  for (const [name, predictor] of system.namedPredictors()) {
    if (!(name in advice)) continue;
    logger.info(`Advice for ${name}: ${pyStr(advice[name])}`);
    const holder = predictor as unknown as DemoHolder;
    holder.signature = holder.signature.withInstructions(`${holder.signature.instructions}\n\n${pyStr(advice[name])}`);
  }
}

/** A numeric reward as Python's float (metrics return floats), booleans and `"N/A"` as they are. */
function reward(score: number | boolean | string): unknown {
  return typeof score === "number" ? new PyFloat(score) : score;
}
