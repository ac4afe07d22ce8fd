import { DSPyError } from "./dspy-error.js";

/** RLM's `llm_query` / `llm_query_batched` would pass `maxLlmCalls` (DSPy's `RuntimeError: LLM call limit exceeded: …`). */
export class LlmCallLimitError extends DSPyError {
  constructor(message: string) {
    super(message);
    this.name = "LlmCallLimitError";
  }
}
