import { ValueError } from "../../errors/value-error.js";
import { pyStrip } from "../../python/py-str.js";
import { findBudgetError } from "../run/find-budget-error.js";
import type { EpochShuffledBatchSampler } from "./batch-sampler.js";
import type { CandidateSelector } from "./candidate-selectors.js";
import type { ComponentSelector } from "./component-selectors.js";
import type { Candidate, EvaluationBatch, GEPAAdapter, ProposalFn, ReflectiveDataset } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";
import { extractInstruction, renderReflectionPrompt, validatePromptTemplate } from "./instruction-proposal.js";
import { liveStep, type EngineStep } from "./engine-step.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

/** A reflection LM as the engine calls it: one prompt in, the reply text out. */
export type ReflectionLanguageModel = (prompt: string) => Promise<string>;

/** A child candidate with its parent's and its own scores on the same training minibatch. */
export interface ReflectiveProposal {
  candidate: Candidate;
  parentProgramIds: [number];
  subsampleIds: number[];
  subsampleScoresBefore: number[];
  subsampleScoresAfter: number[];
  /** The components rewritten and, when the engine's own reflection ran, its prompts and raw replies. */
  metadata: Record<string, unknown>;
}

/**
 * What one reflection step did, in plain data: a resumed run replays it without calling any LM. Counters are
 * absolute (the state's values after the step), so applying the outcome is the same whether or not the step ran.
 */
export interface ReflectionOutcome {
  parentScores: number[];
  totalAfterParent: number;
  /** Why no child was proposed, or `null` when one was. */
  skip: "no_trajectories" | "all_scores_perfect" | "no_reflective_dataset" | "reflection_failed" | "no_texts" | null;
  components: string[];
  roundRobin: number[];
  adapterState: Record<string, unknown> | null;
  texts: Record<string, string>;
  metadata: Record<string, unknown>;
  childScores: number[];
  totalAfterChild: number;
}

export interface ReflectiveMutationOptions<Data> {
  trainset: readonly Data[];
  adapter: GEPAAdapter<Data>;
  candidateSelector: CandidateSelector;
  componentSelector: ComponentSelector;
  batchSampler: EpochShuffledBatchSampler;
  perfectScore: number | null;
  skipPerfectScore: boolean;
  reflectionLm?: ReflectionLanguageModel | null;
  reflectionPromptTemplate?: string | Record<string, string> | null;
  customCandidateProposer?: ProposalFn | null;
  log: (message: string) => void;
}

/**
 * gepa's `ReflectiveMutationProposer` with one task per iteration: select a parent, draw a training minibatch, run
 * the parent with traces, pick the components to rewrite, build their reflective datasets, propose new texts, and
 * run the child on the same minibatch. Acceptance is the engine's. The paid-for part is one engine step.
 */
export class ReflectiveMutationProposer<Data> {
  constructor(private readonly options: ReflectiveMutationOptions<Data>) {
    const template = options.reflectionPromptTemplate;
    if (template && typeof template === "object") Object.values(template).forEach(validatePromptTemplate);
    else validatePromptTemplate(template ?? null);
    if (options.skipPerfectScore && options.perfectScore === null) {
      throw new ValueError(
        "`perfectScore` must be a number when `skipPerfectScore` is true (new GEPA({ perfectScore, ... })). If you do not have a perfect target score, set `skipPerfectScore: false`.",
      );
    }
  }

  async propose(state: GEPAState, step: EngineStep = liveStep): Promise<ReflectiveProposal[]> {
    const iteration = state.i + 1;
    const parentIdx = this.options.candidateSelector.selectCandidateIdx(state);
    const minibatchIds = this.options.batchSampler.nextMinibatchIds(this.options.trainset.length, state);
    const parent = state.programCandidates[parentIdx] as Candidate;
    const outcome = await step(`iteration:${state.i}:reflect`, () => this.reflect(state, parentIdx, minibatchIds));

    // Apply the outcome (the same whether the step ran now or was replayed from a checkpoint).
    state.totalNumEvals = outcome.totalAfterParent;
    state.namedPredictorIdToUpdateNextForProgramCandidate = [...outcome.roundRobin];
    if (outcome.adapterState) this.options.adapter.setAdapterState?.(outcome.adapterState);
    const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
    trace.selected_program_candidate = parentIdx;
    trace.subsample_ids = minibatchIds;
    trace.n_tasks = 1;
    const task: Record<string, unknown> = { parent_idx: parentIdx, subsample_ids: [...minibatchIds] };
    trace.tasks = [task];
    if (outcome.skip) return [];
    state.totalNumEvals = outcome.totalAfterChild;
    task.subsample_scores = [...outcome.parentScores];
    task.new_subsample_scores = [...outcome.childScores];
    trace.subsample_scores = outcome.parentScores;
    trace.new_subsample_scores = outcome.childScores;
    return [
      {
        candidate: { ...parent, ...outcome.texts },
        parentProgramIds: [parentIdx],
        subsampleIds: minibatchIds,
        subsampleScoresBefore: outcome.parentScores,
        subsampleScoresAfter: outcome.childScores,
        metadata: { proposal_id: `${iteration}-0`, components: outcome.components, ...outcome.metadata },
      },
    ];
  }

  /** The paid-for part of an iteration, as gepa orders it; mutates the live state as gepa does. */
  private async reflect(state: GEPAState, parentIdx: number, minibatchIds: number[]): Promise<ReflectionOutcome> {
    const { adapter, log } = this.options;
    const iteration = state.i + 1;
    const parent = state.programCandidates[parentIdx] as Candidate;
    const minibatch = minibatchIds.map((id) => this.options.trainset[id] as Data);
    const [before] = (await this.batchEvaluate([[parent, minibatch]])) as [EvaluationBatch];
    state.incrementEvals(before.numMetricCalls ?? minibatch.length);
    log(`Iteration ${iteration}: Selected program ${parentIdx} score: ${state.programFullScoresValSet[parentIdx]}`);
    const outcome: ReflectionOutcome = {
      parentScores: [...before.scores],
      totalAfterParent: state.totalNumEvals,
      skip: null,
      components: [],
      roundRobin: [...state.namedPredictorIdToUpdateNextForProgramCandidate],
      adapterState: null,
      texts: {},
      metadata: {},
      childScores: [],
      totalAfterChild: state.totalNumEvals,
    };
    const finish = (skip: ReflectionOutcome["skip"]) => {
      outcome.skip = skip;
      outcome.roundRobin = [...state.namedPredictorIdToUpdateNextForProgramCandidate];
      outcome.adapterState = adapter.getAdapterState ? { ...adapter.getAdapterState() } : null;
      return outcome;
    };
    if (!before.trajectories || before.trajectories.length === 0) {
      log(`Iteration ${iteration}: No trajectories for parent ${parentIdx}. Skipping.`);
      return finish("no_trajectories");
    }
    const perfect = this.options.perfectScore;
    if (this.options.skipPerfectScore && perfect !== null && before.scores.every((s) => s >= perfect)) {
      log(`Iteration ${iteration}: All subsample scores perfect for parent ${parentIdx}. Skipping.`);
      return finish("all_scores_perfect");
    }
    outcome.components = await this.options.componentSelector(state, before.trajectories, before.scores, parentIdx, parent);
    let dataset: ReflectiveDataset;
    try {
      dataset = await adapter.makeReflectiveDataset(parent, before, outcome.components);
    } catch (error) {
      rethrowIfCancelled(error);
      if (isBudgetStop(error)) throw error;
      log(`Iteration ${iteration}: Exception building reflective dataset: ${errorText(error)}`);
      return finish("no_reflective_dataset");
    }
    const proposed = await this.proposeSafely(parent, dataset, outcome.components);
    if (proposed === null) return finish("reflection_failed");
    if (Object.keys(proposed.texts).length === 0) {
      log(`Iteration ${iteration}: Reflection returned no text updates; skipping proposal for this task.`);
      return finish("no_texts");
    }
    for (const [name, text] of Object.entries(proposed.texts)) {
      if (!(name in parent)) throw new ValueError(`${name} missing in candidate`);
      log(`Iteration ${iteration}: Proposed new text for ${name}: ${text}`);
    }
    const child: Candidate = { ...parent, ...proposed.texts };
    const [after] = (await this.batchEvaluate([[child, minibatch]])) as [EvaluationBatch];
    state.incrementEvals(after.numMetricCalls ?? minibatch.length);
    const done = finish(null);
    done.texts = proposed.texts;
    done.metadata = proposed.metadata;
    done.childScores = [...after.scores];
    done.totalAfterChild = state.totalNumEvals;
    return done;
  }

  private async batchEvaluate(items: Array<[Candidate, Data[]]>): Promise<EvaluationBatch[]> {
    const adapter = this.options.adapter;
    if (adapter.batchEvaluate) return adapter.batchEvaluate(items);
    const results: EvaluationBatch[] = [];
    for (const [candidate, batch] of items) results.push(await adapter.evaluate(batch, candidate, true));
    return results;
  }

  /** gepa retries a failed reflection once (its "batched" attempt, then the per-task one); `null` when both fail. */
  private async proposeSafely(
    candidate: Candidate,
    dataset: ReflectiveDataset,
    components: string[],
  ): Promise<{ texts: Record<string, string>; metadata: Record<string, unknown> } | null> {
    try {
      return await this.proposeTexts(candidate, dataset, components);
    } catch (error) {
      rethrowIfCancelled(error);
      if (isBudgetStop(error)) throw error;
      this.options.log(`Batched reflection failed (${errorText(error)}); retrying per task.`);
      try {
        return await this.proposeTexts(candidate, dataset, components);
      } catch (retryError) {
        rethrowIfCancelled(retryError);
        if (isBudgetStop(retryError)) throw retryError;
        this.options.log(`Per-task reflection failed: ${errorText(retryError)}`);
        return null;
      }
    }
  }

  private async proposeTexts(
    candidate: Candidate,
    dataset: ReflectiveDataset,
    components: string[],
  ): Promise<{ texts: Record<string, string>; metadata: Record<string, unknown> }> {
    const { adapter, customCandidateProposer, reflectionLm } = this.options;
    if (adapter.proposeNewTexts) return { texts: await adapter.proposeNewTexts(candidate, dataset, components), metadata: {} };
    if (customCandidateProposer) {
      return { texts: await customCandidateProposer({ candidate, reflectiveDataset: dataset, componentsToUpdate: components }), metadata: {} };
    }
    if (!reflectionLm) throw new ValueError("reflection_lm must be provided when adapter.propose_new_texts is None.");
    const texts: Record<string, string> = {};
    const metadata: Record<string, unknown> = {};
    for (const name of components) {
      const records = dataset[name];
      if (!records || records.length === 0) {
        this.options.log(`Component '${name}' is not in reflective dataset. Skipping.`);
        continue;
      }
      const template = this.options.reflectionPromptTemplate;
      const chosen = typeof template === "object" && template !== null ? template[name] : template;
      const prompt = renderReflectionPrompt(candidate[name] as string, records, chosen ?? null);
      const reply = await reflectionLm(prompt);
      texts[name] = extractInstruction(pyStrip(reply));
      metadata[`prompt:${name}`] = prompt;
      metadata[`raw_lm_output:${name}`] = reply;
    }
    return { texts, metadata };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A budget running out must stop the run, not be retried or skipped as a failed reflection. */
const isBudgetStop = (error: unknown) => findBudgetError(error) !== null;
