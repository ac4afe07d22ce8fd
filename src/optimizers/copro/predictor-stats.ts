/** COPRO's statistics of one predictor's scores per depth (`results_best` / `results_latest`). */
export interface PredictorStats {
  depth: number[];
  max: number[];
  average: number[];
  min: number[];
  std: number[];
}

/** Max, mean, min and population standard deviation (Python's `statistics.pstdev`) of some scores. */
export function predictorStats(scores: readonly number[]): { max: number; average: number; min: number; std: number } {
  const n = scores.length;
  let sum = 0;
  for (const score of scores) sum += score;
  const mean = sum / n;
  let squares = 0;
  for (const score of scores) squares += (score - mean) ** 2;
  return { max: Math.max(...scores), average: sum / n, min: Math.min(...scores), std: Math.sqrt(squares / n) };
}
