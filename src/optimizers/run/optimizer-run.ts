import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { Budget, type BudgetLimits } from "../../context/budget.js";
import type { Logger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { withBudget } from "../../context/with-budget.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { RunStateError } from "../../errors/run-state-error.js";
import { ValueError } from "../../errors/value-error.js";
import type { Metric } from "../../evaluate/metric.js";
import { systemClock, type Clock } from "../../utils/clock.js";
import { sha256Hex } from "../../utils/hash.js";
import { findBudgetError } from "./find-budget-error.js";
import { checkOptimizerBudget, type OptimizerBudget } from "./optimizer-budget.js";
import { resolveOptimizerLogger } from "./progress-logger.js";
import {
  emptyCheckpoint,
  ensureRunDir,
  readCheckpoint,
  TRIALS_FILE,
  writeCheckpoint,
  writeFileAtomic,
  type RunCheckpoint,
} from "./run-checkpoint.js";
import { runFingerprint, runFingerprintParts } from "./run-fingerprint.js";
import { fromRunJson, toRunJson } from "./run-json.js";
import { budgetKeyOf, type RunReport } from "./run-report.js";
import { addSpent, NOTHING_SPENT, type RunSpent } from "./run-spent.js";
import type { TrialInput, TrialRecord } from "./trial-record.js";

export interface OptimizerRunOptions {
  /** The optimizer's name, as logs and trial records show it. */
  optimizer: string;
  /** The run's arguments (options, datasets, student, seed…); a resume with different ones is refused. */
  fingerprint: unknown;
  budget?: OptimizerBudget | null;
  /** Where the checkpoint and the trial log go; a run started again with the same arguments resumes from it. */
  runDir?: string | null;
  /** Progress and warnings (default: settings' logger if one was configured, else standard error). */
  logger?: Logger | null;
  /** Keep every trial in the report (they are always written to `runDir`). */
  trackStats?: boolean;
  clock?: Clock;
}

/** How a step's value is written to and read from the checkpoint (default: `toRunJson` / `fromRunJson`). */
export interface StepCodec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}

/** Anything with a snapshot of its state (`PythonRandom`, a sampler). */
export interface StatefulRandom {
  getstate(): unknown;
}

/** What `finish` needs to explain an early stop. */
export interface FinishOptions {
  /** What the run did not do because the budget ran out (e.g. "trials 8-20 and the final full evaluation"). */
  cutShort?: string;
  /** What is returned instead (e.g. "the best program so far (score 71.0, trial 4)"). */
  kept?: string;
}

const defaultCodec: StepCodec<unknown> = { encode: toRunJson, decode: fromRunJson };

/**
 * The machinery every optimizer run shares: a hard budget (`lmCalls`, `metricCalls`, `tokens`, `costUsd`) on top
 * of any enclosing `withBudget`, a pre-run estimate, stopping with the best result so far when a budget runs out,
 * checkpoints in `runDir` after every paid-for step (resumed without repeating finished steps), and a trial log.
 *
 * An optimizer opens a run, does its paid-for work in `step`s (each one memoized in the checkpoint, so a resumed run
 * replays it for free), draws random numbers only between steps from RNGs it registered with `trackRng`, logs
 * trials, and calls `finish` to get the report.
 *
 * @example
 * const run = await OptimizerRun.open({ optimizer: "MyOptimizer", fingerprint: { seed, trainset }, budget, runDir });
 * const stopped = await run.execute(async () => {
 *   for (const [i, candidate] of candidates.entries()) {
 *     const score = await run.step(`candidate:${i}`, () => evaluateCandidate(candidate, run.countMetric(metric)));
 *     await run.logTrial({ kind: "candidate", score, evalSize: valset.length, bestScore: Math.max(best, score) });
 *   }
 * });
 * const report = run.finish(stopped ? { cutShort: "the remaining candidates", kept: "the best candidate so far" } : {});
 */
export class OptimizerRun {
  readonly optimizer: string;
  readonly logger: Logger;
  readonly runDir: string | null;
  readonly budget: Readonly<OptimizerBudget> | null;
  readonly trackStats: boolean;
  readonly #clock: Clock;
  readonly #checkpoint: RunCheckpoint;
  /** Steps found in the checkpoint when the run was opened; the first `#cursor` of them were replayed. */
  readonly #savedSteps: number;
  readonly #savedTrials: number;
  readonly #liveBudget: Budget;
  readonly #keys = new Set<string>();
  readonly #rngs = new Map<string, StatefulRandom>();
  readonly #trials: TrialRecord[] = [];
  #cursor = 0;
  /** Counters of the last replayed step; live spending is added to them. */
  #snapshot: { spent: RunSpent; elapsedMs: number } = { spent: NOTHING_SPENT, elapsedMs: 0 };
  #liveSince: number | null = null;
  #liveMetricCalls = 0;
  #writes: Promise<void> = Promise.resolve();
  #exhaustion: BudgetExceededError | null = null;
  #plannedLmCalls: number | null = null;

  private constructor(options: OptimizerRunOptions, checkpoint: RunCheckpoint, budget: Readonly<OptimizerBudget> | null) {
    this.optimizer = options.optimizer;
    this.logger = resolveOptimizerLogger(options.logger);
    this.runDir = options.runDir ?? null;
    this.budget = budget;
    this.trackStats = options.trackStats ?? false;
    this.#clock = options.clock ?? systemClock;
    this.#checkpoint = checkpoint;
    this.#savedSteps = checkpoint.steps.length;
    this.#savedTrials = checkpoint.trials.length;
    const offset = checkpoint.steps.at(-1)?.spent ?? NOTHING_SPENT;
    this.#liveBudget = new Budget(remainingLimits(budget, offset));
    if (this.#savedSteps === 0) this.#liveSince = this.#clock.now();
  }

  /** Opens a run: checks the budget, and with `runDir` reads its checkpoint (refusing one of other arguments). */
  static async open(options: OptimizerRunOptions): Promise<OptimizerRun> {
    const budget = checkOptimizerBudget(options.budget, options.optimizer);
    const fingerprint = runFingerprint(options.fingerprint);
    const parts = runFingerprintParts(options.fingerprint);
    const runDir = options.runDir ?? null;
    let checkpoint = emptyCheckpoint(options.optimizer, fingerprint, parts);
    if (runDir !== null) {
      const saved = await readCheckpoint(runDir);
      if (saved) {
        if (saved.optimizer !== options.optimizer || saved.fingerprint !== fingerprint) {
          const savedParts = saved.optimizer === options.optimizer ? (saved.fingerprintParts ?? {}) : {};
          const differing = [...new Set([...Object.keys(parts), ...Object.keys(savedParts)])].filter((key) => parts[key] !== savedParts[key]);
          const which = Object.keys(savedParts).length > 0 && differing.length > 0 ? `; differing: ${differing.join(", ")}` : "";
          throw new RunStateError(
            runDir,
            `The run directory ${runDir} holds a checkpoint of another run (${saved.optimizer || "unknown optimizer"} ` +
              `with different arguments${which}). A run resumes only when started again with the same arguments; pass a new ` +
              `runDir, or delete ${runDir} to start over.`,
          );
        }
        checkpoint = saved;
      }
      // The trial log is rewritten from the checkpoint, dropping lines of a step that did not finish.
      await ensureRunDir(runDir);
      await writeCheckpoint(runDir, checkpoint);
      await writeFileAtomic(join(runDir, TRIALS_FILE), checkpoint.trials.map((t) => `${JSON.stringify(t)}\n`).join(""));
    }
    const run = new OptimizerRun(options, checkpoint, budget);
    if (run.#savedSteps > 0) {
      run.logger.info(
        `${options.optimizer}: resuming from ${runDir}: ${run.#savedSteps} finished step(s) are taken from the checkpoint, not run again.`,
      );
    }
    return run;
  }

  /** Steps taken from the checkpoint so far. */
  get resumedSteps(): number {
    return Math.min(this.#cursor, this.#savedSteps);
  }

  /** Whether the run is still replaying steps from its checkpoint. */
  get replaying(): boolean {
    return this.#cursor < this.#savedSteps;
  }

  /** The budget error that stopped the run, if one did. */
  get exhaustion(): BudgetExceededError | null {
    return this.#exhaustion;
  }

  /** The trials logged so far. */
  get trials(): readonly TrialRecord[] {
    return this.#trials;
  }

  /** Includes an RNG in the checkpoint; a resumed run checks that its state matches at every step. */
  trackRng(name: string, rng: StatefulRandom): void {
    this.#rngs.set(name, rng);
  }

  /** Logs the pre-run estimate of LM calls (and the optimizer's own lines), and says if the budget is below it. */
  announce(plan: { lmCalls: number | null; lines?: readonly string[] }): void {
    this.#plannedLmCalls = plan.lmCalls;
    for (const line of plan.lines ?? []) this.logger.info(line);
    const cap = this.budget?.lmCalls;
    if (plan.lmCalls !== null && cap !== undefined && cap < plan.lmCalls) {
      this.logger.info(
        `${this.optimizer}: the budget allows ${cap} LM calls, fewer than the ${plan.lmCalls} planned; the run will stop ` +
          "when it is spent and return the best program found by then.",
      );
    }
  }

  /**
   * Runs `fn` with the run's budget in force (on top of enclosing budgets), so every LM call inside is counted, and with
   * the run's logger as the settings' logger, so what runs inside (evaluations, predictors) logs where the run does.
   */
  within<T>(fn: () => Promise<T>): Promise<T> {
    return withBudget(this.#liveBudget, () => withSettings({ logger: this.logger }, fn));
  }

  /**
   * Runs `fn` under the budget and stops it when a budget (the run's, an enclosing `withBudget`, an LM's own) runs
   * out: returns `true` when it was stopped that way, `false` when it finished. Other errors pass through.
   */
  async execute(fn: () => Promise<void>): Promise<boolean> {
    try {
      await this.within(fn);
      return false;
    } catch (error) {
      const budgetError = findBudgetError(error);
      if (!budgetError) throw error;
      this.#exhaustion = budgetError;
      return true;
    }
  }

  /** Records that a budget stopped the run (for optimizers that catch the error themselves, deep in their loop). */
  noteExhaustion(error: BudgetExceededError): void {
    this.#exhaustion ??= error;
  }

  /** `metric`, counted against `metricCalls` (refused with `BudgetExceededError` once the cap is reached). */
  countMetric<P>(metric: Metric<P>): Metric<P> {
    const counted = (...args: Parameters<Metric<any>>) => {
      this.#chargeMetricCall();
      return metric(...args);
    };
    Object.defineProperty(counted, "name", { value: metric.name });
    return counted as Metric<P>;
  }

  #chargeMetricCall(): void {
    const cap = this.budget?.metricCalls;
    const spent = this.spent();
    if (cap !== undefined && spent.metricCalls >= cap) {
      throw new BudgetExceededError("metricCalls", cap, {
        calls: spent.lmCalls,
        tokens: spent.tokens,
        cost: spent.costUsd,
        metricCalls: spent.metricCalls,
      });
    }
    this.#liveMetricCalls++;
  }

  /** What the run has spent, including what earlier processes spent on steps that were resumed. */
  spent(): RunSpent {
    const live = this.#liveBudget.spent;
    return addSpent(this.#snapshot.spent, {
      lmCalls: live.calls,
      metricCalls: this.#liveMetricCalls,
      tokens: live.tokens,
      costUsd: live.cost,
    });
  }

  /** Milliseconds of work so far, over every process that worked on the run. */
  elapsedMs(): number {
    return this.#snapshot.elapsedMs + (this.#liveSince === null ? 0 : this.#clock.now() - this.#liveSince);
  }

  /**
   * A paid-for piece of work (an evaluation, a bootstrapped demo set, a proposed instruction). With `runDir`, its
   * result is checkpointed when it finishes; a resumed run gets the saved result without running it again. Steps
   * must come in the same order every time the run is started with the same arguments; the run checks it.
   */
  async step<T>(key: string, compute: () => Promise<T>, codec?: StepCodec<T>): Promise<T> {
    if (this.#keys.has(key)) throw new ValueError(`${this.optimizer}: the run step \`${key}\` was started twice.`);
    this.#keys.add(key);
    const { encode, decode } = (codec ?? defaultCodec) as StepCodec<T>;
    const rng = this.#rngHash();
    if (this.#cursor < this.#savedSteps) {
      const saved = this.#checkpoint.steps[this.#cursor] as RunCheckpoint["steps"][number];
      if (saved.key !== key || (saved.rng !== null && saved.rng !== rng)) {
        throw new RunStateError(
          this.runDir ?? "",
          `${this.optimizer}: the run diverged from its checkpoint in ${this.runDir} at step ${this.#cursor + 1} ` +
            `(expected \`${saved.key}\`${saved.rng !== rng ? " with the same RNG state" : ""}, got \`${key}\`). The program, ` +
            "data or LM behave differently than in the first run; delete the run directory to start over.",
        );
      }
      this.#cursor++;
      this.#snapshot = { spent: saved.spent, elapsedMs: saved.elapsedMs };
      if (this.#cursor === this.#savedSteps) this.#liveSince = this.#clock.now();
      return decode(saved.value);
    }
    const value = await compute();
    this.#cursor++;
    if (this.runDir === null) return value;
    const json = encode(value);
    this.#checkpoint.steps.push({ key, value: json, spent: this.spent(), elapsedMs: this.elapsedMs(), rng });
    await this.#save();
    // The resumed path decodes the saved value; the live path does too, so both continue from equal values.
    return decode(JSON.parse(JSON.stringify(json)));
  }

  /** Adds a trial to the log (and to `runDir/trials.jsonl`); the run fills in the number and the counters. */
  async logTrial(input: TrialInput): Promise<TrialRecord> {
    const spent = this.spent();
    const record: TrialRecord = {
      v: 1,
      optimizer: this.optimizer,
      trial: this.#trials.length + 1,
      ...input,
      lmCalls: spent.lmCalls,
      metricCalls: spent.metricCalls,
      tokens: spent.tokens,
      costUsd: spent.costUsd,
      elapsedMs: Math.round(this.elapsedMs()),
    };
    this.#trials.push(record);
    if (this.runDir !== null && record.trial > this.#savedTrials) {
      const line = `${JSON.stringify(record)}\n`;
      this.#writes = this.#writes.then(() => appendFile(join(this.runDir as string, TRIALS_FILE), line, "utf8"));
      await this.#writes;
    }
    return record;
  }

  /** The run's report; when a budget stopped it, logs a warning saying what was cut short and what is returned. */
  finish(options: FinishOptions = {}): RunReport {
    const spent = this.spent();
    let exhaustion: RunReport["exhaustion"] = null;
    if (this.#exhaustion) {
      const error = this.#exhaustion;
      const limit = budgetKeyOf(error);
      const source = this.#isOwnCap(error) ? "optimizer" : "enclosing";
      const max = source === "optimizer" ? (this.budget?.[limit] as number) : error.max;
      const cutShort = options.cutShort ?? "the rest of the search";
      const where = source === "optimizer" ? "the optimizer's budget" : "an enclosing budget";
      const warning =
        `${this.optimizer} stopped early: ${where} ran out (${limit} limit of ${max} ` +
        `${error.shortfall ? "would be crossed by the next call's worst case" : "reached"}; spent ` +
        `${spent.lmCalls} LM calls, ${spent.metricCalls} metric calls, ${spent.tokens} tokens). Cut short: ${cutShort}. ` +
        `Returning ${options.kept ?? "the best program found so far"}.`;
      this.logger.warn(warning);
      exhaustion = { limit, max, source, cutShort, warning };
    }
    return {
      optimizer: this.optimizer,
      status: exhaustion ? "budget-exhausted" : "completed",
      exhaustion,
      budget: this.budget,
      plannedLmCalls: this.#plannedLmCalls,
      spent,
      elapsedMs: Math.round(this.elapsedMs()),
      resumedSteps: this.resumedSteps,
      runDir: this.runDir,
      trials: this.trackStats ? [...this.#trials] : null,
    };
  }

  /** Whether the error came from this run's own budget (its live caps are the budget minus what resumed steps spent). */
  #isOwnCap(error: BudgetExceededError): boolean {
    if (error.limit === "metricCalls") return true;
    const { maxCalls, maxTokens, maxCost } = this.#liveBudget.limits;
    const cap = error.limit === "calls" ? maxCalls : error.limit === "tokens" ? maxTokens : maxCost;
    return cap !== undefined && cap === error.max;
  }

  #rngHash(): string | null {
    if (this.#rngs.size === 0) return null;
    return sha256Hex(JSON.stringify([...this.#rngs].map(([name, rng]) => [name, rng.getstate()])));
  }

  async #save(): Promise<void> {
    const runDir = this.runDir as string;
    const rngStates = Object.fromEntries([...this.#rngs].map(([name, rng]) => [name, rng.getstate()]));
    const snapshot: RunCheckpoint = { ...this.#checkpoint, trials: [...this.#trials], rngStates };
    this.#writes = this.#writes.then(() => writeCheckpoint(runDir, snapshot));
    await this.#writes;
  }
}

/** The budget's caps minus what resumed steps already spent. */
function remainingLimits(budget: Readonly<OptimizerBudget> | null, spent: RunSpent): BudgetLimits {
  const limits: BudgetLimits = {};
  if (budget?.lmCalls !== undefined) limits.maxCalls = Math.max(0, budget.lmCalls - spent.lmCalls);
  if (budget?.tokens !== undefined) limits.maxTokens = Math.max(0, budget.tokens - spent.tokens);
  if (budget?.costUsd !== undefined) limits.maxCost = Math.max(0, budget.costUsd - (spent.costUsd ?? 0));
  return limits;
}
