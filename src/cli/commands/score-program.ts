import { Budget } from "../../context/budget.js";
import type { Logger } from "../../context/logger.js";
import { withBudget } from "../../context/with-budget.js";
import { withSettings } from "../../context/settings.js";
import { Evaluate } from "../../evaluate/evaluate.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { ProjectConfig } from "../project/define-config.js";
import { bootstrapInterval, type ScoreInterval } from "../project/bootstrap-interval.js";

/** A program's test scores: overall and per slice with bootstrap intervals, and what scoring it cost. */
export interface ProgramScores {
  overall: ScoreInterval;
  slices: Record<string, ScoreInterval>;
  spent: { lmCalls: number; tokens: number; costUsd: number | null };
}

const asNumber = (score: unknown) => (typeof score === "boolean" ? (score ? 1 : 0) : Number(score));

/** Evaluates `program` on `examples` with `lm` and summarises per slice with the project's bootstrap settings. */
export async function scoreProgram(
  program: Module,
  examples: Example[],
  run: { lm: LMLike; config: ProjectConfig; sliceField: string; logger: Logger },
): Promise<ProgramScores> {
  const budget = new Budget({});
  const settings = run.config.evaluation ?? {};
  const evaluate = new Evaluate({
    devset: examples,
    metric: run.config.metric as never,
    numThreads: settings.numThreads ?? 4,
    displayProgress: false,
    output: { write: () => true },
  });
  const result = await withSettings({ lm: run.lm, logger: run.logger }, () => withBudget(budget, () => evaluate.call(program as never)));
  const bootstrap = { resamples: settings.resamples ?? 1000, confidence: settings.confidence ?? 0.95, seed: settings.seed ?? 0 };
  const bySlice = new Map<string, number[]>();
  const all: number[] = [];
  for (const [example, , score] of result.results) {
    const value = asNumber(score);
    all.push(value);
    const slice = String(example.get(run.sliceField) ?? "all");
    bySlice.set(slice, [...(bySlice.get(slice) ?? []), value]);
  }
  const spent = budget.spent;
  return {
    overall: bootstrapInterval(all, bootstrap),
    slices: Object.fromEntries([...bySlice].sort(([a], [b]) => a.localeCompare(b)).map(([slice, scores]) => [slice, bootstrapInterval(scores, bootstrap)])),
    spent: { lmCalls: spent.calls, tokens: spent.tokens, costUsd: spent.cost },
  };
}
