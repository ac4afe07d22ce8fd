import { DSPyError } from "./dspy-error.js";

/**
 * A budget caps tokens or dollars, but an LM call's worst case cannot be known before it is sent: the model has no
 * price (for `maxCost`) or the call has no `max_tokens` (for `maxTokens` and `maxCost`). Raised before anything is sent.
 */
export class BudgetEstimateError extends DSPyError {
  readonly limit: "tokens" | "cost";
  readonly model: string;

  constructor(limit: "tokens" | "cost", model: string, message: string) {
    super(message);
    this.name = "BudgetEstimateError";
    this.limit = limit;
    this.model = model;
  }

  /** The call has no bound on its tokens; `cap` names the budget's cap (`maxTokens: 300`). */
  static tokens(model: string, cap: string, reason: string): BudgetEstimateError {
    return new BudgetEstimateError(
      cap.startsWith("maxCost") ? "cost" : "tokens",
      model,
      `A budget caps ${cap.startsWith("maxCost") ? "dollars" : "tokens"} (${cap}) but the worst case of a call to ${model} is unknown: ${reason}. ` +
        `Set maxTokens on the LM (new LM("${model}", { maxTokens: 1000 })) or max_tokens for the call, so the budget can reserve it.`,
    );
  }

  /** The model's price is unknown. */
  static cost(model: string, maxCost: number): BudgetEstimateError {
    return new BudgetEstimateError(
      "cost",
      model,
      `A budget caps dollars (maxCost: ${maxCost}) but the price of ${model} is unknown, so the cost of a call cannot be bounded ` +
        `before it is sent. Give the LM a price (new LM("${model}", { price: { input: 0.15, output: 0.6 } }), dollars per ` +
        "million tokens) or a price table (prices: PriceTable.defaults().with({...})).",
    );
  }
}
