/** Scores per slice (e.g. `{ late_delivery: 0.95, refund: 0.83 }`). */
export type SliceScores = Readonly<Record<string, number>>;

export interface ReleaseDecision {
  /** The candidate's summed slice scores beat the baseline's. */
  improvedAverage: boolean;
  /** Slices where the candidate is below its minimum, sorted. */
  failedGates: string[];
  /** Promote only when no gate failed and (if required) the candidate beats the baseline. */
  promote: boolean;
}

/**
 * The release decision of the article: block promotion when any critical slice is under its minimum, and
 * (with `requireImprovement`) when the candidate does not beat the baseline on average.
 *
 * @example
 * releaseDecision({ baseline, candidate, minimum }).promote
 */
export function releaseDecision(options: {
  baseline: SliceScores;
  candidate: SliceScores;
  minimum: SliceScores;
  requireImprovement?: boolean;
}): ReleaseDecision {
  const { baseline, candidate, minimum } = options;
  const failedGates = Object.entries(candidate)
    .filter(([slice, score]) => minimum[slice] !== undefined && score < (minimum[slice] as number))
    .map(([slice]) => slice)
    .sort();
  const sum = (scores: SliceScores) => Object.values(scores).reduce((a, b) => a + b, 0);
  const improvedAverage = sum(candidate) > sum(baseline);
  const promote = failedGates.length === 0 && (!options.requireImprovement || improvedAverage);
  return { improvedAverage, failedGates, promote };
}
