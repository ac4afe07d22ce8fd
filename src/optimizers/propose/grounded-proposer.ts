import type { Logger } from "../../context/logger.js";
import { getSettings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { PythonRandom } from "../../python/python-random.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import { findBudgetError } from "../run/find-budget-error.js";
import { runDirectly, type StepRunner } from "../run/step-runner.js";
import { createDatasetSummary } from "./dataset-summary.js";
import { generateModuleInstruction, type DemoCandidates } from "./generate-module-instruction.js";
import { INSTRUCTION_TIPS } from "./instruction-tips.js";
import { describeProgramCode } from "./program-code.js";
import { stripPrefix } from "./strip-prefix.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

export interface GroundedProposerOptions {
  /** The model that writes summaries and instructions (default: settings' LM). */
  promptModel?: LMLike | null;
  program: Module;
  trainset: readonly Example[];
  /** Examples per dataset-summary batch (default 10). */
  viewDataBatchSize?: number;
  useDatasetSummary?: boolean;
  programAware?: boolean;
  useTaskDemos?: boolean;
  numDemosInContext?: number;
  useInstructHistory?: boolean;
  useTip?: boolean;
  setTipRandomly?: boolean;
  setHistoryRandomly?: boolean;
  /** Every random choice (tips, history, rollout ids); MIPROv2 passes its own. */
  rng: PythonRandom;
  /** Temperature of the instruction-writing calls (default 1.0). */
  initTemperature?: number;
  /**
   * What the program-aware proposer shows as `program_code` (default: a description of the program's structure;
   * DSPy shows the Python source, which a TypeScript program does not have).
   */
  programCode?: string;
  logger?: Logger;
  step?: StepRunner;
}

/**
 * DSPy's `GroundedProposer`: proposes instructions for each predictor from a summary of the training data, a
 * description of the program, demos of the predictor, and a randomly chosen prompting tip — through DSPy's own
 * signatures, so the prompts are DSPy's for the same inputs.
 *
 * @example
 * const proposer = await GroundedProposer.create({ promptModel, program, trainset, rng: new PythonRandom(9) });
 * const instructions = await proposer.proposeInstructionsForProgram({ program, demoCandidates, n: 5 });
 */
export class GroundedProposer {
  readonly promptModel: LMLike;
  programAware: boolean;
  useDatasetSummary: boolean;
  useTaskDemos: boolean;
  useInstructHistory: boolean;
  useTip: boolean;
  readonly setTipRandomly: boolean;
  readonly setHistoryRandomly: boolean;
  readonly numDemosInContext: number;
  readonly initTemperature: number;
  readonly rng: PythonRandom;
  programCode: string | null = null;
  dataSummary: string | null = null;
  readonly #step: StepRunner;
  readonly #logger: Logger;

  private constructor(options: GroundedProposerOptions, promptModel: LMLike) {
    this.promptModel = promptModel;
    this.programAware = options.programAware ?? true;
    this.useDatasetSummary = options.useDatasetSummary ?? true;
    this.useTaskDemos = options.useTaskDemos ?? true;
    this.numDemosInContext = options.numDemosInContext ?? 3;
    this.useInstructHistory = options.useInstructHistory ?? true;
    this.useTip = options.useTip ?? true;
    this.setTipRandomly = options.setTipRandomly ?? true;
    this.setHistoryRandomly = options.setHistoryRandomly ?? true;
    this.initTemperature = options.initTemperature ?? 1.0;
    this.rng = options.rng;
    this.#step = options.step ?? runDirectly;
    this.#logger = options.logger ?? getSettings().logger;
  }

  /** A proposer with its program code and (when data-aware) its dataset summary ready. */
  static async create(options: GroundedProposerOptions): Promise<GroundedProposer> {
    const promptModel = options.promptModel ?? getSettings().lm;
    if (!promptModel) throw new ValueError("GroundedProposer needs a prompt model: pass `promptModel` or configure({ lm }).");
    const proposer = new GroundedProposer(options, promptModel);
    if (proposer.programAware) {
      try {
        proposer.programCode = options.programCode ?? describeProgramCode(options.program);
      } catch (error) {
        proposer.#logger.warn(`Error getting source code: ${String(error)}.\n\nRunning without program aware proposer.`);
        proposer.programAware = false;
      }
    }
    if (proposer.useDatasetSummary) {
      try {
        proposer.dataSummary = await proposer.#step("proposer:dataset-summary", () =>
          createDatasetSummary(options.trainset, options.viewDataBatchSize ?? 10, promptModel),
        );
      } catch (error) {
        rethrowIfCancelled(error);
        if (findBudgetError(error)) throw error;
        proposer.#logger.warn(`Error getting data summary: ${String(error)}.\n\nRunning without data aware proposer.`);
        proposer.useDatasetSummary = false;
      }
    }
    return proposer;
  }

  /**
   * `n` instructions per predictor (at most one per demo set, DSPy's rule), by predictor index (DSPy's
   * `propose_instructions_for_program`).
   */
  async proposeInstructionsForProgram(options: {
    program: Module;
    demoCandidates: DemoCandidates | null;
    n: number;
    /** Earlier instructions and their scores, per predictor index (empty in MIPROv2). */
    history?: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
  }): Promise<string[][]> {
    if (this.setHistoryRandomly) this.useInstructHistory = this.rng.random() < 0.5;
    const demoCandidates = options.demoCandidates && options.demoCandidates.length > 0 ? options.demoCandidates : null;
    let numDemos: number;
    if (!demoCandidates) {
      this.useTaskDemos = false;
      numDemos = options.n;
    } else {
      numDemos = Math.max(demoCandidates[0]?.length ?? 0, 1);
    }
    const proposed: string[][] = [];
    const predictors = options.program.predictors();
    for (let predictorIndex = 0; predictorIndex < predictors.length; predictorIndex++) {
      const list: string[] = [];
      proposed.push(list);
      for (let demoSetIndex = 0; demoSetIndex < Math.min(options.n, numDemos); demoSetIndex++) {
        let tip: string | null = null;
        if (this.setTipRandomly) {
          const [, text] = this.rng.choice(INSTRUCTION_TIPS);
          tip = text;
          this.useTip = Boolean(text);
        }
        const history = historyString(options.history?.[predictorIndex] ?? []);
        const rolloutId = this.rng.randint(0, 10 ** 9);
        const lm = this.promptModel.copy({ rollout_id: rolloutId, temperature: this.initTemperature });
        const instruction = await this.#step(`proposer:instruction:${predictorIndex}:${demoSetIndex}`, () =>
          generateModuleInstruction({
            flags: {
              useDatasetSummary: this.useDatasetSummary,
              programAware: this.programAware,
              useTaskDemos: this.useTaskDemos && demoCandidates !== null,
              useInstructHistory: this.useInstructHistory && history !== "",
              useTip: this.useTip,
            },
            programCode: this.programCode,
            program: options.program,
            predictorIndex,
            demoCandidates,
            demoSetIndex,
            previousInstructions: history,
            dataSummary: this.dataSummary,
            numDemosInContext: this.numDemosInContext,
            tip,
            lm,
          }),
        );
        list.push(stripPrefix(instruction));
      }
    }
    return proposed;
  }
}

/**
 * DSPy's `create_predictor_level_history_string`: each distinct instruction with its average score, the best
 * `top` (5) in increasing order, one `instruction | Score: s` paragraph each.
 */
export function historyString(entries: ReadonlyArray<readonly [string, number]>, top = 5): string {
  const totals = new Map<string, { total: number; count: number }>();
  for (const [instruction, score] of entries) {
    const entry = totals.get(instruction) ?? { total: 0, count: 0 };
    entry.total += score;
    entry.count++;
    totals.set(instruction, entry);
  }
  const averaged = [...totals].map(([instruction, { total, count }]) => [instruction, total / count] as const);
  const best = averaged
    .map((entry, i) => [entry, i] as const)
    .sort((a, b) => b[0][1] - a[0][1] || a[1] - b[1])
    .slice(0, top)
    .map(([entry]) => entry)
    .reverse();
  return best.map(([instruction, score]) => `${instruction} | Score: ${pyFloatRepr(score)}\n\n`).join("");
}
