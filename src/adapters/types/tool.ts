import { pyRepr } from "../../python/pyfmt.js";
import { CustomType } from "./custom-type.js";

/** A tool's argument schemas by name (JSON schema per argument, as DSPy's `Tool.args`). */
export type ToolArgs = Record<string, Record<string, unknown>>;

/** The `tools` entry DSPy sends for native function calling. */
export interface FunctionToolSpec {
  type: "function";
  function: { name: string; description: string | null; parameters: { type: "object"; properties: ToolArgs; required: string[] } };
}

/**
 * A tool the LM may call (`dspy.Tool`) as adapters see it: name, description and argument schemas.
 * Rendered in prompts as DSPy's `str(tool)`; sent natively as an OpenAI function spec.
 *
 * @example
 * const search = new Tool({ name: "search", desc: "Search the web.", args: { query: { type: "string" } } });
 */
export class Tool extends CustomType {
  readonly typeName = "Tool";
  readonly name: string;
  /** The description; null when the tool has none (DSPy's `Tool.desc` of a function without a docstring). */
  readonly desc: string | null;
  readonly args: ToolArgs;
  readonly func?: (args: Record<string, unknown>) => unknown;

  constructor(spec: { name: string; desc?: string | null; args?: ToolArgs; func?: (args: Record<string, unknown>) => unknown }) {
    super();
    this.name = spec.name;
    this.desc = spec.desc ?? null;
    this.args = spec.args ?? {};
    if (spec.func) this.func = spec.func;
  }

  /** DSPy's `Tool.format_as_litellm_function_call()`. */
  formatAsFunctionCall(): FunctionToolSpec {
    return {
      type: "function",
      function: {
        name: this.name,
        description: this.desc,
        parameters: {
          type: "object",
          properties: this.args,
          required: Object.keys(this.args).filter((k) => !("default" in (this.args[k] ?? {}))),
        },
      },
    };
  }

  format(): string {
    return this.toString();
  }

  /** DSPy's `str(tool)`: ``search, whose description is <desc>…</desc>. It takes arguments {…}.`` */
  override toString(): string {
    const desc = this.desc ? `, whose description is <desc>${this.desc}</desc>.`.replaceAll("\n", "  ") : ".";
    return `${this.name}${desc} It takes arguments ${pyRepr(this.args)}.`;
  }

  override toPyStr(): string {
    return this.toString();
  }
}
