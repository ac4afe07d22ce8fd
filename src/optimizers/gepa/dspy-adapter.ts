import type { Logger } from "../../context/logger.js";
import { getSettings, withSettings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import { Evaluate } from "../../evaluate/evaluate.js";
import { evaluateWithinBudget } from "../run/evaluate-within-budget.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { pyStrip } from "../../python/py-str.js";
import type { PythonRandom, PythonRandomState } from "../../python/python-random.js";
import type { Signature } from "../../signatures/signature.js";
import { asMetricScore, objectiveScoresOf, scoreOf, type GEPAFeedbackMetric } from "./feedback-metric.js";
import type { Candidate, EvaluationBatch, GEPAAdapter, ObjectiveScores, ProposalFn, ReflectiveDataset } from "./gepa-adapter.js";
import { extractInstruction, renderReflectionPrompt } from "./instruction-proposal.js";
import { makeReflectiveDataset, type PredictorFeedbackFn } from "./reflective-dataset.js";
import { captureTraces, FailedPrediction, type TraceData } from "./trace-capture.js";

export interface DspyAdapterOptions {
  student: Module;
  metric: GEPAFeedbackMetric;
  feedbackMap: Record<string, PredictorFeedbackFn>;
  failureScore: number;
  numThreads: number | null;
  addFormatFailureAsFeedback: boolean;
  rng: PythonRandom;
  reflectionLm: LMLike | null;
  customInstructionProposer: ProposalFn | null;
  warnOnScoreMismatch: boolean;
  reflectionMinibatchSize: number | null;
  /** Where warnings go (default: the settings' logger). */
  logger?: Logger | null;
}

type Output = Prediction | FailedPrediction;

/**
 * DSPy's `DspyAdapter`: builds a program from a candidate (the student with each predictor's instructions
 * replaced), evaluates it with `Evaluate` or, with traces, with `captureTraces`, turns traces into reflective
 * records, and proposes new instructions with gepa's reflection prompt on the reflection LM (or a custom proposer).
 */
export class DspyAdapter implements GEPAAdapter<Example, TraceData, Output> {
  private readonly warnOnScoreMismatch: { value: boolean };

  constructor(private readonly options: DspyAdapterOptions) {
    this.warnOnScoreMismatch = { value: options.warnOnScoreMismatch };
  }

  private get logger(): Logger {
    return this.options.logger ?? getSettings().logger;
  }

  /** A deep copy of the student whose predictors named in `candidate` carry its instructions. */
  buildProgram(candidate: Candidate): Module {
    const program = this.options.student.deepcopy();
    for (const [name, predictor] of program.namedPredictors()) {
      if (!(name in candidate)) continue;
      const holder = predictor as unknown as { signature: Signature };
      holder.signature = holder.signature.withInstructions(candidate[name] as string);
    }
    return program;
  }

  async evaluate(batch: Example[], candidate: Candidate, captureTraces_ = false, numThreads?: number): Promise<EvaluationBatch<TraceData, Output>> {
    const threads = numThreads ?? this.options.numThreads ?? getSettings().numThreads;
    const program = this.buildProgram(candidate);
    const minibatch = this.options.reflectionMinibatchSize;
    const callbackMetadata = minibatch === null || batch.length > minibatch ? { metric_key: "eval_full" } : { disable_logging: true };
    const metric = this.options.metric;
    if (captureTraces_) {
      const trajectories = await captureTraces(program, batch, {
        metric: async (example, prediction) => metric(example, prediction, null),
        numThreads: threads,
        formatFailureScore: this.options.failureScore,
        logger: this.logger,
      });
      return this.evaluationBatch(
        trajectories.map((t) => t.prediction),
        trajectories.map((t) => t.score),
        trajectories,
      );
    }
    const scoring = async (example: Example, prediction: unknown) => asMetricScore(await metric(example, prediction as Prediction));
    // Errors about the metric's value name the user's metric, not this wrapper.
    Object.defineProperty(scoring, "name", { value: metric.name });
    const evaluator = new Evaluate({
      devset: batch,
      metric: scoring,
      numThreads: threads,
      failureScore: this.options.failureScore,
      provideTraceback: true,
      maxErrors: batch.length * 100,
    });
    // A budget running out stops the evaluation instead of scoring the refused examples as failures.
    const result = await withSettings({ logger: this.logger }, () => evaluateWithinBudget(evaluator, program, { metric: scoring, callbackMetadata }));
    return this.evaluationBatch(
      result.results.map(([, prediction]) => prediction as Output),
      result.results.map(([, , score]) => score),
      null,
    );
  }

  /** Evaluates several (candidate, batch) pairs at once with traces, splitting `numThreads` between them. */
  async batchEvaluate(items: Array<[Candidate, Example[]]>): Promise<Array<EvaluationBatch<TraceData, Output>>> {
    const total = this.options.numThreads ?? getSettings().numThreads;
    const workers = Math.min(items.length, total) || 1;
    const perCandidate = Math.floor(total / workers);
    const extra = total % workers;
    const results: Array<EvaluationBatch<TraceData, Output>> = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        const [candidate, batch] = items[index] as [Candidate, Example[]];
        results[index] = await this.evaluate(batch, candidate, true, Math.max(1, perCandidate + (index < extra ? 1 : 0)));
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return results;
  }

  getAdapterState(): Record<string, unknown> {
    return { rng_state: this.options.rng.getstate() };
  }

  setAdapterState(state: Record<string, unknown>): void {
    if (state.rng_state) this.options.rng.setstate(state.rng_state as PythonRandomState);
  }

  makeReflectiveDataset(candidate: Candidate, evaluation: EvaluationBatch<TraceData, Output>, componentsToUpdate: string[]): Promise<ReflectiveDataset> {
    return makeReflectiveDataset({
      program: this.buildProgram(candidate),
      trajectories: evaluation.trajectories,
      componentsToUpdate,
      feedbackMap: this.options.feedbackMap,
      rng: this.options.rng,
      addFormatFailureAsFeedback: this.options.addFormatFailureAsFeedback,
      keepCustomTypes: this.options.customInstructionProposer !== null,
      warnOnScoreMismatch: this.warnOnScoreMismatch,
      logger: this.logger,
    });
  }

  /** New instructions from the custom proposer or, per component, from gepa's reflection prompt on the reflection LM. */
  async proposeNewTexts(candidate: Candidate, dataset: ReflectiveDataset, componentsToUpdate: string[]): Promise<Record<string, string>> {
    const lm = this.options.reflectionLm ?? getSettings().lm;
    return withSettings({ lm }, async () => {
      const custom = this.options.customInstructionProposer;
      if (custom) return { ...(await custom({ candidate, reflectiveDataset: dataset, componentsToUpdate })) };
      const results: Record<string, string> = {};
      for (const name of componentsToUpdate) {
        const records = dataset[name];
        if (records === undefined) throw new ValueError(`KeyError: '${name}' has no reflective records.`);
        const prompt = renderReflectionPrompt(candidate[name] as string, records);
        const [reply] = await this.strippedLmCall(prompt);
        results[name] = extractInstruction(pyStrip(reply as string));
      }
      return results;
    });
  }

  /** The reflection LM's reply texts for one prompt (DSPy's `stripped_lm_call`). */
  async strippedLmCall(prompt: string): Promise<string[]> {
    const lm = this.options.reflectionLm ?? getSettings().lm;
    if (!lm) throw new ValueError("GEPA needs a reflection LM: pass `reflectionLm` or configure an LM.");
    const outputs = await lm.call([{ role: "user", content: prompt }]);
    return outputs.map((output) => {
      if (typeof output.text !== "string") throw new ValueError("Missing 'text' field in the output from the base LM!");
      return output.text;
    });
  }

  private evaluationBatch(outputs: Output[], rawScores: unknown[], trajectories: TraceData[] | null): EvaluationBatch<TraceData, Output> {
    const objectives: ObjectiveScores[] = rawScores.map(objectiveScoresOf);
    return {
      outputs,
      scores: rawScores.map((score) => scoreOf(score) ?? this.options.failureScore),
      trajectories,
      objectiveScores: objectives.some((o) => Object.keys(o).length > 0) ? objectives : null,
    };
  }
}
