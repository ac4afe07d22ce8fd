import { BudgetEstimateError } from "../errors/budget-estimate-error.js";
import { BudgetExceededError, type BudgetSpent } from "../errors/budget-exceeded-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LMUsage } from "../lm/lm-usage.js";

/** Hard caps for a run; any subset may be given. */
export interface BudgetLimits {
  /** LM calls that reached a provider (cache hits are free). */
  maxCalls?: number;
  /** Prompt + completion tokens. */
  maxTokens?: number;
  /** Dollars, from provider-reported or priced cost. */
  maxCost?: number;
}

/** The most one LM call can spend, known before it is sent; `null` where it cannot be bounded. */
export interface CallEstimate {
  /** `provider/model`, for error messages. */
  model: string;
  /** Prompt-token upper bound plus `max_tokens` (times `n`). */
  tokens: number | null;
  /** Dollars for that many tokens at the model's price; `null` when the price is unknown. */
  cost: number | null;
  /** Why `tokens` is `null` (e.g. "no max_tokens"), for the error message. */
  unboundedReason?: string;
}

/** Tokens of one call: `total_tokens`, or prompt + completion when the provider gave no total. */
export function usageTokens(usage: LMUsage): number {
  if (typeof usage.total_tokens === "number") return usage.total_tokens;
  return (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0);
}

/** What one call holds against one budget until it settles. */
interface Hold {
  tokens: number;
  cost: number;
}

/**
 * What a run may spend and has spent: a promise, not an estimate. Before an LM call is sent, its worst case (prompt
 * estimate + `max_tokens`, at the model's price) is reserved; when it returns, the reservation is replaced by what it
 * really spent. A call that does not fit waits for calls in flight to settle and is refused (`BudgetExceededError`)
 * when it cannot fit even then, so concurrent calls never take the total past a cap.
 *
 * @example
 * const budget = new Budget({ maxCalls: 100, maxCost: 2 });
 * await withBudget(budget, () => optimizer.compile(program, { trainset }));
 * budget.spent // { calls: 100, tokens: 51234, cost: 0.41 }
 */
export class Budget {
  readonly limits: Readonly<BudgetLimits>;
  private calls = 0;
  private tokens = 0;
  private knownCost = 0;
  private unknownCostCalls = 0;
  private readonly reserved = { calls: 0, tokens: 0, cost: 0 };
  private readonly waiters = new Set<() => void>();

  constructor(limits: BudgetLimits) {
    for (const [key, value] of Object.entries(limits)) {
      if (value !== undefined && !(typeof value === "number" && value >= 0)) {
        throw new ValueError(`Budget limit ${key} must be a number >= 0, got ${String(value)}.`);
      }
    }
    this.limits = Object.freeze({ ...limits });
  }

  /** What settled calls spent (calls count from the moment they are sent). */
  get spent(): BudgetSpent {
    return { calls: this.calls, tokens: this.tokens, cost: this.unknownCostCalls > 0 ? null : this.knownCost };
  }

  /** What calls in flight hold: their worst case, until they settle. */
  get inFlight(): { calls: number; tokens: number; cost: number } {
    return { ...this.reserved };
  }

  /** Calls whose price was unknown, so their cost could not be counted. */
  get unpricedCalls(): number {
    return this.unknownCostCalls;
  }

  /** Whether calls must be estimated (a token or dollar cap is set). */
  get needsEstimate(): boolean {
    return this.limits.maxTokens !== undefined || this.limits.maxCost !== undefined;
  }

  /** Throws `BudgetExceededError` if a cap has been reached by settled and in-flight calls. */
  check(): void {
    const { maxCalls, maxTokens, maxCost } = this.limits;
    if (maxCalls !== undefined && this.calls >= maxCalls) throw new BudgetExceededError("calls", maxCalls, this.spent);
    if (maxTokens !== undefined && this.tokens + this.reserved.tokens >= maxTokens) throw new BudgetExceededError("tokens", maxTokens, this.spent);
    if (maxCost !== undefined && this.knownCost + this.reserved.cost >= maxCost) throw new BudgetExceededError("cost", maxCost, this.spent);
  }

  /**
   * Whether a call with this worst case fits now: `"fits"`, `"wait"` (it may fit once calls in flight settle), or
   * throws (`BudgetExceededError` when it can never fit, `BudgetEstimateError` when it cannot be bounded).
   */
  admit(estimate: CallEstimate): "fits" | "wait" {
    const { maxCalls, maxTokens, maxCost } = this.limits;
    if (maxCalls !== undefined && this.calls + 1 > maxCalls) throw new BudgetExceededError("calls", maxCalls, this.spent);
    let wait = false;
    if (maxTokens !== undefined) {
      if (estimate.tokens === null) throw BudgetEstimateError.tokens(estimate.model, `maxTokens: ${maxTokens}`, estimate.unboundedReason ?? "its size is unknown");
      if (this.tokens + estimate.tokens > maxTokens) {
        throw new BudgetExceededError("tokens", maxTokens, this.spent, { needed: estimate.tokens, left: Math.max(0, maxTokens - this.tokens) });
      }
      if (this.tokens + this.reserved.tokens + estimate.tokens > maxTokens) wait = true;
    }
    if (maxCost !== undefined) {
      if (estimate.cost === null) {
        throw estimate.tokens === null
          ? BudgetEstimateError.tokens(estimate.model, `maxCost: ${maxCost}`, estimate.unboundedReason ?? "its size is unknown")
          : BudgetEstimateError.cost(estimate.model, maxCost);
      }
      if (this.knownCost + estimate.cost > maxCost) {
        throw new BudgetExceededError("cost", maxCost, this.spent, { needed: estimate.cost, left: Math.max(0, maxCost - this.knownCost) });
      }
      if (this.knownCost + this.reserved.cost + estimate.cost > maxCost) wait = true;
    }
    return wait ? "wait" : "fits";
  }

  /** Counts one call as sent and holds its worst case; call `settle`, `release` or `forfeit` on the hold later. */
  reserve(estimate: CallEstimate): Hold {
    const hold = { tokens: this.limits.maxTokens !== undefined ? (estimate.tokens ?? 0) : 0, cost: this.limits.maxCost !== undefined ? (estimate.cost ?? 0) : 0 };
    this.calls++;
    this.reserved.calls++;
    this.reserved.tokens += hold.tokens;
    this.reserved.cost += hold.cost;
    return hold;
  }

  /** Replaces a hold by what the call spent; a call that reported no usage or cost is charged its worst case. */
  settle(hold: Hold, usage: LMUsage, cost: number | null): void {
    const tokens = usageTokens(usage);
    const reported = typeof usage.total_tokens === "number" || typeof usage.prompt_tokens === "number" || typeof usage.completion_tokens === "number";
    this.tokens += reported ? tokens : hold.tokens;
    if (cost !== null) this.knownCost += cost;
    else if (this.limits.maxCost !== undefined) this.knownCost += hold.cost;
    else this.unknownCostCalls++;
    this.unhold(hold);
  }

  /** Gives a hold back: the call failed before anything was billed (an HTTP error reply, a refused connection). */
  release(hold: Hold): void {
    this.unhold(hold);
  }

  /** Charges a hold in full: the call was cut short after the provider may have billed it (a timeout, a closed stream). */
  forfeit(hold: Hold): void {
    this.tokens += hold.tokens;
    this.knownCost += hold.cost;
    this.unhold(hold);
  }

  /** Resolves the next time a hold is settled, released or forfeited (or rejects when `signal` aborts). */
  changed(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(wake);
        reject(signal!.reason);
      };
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private unhold(hold: Hold): void {
    this.reserved.calls--;
    this.reserved.tokens -= hold.tokens;
    this.reserved.cost -= hold.cost;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}

/** One call's holds on every active budget. */
export interface BudgetHolds {
  /** The call returned: replace the holds by what it spent. */
  settle(usage: LMUsage, cost: number | null): void;
  /** The call failed before anything was billed. */
  release(): void;
  /** The call was cut short after the provider may have billed it. */
  forfeit(): void;
}

const NO_HOLDS: BudgetHolds = Object.freeze({ settle() {}, release() {}, forfeit() {} });

/**
 * Reserves a call's worst case on every budget, all or none: waits while a budget is full of calls in flight and
 * throws when the call can never fit. `estimate` is computed only when some budget caps tokens or dollars.
 */
export async function reserveBudgets(budgets: readonly Budget[], estimate: () => CallEstimate, signal?: AbortSignal): Promise<BudgetHolds> {
  if (budgets.length === 0) return NO_HOLDS;
  const worst = budgets.some((b) => b.needsEstimate) ? estimate() : { model: "", tokens: null, cost: null };
  for (;;) {
    signal?.throwIfAborted();
    const blocked = budgets.find((budget) => budget.admit(worst) === "wait");
    if (blocked === undefined) break;
    await blocked.changed(signal);
  }
  const holds = budgets.map((budget) => [budget, budget.reserve(worst)] as const);
  let done = false;
  const finish = (apply: (budget: Budget, hold: Hold) => void) => {
    if (done) return;
    done = true;
    for (const [budget, hold] of holds) apply(budget, hold);
  };
  return {
    settle: (usage, cost) => finish((budget, hold) => budget.settle(hold, usage, cost)),
    release: () => finish((budget, hold) => budget.release(hold)),
    forfeit: () => finish((budget, hold) => budget.forfeit(hold)),
  };
}
