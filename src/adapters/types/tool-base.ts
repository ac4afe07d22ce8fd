import { pyRepr } from "../../python/pyfmt.js";
import { CustomType } from "./custom-type.js";

/** A tool's argument schemas by name (JSON schema per argument, as DSPy's `Tool.args`). */
export type ToolArgs = Record<string, Record<string, unknown>>;

/** The `tools` entry DSPy sends for native function calling. */
export interface FunctionToolSpec {
  type: "function";
  function: { name: string; description: string | null; parameters: { type: "object"; properties: ToolArgs; required: string[] } };
}

/** DSPy's `Tool.format_as_litellm_function_call()` for a name, description and argument schemas. */
export function functionToolSpec(name: string, desc: string | null, args: ToolArgs): FunctionToolSpec {
  return {
    type: "function",
    function: {
      name,
      description: desc,
      parameters: { type: "object", properties: args, required: Object.keys(args).filter((k) => !("default" in (args[k] ?? {}))) },
    },
  };
}

/**
 * What adapters see of a tool (`dspy.Tool` as a value): name, description and argument schemas, rendered in prompts
 * as DSPy's `str(tool)` and sent natively as an OpenAI function spec. The runnable `Tool` (src/tools) extends it.
 */
export class ToolBase extends CustomType {
  readonly typeName = "Tool";
  readonly name: string;
  /** The description; null when none was given (DSPy's `Tool.desc` of a function without a docstring). */
  readonly desc: string | null;
  readonly args: ToolArgs;

  constructor(name: string, desc: string | null, args: ToolArgs) {
    super();
    this.name = name;
    this.desc = desc;
    this.args = args;
  }

  /** DSPy's `Tool.format_as_litellm_function_call()`. */
  formatAsFunctionCall(): FunctionToolSpec {
    return functionToolSpec(this.name, this.desc, this.args);
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

  /** DSPy's `repr(tool)`. */
  toPyRepr(): string {
    return `Tool(name=${this.name}, desc=${this.desc ?? "None"}, args=${pyRepr(this.args)})`;
  }
}
