import type { EvaluationResult } from "../evaluate/evaluation-result.js";
import type { Example } from "../primitives/example.js";
import { pyRound } from "../python/py-round.js";

/** Mean score (0–100, two decimals like Evaluate) and count per slice. */
export interface SliceSummary {
  score: number;
  count: number;
}

function asNumber(score: unknown): number {
  if (typeof score === "boolean") return score ? 1 : 0;
  return Number(score);
}

/**
 * Splits an evaluation by slice (e.g. `late_delivery`, `refund`): each slice's mean score on Evaluate's 0–100 scale.
 *
 * @example
 * const bySlice = sliceScores(await evaluate.call(program), (ex) => ex.slice);
 */
export function sliceScores(result: EvaluationResult, sliceOf: (example: Example) => string): Record<string, SliceSummary> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const [example, , score] of result.results) {
    const slice = sliceOf(example);
    const entry = sums.get(slice) ?? { total: 0, count: 0 };
    entry.total += asNumber(score);
    entry.count += 1;
    sums.set(slice, entry);
  }
  return Object.fromEntries(
    [...sums].map(([slice, { total, count }]) => [slice, { score: pyRound((100 * total) / count, 2), count }]),
  );
}
