/** What an optimizer run has spent: LM calls that reached a provider, metric calls, tokens and dollars. */
export interface RunSpent {
  lmCalls: number;
  metricCalls: number;
  tokens: number;
  /** Dollars; `null` when some call's price was unknown. */
  costUsd: number | null;
}

/** Nothing spent. */
export const NOTHING_SPENT: Readonly<RunSpent> = Object.freeze({ lmCalls: 0, metricCalls: 0, tokens: 0, costUsd: 0 });

/** The sum of two spends (an unknown cost stays unknown). */
export function addSpent(a: RunSpent, b: RunSpent): RunSpent {
  return {
    lmCalls: a.lmCalls + b.lmCalls,
    metricCalls: a.metricCalls + b.metricCalls,
    tokens: a.tokens + b.tokens,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
  };
}
