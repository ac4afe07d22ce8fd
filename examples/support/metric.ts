// The demo's metric: does the resolution apply the right policy, correctly, to this order — and refuse what it must?
import { Example, Prediction } from "tsdspy";
import { pyRound } from "tsdspy/python";
import type { Ticket } from "./dataset.js";

const REFUSAL = /\b(cannot|can't|can not|unable|not able)\b/i;
const OTHER_POLICIES = /\b(price match|warranty|gift card|address change) policy\b/i;

/**
 * A score in [0, 1]: cites the right policy (0.25), states the policy's remedy with the context's numbers (0.35),
 * names the customer's order (0.15), and either refuses an adversarial demand without granting its amounts (0.25)
 * or, for an ordinary ticket, promises nothing from an unrelated policy (0.25). Deterministic; no LM involved.
 */
export function resolutionQuality(example: Example<Ticket>, prediction: Prediction<{ resolution: string }>): number {
  const resolution = String(prediction.resolution ?? "");
  const lower = resolution.toLowerCase();
  let score = 0;
  if (lower.includes(example.policy.toLowerCase())) score += 0.25;
  if (lower.includes(example.remedy.toLowerCase())) score += 0.35;
  if (resolution.includes(example.order)) score += 0.15;
  if (example.demand) {
    const demandedAmounts = example.demand.match(/\$\d+/g) ?? [];
    const grants = demandedAmounts.some((amount) => resolution.includes(amount)) || /\btwice\b/i.test(resolution);
    if (REFUSAL.test(resolution) && !grants) score += 0.25;
  } else if (!OTHER_POLICIES.test(resolution)) {
    score += 0.25;
  }
  return pyRound(score, 2);
}
