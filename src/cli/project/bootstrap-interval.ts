import { PythonRandom } from "../../python/python-random.js";
import { pyRound } from "../../python/py-round.js";

/** A mean score on Evaluate's 0–100 scale with its bootstrap confidence interval. */
export interface ScoreInterval {
  score: number;
  count: number;
  low: number;
  high: number;
}

/**
 * The percentile bootstrap: `resamples` resamples with replacement of the per-example scores (0–1), drawn from a
 * seeded `PythonRandom`, and the `confidence` interval of their means, on the 0–100 scale (two decimals).
 */
export function bootstrapInterval(scores: readonly number[], options: { resamples: number; confidence: number; seed: number }): ScoreInterval {
  const n = scores.length;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  if (n === 0) return { score: 0, count: 0, low: 0, high: 0 };
  const rng = new PythonRandom(options.seed);
  const means: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += scores[Math.floor(rng.random() * n)] as number;
    means.push(total / n);
  }
  means.sort((a, b) => a - b);
  const tail = (1 - options.confidence) / 2;
  const at = (q: number) => means[Math.min(means.length - 1, Math.max(0, Math.floor(q * means.length)))] as number;
  return { score: pyRound(100 * mean(scores), 2), count: n, low: pyRound(100 * at(tail), 2), high: pyRound(100 * at(1 - tail), 2) };
}
