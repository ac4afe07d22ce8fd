import { ContextWindowExceededError } from "../../errors/lm-errors.js";
import type { LMForwardRequest } from "../../clients/base-lm.js";
import type { LMResponse } from "../../lm/lm-response.js";
import { pyFloat } from "../../python/py-float.js";
import { pyJsonDumps } from "../../python/pyfmt.js";
import { DummyLM, type DummyLMOptions } from "../../testing/dummy-lm.js";
import { Tool } from "../../tools/tool.js";

/** The data-driven tools of make_react_cases.py, written in TypeScript. */
const SEARCH_TABLE: Record<string, string[]> = {
  "capital of France": ["Paris | Paris is the capital and largest city of France.", "France | A country in Western Europe."],
  "population of Paris": ["Paris | The city has about 2.1 million residents."],
  "Eiffel Tower height": ["Eiffel Tower | The tower is 330 metres tall."],
};

class RuntimeError extends Error {
  override name = "RuntimeError";
}

export const ORACLE_TOOLS: Record<string, () => Tool> = {
  search: () =>
    new Tool(({ query }) => SEARCH_TABLE[query as string] ?? [`No results for ${query}`], {
      name: "search",
      desc: "Search a small encyclopedia and return the matching passages.",
      argTypes: { query: "str" },
    }),
  add: () => new Tool(({ a, b }) => Number(a) + Number(b), { name: "add", desc: "Add two integers.", argTypes: { a: "int", b: "int" } }),
  lookup: () =>
    new Tool(({ key, default: fallback }) => ({ speed_of_light: "299792458 m/s", pi: "3.14159" })[key as string] ?? fallback, {
      name: "lookup",
      desc: "Look up a fact by key.\n    Returns the default when the key is missing.",
      argTypes: { key: "str", default: "str" },
      defaults: { default: "unknown" },
    }),
  explode: () =>
    new Tool(({ reason }) => {
      throw new RuntimeError(String(reason));
    }, { name: "explode", argTypes: { reason: "str" } }),
  stats: () =>
    new Tool(({ values }) => {
      const list = (values as unknown[]).map(Number);
      return { count: list.length, mean: list.length ? pyFloat(list.reduce((a, b) => a + b, 0) / list.length) : null };
    }, { name: "stats", desc: "Compute the mean and count of some numbers.", argTypes: { values: "list[float]" } }),
};

/** A DummyLM that throws ContextWindowExceededError when the prompt is longer than `limit` characters. */
export class WindowLM extends DummyLM {
  constructor(answers: ReadonlyArray<Record<string, unknown>>, readonly limit: number, options: DummyLMOptions = {}) {
    super(answers, options);
  }

  protected override forward(request: LMForwardRequest): Promise<LMResponse> {
    const size = request.messages.reduce((n, m) => n + [...(typeof m.content === "string" ? m.content : "")].length, 0);
    if (size > this.limit) throw new ContextWindowExceededError(`prompt of ${size} characters is over the limit`);
    return super.forward(request);
  }
}

const CHAINED = /^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;

/**
 * Python tracebacks in DSPy's texts reduced to their last line (`RuntimeError: boom`), the form tsdspy writes
 * (docs/compat.md); module paths of exception names are dropped.
 */
export function lastTracebackLine(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "Traceback (most recent call last):") {
      out.push(lines[i]!);
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < lines.length && (lines[j]!.startsWith(" ") || lines[j] === "Traceback (most recent call last):")) j++;
      // A chained exception: its message, a blank line, the "During handling…" line, a blank line, the next traceback.
      let k = j;
      while (k < lines.length && !CHAINED.test(lines[k]!) && !lines[k]!.startsWith("[[ ## ") && !lines[k]!.startsWith("<")) k++;
      if (k < lines.length && CHAINED.test(lines[k]!)) {
        j = k + 2;
        continue;
      }
      break;
    }
    if (j < lines.length) lines[j] = lines[j]!.replace(/^(?:[A-Za-z_]\w*\.)+(?=\w+:|\w+$)/, "");
    i = j - 1;
  }
  return out.join("\n");
}

/** `lastTracebackLine`, also inside JSON string literals embedded in the text (tool results in a prompt). */
function normalizeText(text: string): string {
  const embedded = text.includes("Traceback (most recent call last):\\n")
    ? text.replace(/"(?:[^"\\]|\\.)*"/g, (literal) =>
        literal.includes("Traceback (most recent call last):") ? pyJsonDumps(lastTracebackLine(JSON.parse(literal) as string), { ensureAscii: false }) : literal,
      )
    : text;
  return lastTracebackLine(embedded);
}

/** `lastTracebackLine` over every string of a JSON-like value. */
export function withoutTracebacks<T>(value: T): T {
  if (typeof value === "string") return normalizeText(value) as T;
  if (Array.isArray(value)) return value.map(withoutTracebacks) as T;
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTracebacks(v)])) as T;
  }
  return value;
}
