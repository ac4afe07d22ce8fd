import { ValueError } from "../../errors/value-error.js";
import type { AutoMode } from "./mipro-settings.js";

/**
 * DSPy's checks on how the search is sized: an `auto` preset, or (with `auto: null`) both `numCandidates` and
 * `numTrials` — never a preset with either. Messages are DSPy's, followed by the tsdspy call to make.
 */
export function checkSearchSize(options: {
  auto: AutoMode | null;
  numCandidates: number | null;
  numTrials: number | null;
  /** DSPy's recommended trials for a number of candidates (named in the first message). */
  recommendedTrials: (numCandidates: number) => number;
}): void {
  const { auto, numCandidates, numTrials } = options;
  if (auto === null && numCandidates !== null && numTrials === null) {
    const recommended = options.recommendedTrials(numCandidates);
    throw new ValueError(
      `If auto is None, num_trials must also be provided. Given num_candidates=${numCandidates}, we'd recommend setting num_trials to ~${recommended}. ` +
        `In tsdspy: \`compile(student, { trainset, numTrials: ${recommended} })\`.`,
    );
  }
  if (auto === null && (numCandidates === null || numTrials === null)) {
    throw new ValueError(
      "If auto is None, num_candidates must also be provided. In tsdspy: `new MIPROv2({ metric, auto: null, numCandidates: 6 })` " +
        "with `compile(student, { trainset, numTrials })`, or keep an `auto` preset.",
    );
  }
  if (auto !== null && (numCandidates !== null || numTrials !== null)) {
    throw new ValueError(
      "If auto is not None, num_candidates and num_trials cannot be set, since they would be overridden by the auto settings. Please either set auto to None, or do not specify num_candidates and num_trials. " +
        "In tsdspy: `auto: null` with `numCandidates` and `compile(student, { numTrials })`, or an `auto` preset without them.",
    );
  }
}
