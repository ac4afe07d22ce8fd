import { ValueError } from "../../errors/value-error.js";
import { pyStrip } from "../../python/py-str.js";
import type { EpochShuffledBatchSampler } from "./batch-sampler.js";
import type { CandidateSelector } from "./candidate-selectors.js";
import type { ComponentSelector } from "./component-selectors.js";
import type { Candidate, EvaluationBatch, GEPAAdapter, ProposalFn, ReflectiveDataset } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";
import { extractInstruction, renderReflectionPrompt, validatePromptTemplate } from "./instruction-proposal.js";

/** A reflection LM as the engine calls it: one prompt in, the reply text out. */
export type ReflectionLanguageModel = (prompt: string) => Promise<string>;

/** A child candidate with its parent's and its own scores on the same training minibatch. */
export interface ReflectiveProposal {
  candidate: Candidate;
  parentProgramIds: [number];
  subsampleIds: number[];
  subsampleScoresBefore: number[];
  subsampleScoresAfter: number[];
  evalBefore: EvaluationBatch;
  evalAfter: EvaluationBatch;
  /** The components rewritten and, when the engine's own reflection ran, its prompts and raw replies. */
  metadata: Record<string, unknown>;
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
 * run the child on the same minibatch. Acceptance is the engine's.
 */
export class ReflectiveMutationProposer<Data> {
  constructor(private readonly options: ReflectiveMutationOptions<Data>) {
    const template = options.reflectionPromptTemplate;
    if (template && typeof template === "object") Object.values(template).forEach(validatePromptTemplate);
    else validatePromptTemplate(template ?? null);
    if (options.skipPerfectScore && options.perfectScore === null) {
      throw new ValueError(
        "perfect_score must be provided when skip_perfect_score is True. If you do not have a perfect target score, set skip_perfect_score=False.",
      );
    }
  }

  get trainsetSize(): number {
    return this.options.trainset.length;
  }

  async propose(state: GEPAState): Promise<ReflectiveProposal[]> {
    const { adapter, log } = this.options;
    const iteration = state.i + 1;
    const parentIdx = this.options.candidateSelector.selectCandidateIdx(state);
    const minibatchIds = this.options.batchSampler.nextMinibatchIds(this.options.trainset.length, state);
    const parent = state.programCandidates[parentIdx] as Candidate;
    const minibatch = minibatchIds.map((id) => this.options.trainset[id] as Data);

    const [evalBefore] = await this.batchEvaluate([[parent, minibatch]]);
    const before = evalBefore as EvaluationBatch;
    state.incrementEvals(before.numMetricCalls ?? minibatch.length);
    const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
    trace.selected_program_candidate = parentIdx;
    trace.subsample_ids = minibatchIds;
    trace.n_tasks = 1;
    const task: Record<string, unknown> = { parent_idx: parentIdx, subsample_ids: [...minibatchIds] };
    trace.tasks = [task];
    log(`Iteration ${iteration}: Selected program ${parentIdx} score: ${state.programFullScoresValSet[parentIdx]}`);

    if (!before.trajectories || before.trajectories.length === 0) {
      log(`Iteration ${iteration}: No trajectories for parent ${parentIdx}. Skipping.`);
      return [];
    }
    const perfect = this.options.perfectScore;
    if (this.options.skipPerfectScore && perfect !== null && before.scores.every((s) => s >= perfect)) {
      log(`Iteration ${iteration}: All subsample scores perfect for parent ${parentIdx}. Skipping.`);
      return [];
    }
    const components = await this.options.componentSelector(state, before.trajectories, before.scores, parentIdx, parent);
    let dataset: ReflectiveDataset;
    try {
      dataset = await adapter.makeReflectiveDataset(parent, before, components);
    } catch (error) {
      log(`Iteration ${iteration}: Exception building reflective dataset: ${errorText(error)}`);
      return [];
    }
    const proposed = await this.proposeSafely(parent, dataset, components);
    if (proposed === null) return [];
    const { texts, metadata } = proposed;
    if (Object.keys(texts).length === 0) {
      log(`Iteration ${iteration}: Reflection returned no text updates; skipping proposal for this task.`);
      return [];
    }
    for (const [name, text] of Object.entries(texts)) log(`Iteration ${iteration}: Proposed new text for ${name}: ${text}`);
    const child: Candidate = { ...parent };
    for (const [name, text] of Object.entries(texts)) {
      if (!(name in child)) throw new ValueError(`${name} missing in candidate`);
      child[name] = text;
    }
    const [evalAfter] = await this.batchEvaluate([[child, minibatch]]);
    const after = evalAfter as EvaluationBatch;
    state.incrementEvals(after.numMetricCalls ?? minibatch.length);
    task.subsample_scores = [...before.scores];
    task.new_subsample_scores = [...after.scores];
    trace.subsample_scores = before.scores;
    trace.new_subsample_scores = after.scores;
    return [
      {
        candidate: child,
        parentProgramIds: [parentIdx],
        subsampleIds: minibatchIds,
        subsampleScoresBefore: before.scores,
        subsampleScoresAfter: after.scores,
        evalBefore: before,
        evalAfter: after,
        metadata: { proposal_id: `${iteration}-0`, components, ...metadata },
      },
    ];
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
      this.options.log(`Batched reflection failed (${errorText(error)}); retrying per task.`);
      try {
        return await this.proposeTexts(candidate, dataset, components);
      } catch (retryError) {
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
