import { getSettings } from "../context/settings.js";
import { LMError, LMNotConfiguredError } from "../errors/lm-errors.js";
import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { LlmCallLimitError } from "../errors/llm-call-limit-error.js";
import { ValueError } from "../errors/value-error.js";
import { formatErrorForLm } from "../errors/format-error-for-lm.js";
import type { InterpreterTool } from "../interpreters/code-interpreter.js";
import type { LMLike } from "../lm/lm-like.js";

/**
 * RLM's `llm_query(prompt)` and `llm_query_batched(prompts)` host tools for one run, sharing a budget of
 * `maxLlmCalls` sub-LM calls. The sub-LM is `subLm`, else the configured LM at call time. In a batch, a failing
 * LM call becomes `[ERROR] …` in its slot; the others still answer.
 */
export function llmQueryTools(maxLlmCalls: number, subLm: LMLike | undefined): Record<"llm_query" | "llm_query_batched", InterpreterTool> {
  let used = 0;
  const reserve = (n: number) => {
    if (used + n > maxLlmCalls) {
      throw new LlmCallLimitError(`LLM call limit exceeded: ${used} + ${n} > ${maxLlmCalls}. Use Python code for aggregation instead of making more LLM calls.`);
    }
    used += n;
  };
  const query = async (prompt: string): Promise<string> => {
    const lm = subLm ?? getSettings().lm;
    if (!lm) throw new LMNotConfiguredError("No LM configured. Use configure({ lm }) or pass subLm to RLM.");
    const outputs = await lm.call([{ role: "user", content: prompt }]);
    const text = outputs[0]?.text;
    if (typeof text !== "string") throw new ArgumentTypeError("RLM: the sub-LM returned no text for llm_query.");
    return text;
  };
  return {
    llm_query: {
      parameters: [{ name: "prompt", type: "str" }],
      call: ({ prompt }) => {
        if (!prompt) throw new ValueError("prompt cannot be empty");
        reserve(1);
        return query(String(prompt));
      },
    },
    llm_query_batched: {
      parameters: [{ name: "prompts", type: "list" }],
      call: async ({ prompts }) => {
        const list = Array.isArray(prompts) ? prompts.map(String) : [];
        if (list.length === 0) return [];
        reserve(list.length);
        return Promise.all(
          list.map((prompt) =>
            query(prompt).catch((error: unknown) => {
              if (error instanceof LMError) return `[ERROR] ${formatErrorForLm(error)}`;
              throw error;
            }),
          ),
        );
      },
    },
  };
}
