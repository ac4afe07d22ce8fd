import { pyRepr } from "../python/pyfmt.js";
import { SplitLeakageError } from "./split-leakage-error.js";

/**
 * Throws when any two splits share an id (train/validation/test must be disjoint). The message lists the leaked ids
 * sorted, as the article's check prints them: `leaked examples: ['refund-001']`.
 *
 * @example
 * assertDisjointSplits(new Set(trainIds), new Set(valIds), new Set(testIds));
 */
export function assertDisjointSplits(...splits: ReadonlyArray<ReadonlySet<string>>): void {
  for (let i = 0; i < splits.length; i++) {
    for (let j = i + 1; j < splits.length; j++) {
      const right = splits[j] as ReadonlySet<string>;
      const overlap = [...(splits[i] as ReadonlySet<string>)].filter((id) => right.has(id)).sort();
      if (overlap.length) throw new SplitLeakageError(overlap, `leaked examples: ${pyRepr(overlap)}`);
    }
  }
}
