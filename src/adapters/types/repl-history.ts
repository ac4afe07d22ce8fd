import type { TypeNode } from "../../signatures/type-node.js";

/** `n` with thousands separators, as Python's `f"{n:,}"`. */
export const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** One REPL step of an RLM run: the LM's reasoning, the code it wrote, and what running it printed (DSPy's `REPLEntry`). */
export interface REPLEntry {
  readonly reasoning: string;
  readonly code: string;
  readonly output: string;
}

/** DSPy's `REPLEntry.format_output`: `Output (N chars):` then the output, its middle cut past `maxOutputChars`. */
export function formatReplOutput(output: string, maxOutputChars = 10_000): string {
  const length = output.length;
  let shown = output;
  if (length > maxOutputChars) {
    const half = Math.floor(maxOutputChars / 2);
    shown = `${output.slice(0, half)}\n\n... (${groupThousands(length - maxOutputChars)} characters omitted) ...\n\n${output.slice(length - half)}`;
  }
  return `Output (${groupThousands(length)} chars):\n${shown}`;
}

/**
 * The REPL steps of an RLM run so far, an input the adapters render as text (DSPy's `REPLHistory`): each step as
 * `=== Step N ===`, its reasoning, its code in a python fence and its output. Immutable: `append` returns a new history.
 *
 * @example
 * const history = new REPLHistory().append({ reasoning: "Look first.", code: "print(len(context))", output: "2662\n" });
 */
export class REPLHistory {
  constructor(
    readonly entries: ReadonlyArray<REPLEntry> = [],
    readonly maxOutputChars = 10_000,
  ) {}

  /** A new history with one more step. */
  append(entry: { reasoning?: string; code: string; output: string }): REPLHistory {
    return new REPLHistory([...this.entries, { reasoning: entry.reasoning ?? "", code: entry.code, output: entry.output }], this.maxOutputChars);
  }

  get length(): number {
    return this.entries.length;
  }

  /** The text the LM sees. */
  format(): string {
    if (this.entries.length === 0) return "You have not interacted with the REPL environment yet.";
    return this.entries
      .map((entry, i) => {
        const reasoning = entry.reasoning ? `Reasoning: ${entry.reasoning}\n` : "";
        return `=== Step ${i + 1} ===\n${reasoning}Code:\n\`\`\`python\n${entry.code}\n\`\`\`\n${formatReplOutput(entry.output, this.maxOutputChars)}`;
      })
      .join("\n");
  }

  /** Serialized as its text, as DSPy's pydantic model serializer does. */
  toJSON(): string {
    return this.format();
  }
}

/** The field type of a `REPLHistory` input: a model named `REPLHistory`, so prompts show `(REPLHistory)`. */
export const REPL_HISTORY_TYPE: TypeNode = {
  kind: "model",
  name: "REPLHistory",
  fields: [
    { name: "entries", type: { kind: "list", item: null } },
    { name: "max_output_chars", type: { kind: "int" }, default: { value: 10_000 } },
  ],
};
