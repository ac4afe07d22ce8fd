import { describe, expect, it } from "vitest";
import { CodeInterpreterError } from "../errors/code-interpreter-error.js";
import { ValueError } from "../errors/value-error.js";
import type { CodeInterpreter } from "../interpreters/code-interpreter.js";
import { Tool } from "../tools/tool.js";
import { RLM } from "./rlm.js";

const tool = (name: string) => new Tool(() => "ok", { name, argTypes: {} });

describe("RLM without a sandbox", () => {
  it("rejects names that clash with the sandbox, the tools or the result (DSPy's messages)", () => {
    expect(() => new RLM("llm_query -> answer")).toThrow(new ValueError("Input fields conflict with built-in sandbox functions: ['llm_query']"));
    expect(() => new RLM("context -> answer", { tools: [tool("SUBMIT")] })).toThrow("Tool name 'SUBMIT' conflicts with built-in sandbox function");
    expect(() => new RLM("context -> answer", { tools: [tool("lambda")] })).toThrow("Invalid tool name 'lambda': must be a valid Python identifier and not a keyword");
    expect(() => new RLM("context -> answer", { tools: [tool("context")] })).toThrow("Input fields conflict with user tools: ['context']");
    expect(() => new RLM("context -> trajectory")).toThrow("Output fields conflict with RLM result metadata: ['trajectory']");
  });

  it("types SUBMIT's simple outputs only", () => {
    const rlm = new RLM("context -> a: int, b: list, c: list[str], d: bool, e");
    expect(rlm.submitFields()).toEqual([{ name: "a", type: "int" }, { name: "b", type: "list" }, { name: "c" }, { name: "d", type: "bool" }, { name: "e", type: "str" }]);
  });

  it("checks the inputs and the interpreter before running", async () => {
    const rlm = new RLM("context, query -> answer");
    await expect(rlm.call({ context: "x" } as never)).rejects.toThrow("Missing required inputs: ['query']");
    await expect(rlm.call({ context: "x", query: "q", extra: 1 } as never)).rejects.toThrow("Unexpected inputs not declared in the signature: ['extra']");
    const bare: CodeInterpreter = { tools: new Map(), start: async () => {}, execute: async () => "", shutdown: async () => {} };
    await expect(rlm.call({ context: "x", query: "q" }, { interpreter: bare })).rejects.toThrow(CodeInterpreterError);
  });
});
