import { ChatAdapter } from "../../adapters/chat-adapter.js";
import { CustomType } from "../../adapters/types/custom-type.js";
import { History } from "../../adapters/types/history.js";
import type { Logger } from "../../context/logger.js";
import type { TraceEntry } from "../../context/trace-entry.js";
import { DSPyError } from "../../errors/dspy-error.js";
import { ValueError } from "../../errors/value-error.js";
import type { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { pyStr } from "../../python/pyfmt.js";
import type { PythonRandom } from "../../python/python-random.js";
import type { Signature } from "../../signatures/signature.js";
import type { PredictorFeedback } from "./feedback-metric.js";
import { scoreOf } from "./feedback-metric.js";
import type { ReflectiveDataset, ReflectiveRecord } from "./gepa-adapter.js";
import { FailedPrediction, type TraceData } from "./trace-capture.js";

/** Feedback for one predictor call, given the call and the whole run (see `predictorFeedback`). */
export type PredictorFeedbackFn = (args: {
  predictorOutput: unknown;
  predictorInputs: Record<string, unknown>;
  moduleInputs: TraceData["example"];
  moduleOutputs: Prediction;
  capturedTrace: TraceEntry[];
}) => Promise<PredictorFeedback>;

export interface ReflectiveDatasetOptions {
  program: Module;
  trajectories: readonly TraceData[] | null;
  componentsToUpdate: readonly string[];
  feedbackMap: Record<string, PredictorFeedbackFn>;
  rng: PythonRandom;
  addFormatFailureAsFeedback: boolean;
  /** Keep custom-type inputs (images …) as objects for a custom proposer instead of their text. */
  keepCustomTypes: boolean;
  /** Warn once when a predictor-level score differs from the module's; cleared after warning. */
  warnOnScoreMismatch: { value: boolean };
  logger: Logger;
}

/** No component got a single reflective record (DSPy raises a bare `Exception` with this message). */
export class NoReflectiveExamplesError extends DSPyError {
  constructor() {
    super("No valid predictions found for any module.");
    this.name = "NoReflectiveExamplesError";
  }
}

const SCORE_MISMATCH_WARNING =
  "The score returned by the metric with pred_name is different from the overall metric score. This can indicate 2 things: Either the metric is non-deterministic (e.g., LLM-as-judge, Semantic score, etc.) or the metric returned a score specific to pred_name that differs from the module level score. Currently, GEPA does not support predictor level scoring (support coming soon), and only requires a feedback text to be provided, which can be specific to the predictor or program level. GEPA will ignore the differing score returned, and instead use module level score. You can safely ignore this warning if using a semantic metric, however, if this mismatch is caused due to predictor scoring, please return module-level scores. To disable this warning, set warnOnScoreMismatch: false.";

/**
 * DSPy's `make_reflective_dataset`: for each component (predictor) and each traced example, one call of that
 * predictor — a parse failure first, else a random one (the adapter's `PythonRandom`) — as
 * `{ Inputs, "Generated Outputs", Feedback }`, with inputs and outputs as Python `str()` text and the metric's
 * feedback for that predictor.
 */
export async function makeReflectiveDataset(options: ReflectiveDatasetOptions): Promise<ReflectiveDataset> {
  const result: ReflectiveDataset = {};
  const logger = options.logger;
  for (const predName of options.componentsToUpdate) {
    const module = options.program.namedPredictors().find(([name]) => name === predName)?.[1] as { signature: Signature } | undefined;
    if (!module) throw new ValueError(`Predictor not found: ${predName}`);
    const items: ReflectiveRecord[] = [];
    for (const data of options.trajectories ?? []) {
      const moduleScore = scoreOf(data.score);
      let instances = data.trace.filter(([predictor]) => (predictor as { signature?: Signature }).signature?.equals(module.signature));
      if (!options.addFormatFailureAsFeedback) instances = instances.filter(([, , outputs]) => !(outputs instanceof FailedPrediction));
      if (instances.length === 0) continue;
      let selected = instances.find(([, , outputs]) => outputs instanceof FailedPrediction);
      if (!selected) {
        if (data.prediction instanceof FailedPrediction) continue;
        selected = options.rng.choice(instances);
      }
      const [, inputs, outputs] = selected;
      const record: ReflectiveRecord = { Inputs: recordInputs(inputs, options.keepCustomTypes), "Generated Outputs": recordOutputs(outputs) };
      if (outputs instanceof FailedPrediction) {
        const structure = new ChatAdapter()
          .format(module.signature, [], {})
          .map((message) => `${message.role}: ${typeof message.content === "string" ? message.content : pyStr(message.content)}\n`)
          .join("");
        record.Feedback = `Your output failed to parse. Follow this structure:\n${structure}`;
      } else {
        const feedbackFn = options.feedbackMap[predName];
        if (!feedbackFn) throw new ValueError(`No feedback function for predictor ${predName}.`);
        const feedback = await feedbackFn({
          predictorOutput: outputs,
          predictorInputs: inputs,
          moduleInputs: data.example,
          moduleOutputs: data.prediction as Prediction,
          capturedTrace: data.trace,
        });
        record.Feedback = feedback.feedback;
        if (scoreOf(feedback.score) !== moduleScore && options.warnOnScoreMismatch.value) {
          logger.warn(SCORE_MISMATCH_WARNING);
          options.warnOnScoreMismatch.value = false;
        }
      }
      items.push(record);
    }
    if (items.length === 0) {
      logger.warn(`  No valid reflective examples found for ${predName}`);
      continue;
    }
    result[predName] = items;
  }
  if (Object.keys(result).length === 0) throw new NoReflectiveExamplesError();
  return result;
}

/** The predictor's inputs as text; a History input becomes one `Context` block listing its messages. */
function recordInputs(inputs: Record<string, unknown>, keepCustomTypes: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const historyKeys = Object.keys(inputs).filter((key) => inputs[key] instanceof History);
  if (historyKeys.length > 1) throw new ValueError("A predictor call has more than one History input; GEPA expects at most one.");
  const historyKey = historyKeys[0];
  if (historyKey !== undefined) {
    const messages = (inputs[historyKey] as History).messages;
    out.Context = `\`\`\`json\n${messages.map((message, i) => `  ${i}: ${pyStr(message)}\n`).join("")}\`\`\``;
  }
  for (const [key, value] of Object.entries(inputs)) {
    if (key === historyKey) continue;
    out[key] = value instanceof CustomType && keepCustomTypes ? value : pyStr(value);
  }
  return out;
}

/** The predictor's outputs as text, or the raw reply of a parse failure. */
function recordOutputs(outputs: unknown): Record<string, string> | string {
  if (outputs instanceof FailedPrediction) {
    return `Couldn't parse the output as per the expected output format. The model's raw response was:\n\`\`\`\n${outputs.completionText}\n\`\`\`\n\n`;
  }
  const items = typeof (outputs as { items?: unknown }).items === "function" ? (outputs as Prediction).items() : Object.entries(outputs as object);
  return Object.fromEntries(items.map(([key, value]) => [key, pyStr(value)]));
}
