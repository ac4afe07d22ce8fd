import { randomUUID } from "node:crypto";
import { ToolBase, type ToolArgs } from "../adapters/types/tool-base.js";
import { validateOutcome } from "../adapters/validation/validate-value.js";
import { validationMessage } from "../adapters/validation/validation-message.js";
import type { Callback } from "../context/callback.js";
import { getSettings, withSettings } from "../context/settings.js";
import { PythonTypeError } from "../errors/python-type-error.js";
import { SignatureError } from "../errors/signature-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { ValueError } from "../errors/value-error.js";
import { pyRepr } from "../python/pyfmt.js";
import { isStandardSchema, type StandardSchemaV1 } from "../signatures/standard-schema.js";
import type { TypeNode } from "../signatures/type-node.js";
import { jsonSchemaError } from "./json-schema-errors.js";
import { mcpToolOptions, type McpClientLike, type McpToolLike, type McpResultMode } from "./mcp-tool-options.js";
import { argsFromJsonSchema, argsFromStandardSchema, argsFromTypes } from "./tool-args.js";

/** A tool's function: it receives the arguments as one object and may return a value or a promise. */
export type ToolFunction = (args: any) => unknown;

/** How a tool is described; every field is optional when a function is given (DSPy infers what it can). */
export interface ToolOptions {
  /** The name the LM calls the tool by (default: the function's name). */
  name?: string;
  /** What the tool does (default none: DSPy's description of a function without a docstring). */
  desc?: string | null;
  /** DSPy's per-argument JSON schemas, e.g. `{ query: { type: "string" } }`. */
  args?: ToolArgs;
  /** The whole argument object as a Standard Schema (zod …) or an object JSON schema; its output is what `func` receives. */
  schema?: StandardSchemaV1 | Record<string, unknown>;
  /** DSPy type strings per argument (`{ a: "int", tags: "list[str]" }`): schemas are derived and values parsed as pydantic would. */
  argTypes?: Readonly<Record<string, string | TypeNode>>;
  /** Descriptions added to the derived argument schemas (DSPy's `arg_desc`). */
  argDesc?: Readonly<Record<string, string>>;
  /** Default values of arguments (Python's parameter defaults): shown in the schemas and filled in when absent. */
  defaults?: Readonly<Record<string, unknown>>;
  /** Accept arguments the schemas do not name (a Python function with `**kwargs`). */
  acceptsExtraArgs?: boolean;
  /** Report absent arguments without a default as Python does (`f() missing 1 required positional argument: 'x'`). Default true. */
  checkRequired?: boolean;
  /** Callbacks of this tool only (`onToolStart` / `onToolEnd`), after the configured ones. */
  callbacks?: Callback[];
}

function pythonList(names: string[]): string {
  const quoted = names.map((n) => pyRepr(n));
  if (quoted.length <= 1) return quoted.join("");
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]}`;
}

/** DSPy parses each typed argument through a pydantic model `Wrapper` with one field `value`. */
function parseArg(type: TypeNode, value: unknown): unknown {
  const outcome = validateOutcome(type, value);
  if (outcome.ok) return outcome.value;
  const issues = outcome.issues.map((issue) => ({ ...issue, loc: ["value", ...issue.loc] }));
  throw new ValidationError("Wrapper", issues, () => validationMessage("Wrapper", issues));
}

function safeHook(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    getSettings().logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A function the LM may call (DSPy's `dspy.Tool`): a name, a description and per-argument JSON schemas, rendered in
 * prompts exactly as DSPy renders them. `call(args)` validates the arguments (unknown names, JSON schema types, a
 * Standard Schema when given), runs the function — sync or async — and fires `onToolStart` / `onToolEnd`.
 *
 * @example
 * const add = new Tool(({ a, b }) => a + b, { name: "add", desc: "Add two integers.", argTypes: { a: "int", b: "int" } });
 * const search = new Tool(async ({ query }) => lookup(query), { name: "search", schema: z.object({ query: z.string() }) });
 * await add.call({ a: 2, b: 3 }); // 5
 */
export class Tool extends ToolBase {
  readonly func: ToolFunction;
  /** Parsed argument types, for arguments given as DSPy type strings. */
  readonly argTypes: Readonly<Record<string, TypeNode>>;
  readonly acceptsExtraArgs: boolean;
  readonly callbacks: Callback[];
  private readonly required: readonly string[];
  private readonly checkRequired: boolean;
  private readonly defaults: Readonly<Record<string, unknown>>;
  private readonly standardSchema: StandardSchemaV1 | null;

  constructor(func: ToolFunction, options?: ToolOptions);
  constructor(spec: ToolOptions & { func?: ToolFunction; name: string });
  constructor(funcOrSpec: ToolFunction | (ToolOptions & { func?: ToolFunction; name: string }), maybeOptions: ToolOptions = {}) {
    const options = typeof funcOrSpec === "function" ? maybeOptions : funcOrSpec;
    const func: ToolFunction | undefined = typeof funcOrSpec === "function" ? funcOrSpec : funcOrSpec.func;
    const name = options.name || func?.name || "";
    if (!name) throw new SignatureError("A tool needs a name: pass `name` (the function has none).");
    let derived: ToolArgs = {};
    let required: string[] | null = null;
    let types: Record<string, TypeNode> = {};
    let standardSchema: StandardSchemaV1 | null = null;
    if (options.schema !== undefined) {
      if (isStandardSchema(options.schema)) {
        standardSchema = options.schema;
        ({ args: derived, required } = argsFromStandardSchema(options.schema, name));
      } else {
        ({ args: derived, required } = argsFromJsonSchema(options.schema));
      }
    } else if (options.argTypes) {
      ({ args: derived, types } = argsFromTypes(options.argTypes));
    }
    for (const [arg, value] of Object.entries(options.defaults ?? {})) if (derived[arg]) derived[arg] = { ...derived[arg], default: value };
    for (const [arg, text] of Object.entries(options.argDesc ?? {})) if (derived[arg]) derived[arg] = { ...derived[arg], description: text };
    const args = options.args ?? derived;
    super(name, options.desc ?? null, args);
    this.func = func ?? (() => {
      throw new ValueError(`Tool \`${name}\` has no function to run; pass \`func\` to describe a runnable tool.`);
    });
    this.argTypes = types;
    this.acceptsExtraArgs = options.acceptsExtraArgs ?? false;
    this.callbacks = options.callbacks ?? [];
    this.standardSchema = standardSchema;
    this.defaults = { ...Object.fromEntries(Object.entries(args).filter(([, s]) => "default" in s).map(([k, s]) => [k, s.default])), ...options.defaults };
    this.required = required ?? Object.keys(args).filter((k) => !("default" in (args[k] ?? {})) && !(k in this.defaults));
    this.checkRequired = options.checkRequired ?? true;
  }

  /**
   * A tool that calls an MCP server's tool through a connected client of `@modelcontextprotocol/sdk` (DSPy's
   * `Tool.from_mcp_tool`). `resultMode: "structured"` returns the server's structured content when it sends any.
   *
   * @example
   * const { tools } = await client.listTools();
   * const mcpTools = tools.map((t) => Tool.fromMcp(client, t));
   */
  static fromMcp(client: McpClientLike, tool: McpToolLike, options: { resultMode?: McpResultMode } = {}): Tool {
    return new Tool(mcpToolOptions(client, tool, options.resultMode ?? "text"));
  }

  /** DSPy's `_validate_and_parse_args`, then Python's check for absent arguments and the Standard Schema. */
  async parseArgs(args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    for (const [key, value] of Object.entries(args)) {
      const schema = this.args[key];
      if (!schema) {
        if (this.acceptsExtraArgs) continue;
        throw new ValueError(`Arg ${key} is not in the tool's args.`);
      }
      if (schema.type !== undefined && schema.type !== "Any") {
        const message = jsonSchemaError(value, schema);
        if (message !== null) throw new ValueError(`Arg ${key} is invalid: ${message}`);
      }
    }
    let parsed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(args)) {
      const type = this.argTypes[key];
      parsed[key] = type && type.kind !== "any" ? parseArg(type, value) : value;
    }
    if (this.checkRequired) {
      const missing = this.required.filter((k) => !(k in parsed));
      if (missing.length) {
        const plural = missing.length === 1 ? "argument" : "arguments";
        throw new PythonTypeError(`${this.name}() missing ${missing.length} required positional ${plural}: ${pythonList(missing)}`);
      }
    }
    for (const [key, value] of Object.entries(this.defaults)) if (!(key in parsed)) parsed[key] = value;
    if (this.standardSchema) {
      const result = await this.standardSchema["~standard"].validate(parsed);
      if (result.issues) {
        const issue = result.issues[0]!;
        const first = issue.path?.[0];
        const key = typeof first === "object" && first !== null ? String(first.key) : first === undefined ? "" : String(first);
        throw new ValueError(key ? `Arg ${key} is invalid: ${issue.message}` : `Invalid arguments for tool ${this.name}: ${issue.message}`);
      }
      parsed = result.value as Record<string, unknown>;
    }
    return parsed;
  }

  /** Validates the arguments and runs the function (DSPy's `tool(**kwargs)` / `await tool.acall(**kwargs)`). */
  async call(args: Readonly<Record<string, unknown>> = {}): Promise<unknown> {
    const settings = getSettings();
    const callbacks = settings.callbacks.length || this.callbacks.length ? [...settings.callbacks, ...this.callbacks] : [];
    const callId = callbacks.length ? randomUUID().replaceAll("-", "") : "";
    for (const cb of callbacks) safeHook(() => cb.onToolStart?.(callId, this, { ...args }));
    try {
      const parsed = await this.parseArgs(args);
      const run = async () => this.func(parsed);
      const result = await (callId ? withSettings({ callPath: [...settings.callPath, callId] }, run) : run());
      for (const cb of callbacks) safeHook(() => cb.onToolEnd?.(callId, result, null));
      return result;
    } catch (error) {
      for (const cb of callbacks) safeHook(() => cb.onToolEnd?.(callId, null, error));
      throw error;
    }
  }
}
