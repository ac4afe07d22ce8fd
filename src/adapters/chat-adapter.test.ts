import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValueError } from "../errors/value-error.js";
import { signature } from "../signatures/signature.js";
import { runAdapterConformance, stubLM } from "./adapter.case.js";
import { ChatAdapter } from "./chat-adapter.js";
import { Tool } from "../tools/tool.js";
import { ToolCalls } from "./types/tool-calls.js";

runAdapterConformance("ChatAdapter", () => new ChatAdapter(), { fallsBackToJSON: true });

// Literal expectations: docs/dspy-3.3-reference.md §2a and DSPy 3.3.1's tests/adapters/test_chat_adapter.py.
describe("ChatAdapter format (reference §2a)", () => {
  it("renders the verified QA example", () => {
    const qa = signature("question -> answer", "Answer the question.", { name: "QA" });
    expect(new ChatAdapter().format(qa, [], { question: "What is the capital of France?" })).toEqual([
      {
        role: "system",
        content:
          "Your input fields are:\n1. `question` (str):\nYour output fields are:\n1. `answer` (str):\n" +
          "All interactions will be structured in the following way, with the appropriate values filled in.\n\n" +
          "[[ ## question ## ]]\n{question}\n\n[[ ## answer ## ]]\n{answer}\n\n[[ ## completed ## ]]\n" +
          "In adhering to this structure, your objective is: \n        Answer the question.",
      },
      {
        role: "user",
        content:
          "[[ ## question ## ]]\nWhat is the capital of France?\n\n" +
          "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.",
      },
    ]);
  });

  it("renders the verified incomplete-demo pair", () => {
    const sig = signature("question, context -> answer, confidence: float");
    const [, user, assistant] = new ChatAdapter().format(sig, [{ question: "Q1", answer: "A1" }], { question: "Q2", context: "C2" });
    expect(user!.content).toBe("This is an example of the task, though some input or output fields are not supplied.\n\n[[ ## question ## ]]\nQ1");
    expect(assistant!.content).toBe(
      "[[ ## answer ## ]]\nA1\n\n[[ ## confidence ## ]]\nNot supplied for this particular example.\n\n[[ ## completed ## ]]\n",
    );
  });

  it("keeps the trailing space of every empty description but the last, and the type hints", () => {
    const sig = signature("question -> answers: list[str], scores: list[float], why: dspy.Reasoning, calls: ToolCalls");
    const system = new ChatAdapter().formatSystemMessage(sig);
    expect(system).toContain("1. `answers` (list[str]): \n2. `scores` (list[float]): \n3. `why` (str): \n4. `calls` (ToolCalls): \n");
    expect(system).toContain(
      '    Type description of ToolCalls: Tool calls must be a JSON object with `tool_calls`, a list of calls. Each call must include `name` and `args`. Example: {"tool_calls": [{"name": "search", "args": {"query": "cats"}}]}',
    );
    expect(new ChatAdapter().userMessageOutputRequirements(sig)).toBe(
      "Respond with the corresponding output fields, starting with the field `[[ ## answers ## ]]` (must be formatted as a valid Python list[str]), " +
        "then `[[ ## scores ## ]]` (must be formatted as a valid Python list[float]), then `[[ ## why ## ]]` (must be formatted as a valid Python str), " +
        'then `[[ ## calls ## ]]` (must be a JSON object like {"tool_calls": [{"name": "...", "args": {...}}]}), and then ending with the marker for `[[ ## completed ## ]]`.',
    );
  });

  it("renders values the Python way", () => {
    const sig = signature("context, flag: bool, n: float, data: dict[str, Any] -> answer");
    const [, user] = new ChatAdapter().format(sig, [], { context: ["alpha", "two\nlines", "«q»"], flag: true, n: 1e-7, data: { a: null, é: [1, 2.5] } });
    expect(user!.content).toBe(
      "[[ ## context ## ]]\n[1] «alpha»\n[2] «««\n    two\n    lines\n»»»\n[3] «««\n    «q»\n»»»\n\n" +
        "[[ ## flag ## ]]\nTrue\n\n[[ ## n ## ]]\n1e-07\n\n[[ ## data ## ]]\n{\"a\": null, \"é\": [1, 2.5]}\n\n" +
        "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.",
    );
  });
});

describe("ChatAdapter parse", () => {
  const sig = signature("q -> a, b: int");

  it("reads headers per line: text before the first is ignored, first occurrence wins, inline content kept", () => {
    expect(new ChatAdapter().parse(sig, "preamble\n[[ ## a ## ]] inline\nmore\n[[ ## b ## ]]\n 7 \n[[ ## a ## ]]\nsecond\n[[ ## completed ## ]]")).toEqual({
      a: "inline\nmore",
      b: 7,
    });
  });

  it("slices an indented header line like DSPy (match end taken from the stripped line)", () => {
    expect(new ChatAdapter().parse(signature("q -> a"), "  [[ ## a ## ]] x")).toEqual({ a: "]] x" });
  });

  it("reports missing fields with DSPy's exact message", () => {
    expect(() => new ChatAdapter().parse(sig, "[[ ## a ## ]]\nx")).toThrow(
      new AdapterParseError({ adapterName: "ChatAdapter", expectedFields: ["a", "b"], lmResponse: "[[ ## a ## ]]\nx", parsedResult: { a: "x" } }),
    );
    try {
      new ChatAdapter().parse(sig, "[[ ## a ## ]]\nx");
    } catch (error) {
      expect((error as Error).message).toBe(
        "Adapter ChatAdapter failed to parse the LM response. \n\nLM Response: [[ ## a ## ]]\nx \n\nExpected to find output fields in the LM response: [a, b] \n\nActual output fields parsed from the LM response: [a] \n\n",
      );
    }
  });

  it("wraps a field failure in AdapterParseError with pydantic's message", () => {
    expect(() => new ChatAdapter().parse(sig, "[[ ## a ## ]]\nx\n[[ ## b ## ]]\nfour")).toThrow(
      "Failed to parse field b with value four from the LM response. Error message: 1 validation error for int\n" +
        "  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='four', input_type=str]\n" +
        "    For further information visit https://errors.pydantic.dev/2.13/v/int_parsing\n\nAdapter ChatAdapter failed to parse the LM response. ",
    );
  });

  it("shows pydantic's input_value of a long text by its ends, and an int past 4,300 digits as unprintable", () => {
    // (Messages as DSPy 3.3.1 gives them, captured from the oracle.)
    const dict = signature("question -> d: dict");
    const text = `<a>${"&amp;\n".repeat(20_000)}</a>`;
    expect(() => new ChatAdapter().parse(dict, `[[ ## d ## ]]\n${text}`)).toThrow(
      "[type=dict_type, input_value='<a>&amp;\\n&amp;\\n&amp;\\n...mp;\\n&amp;\\n&amp;\\n</a>', input_type=str]",
    );
    const hex = (digits: number) => `[[ ## d ## ]]\n0x${"f".repeat(digits)}`;
    expect(() => new ChatAdapter().parse(dict, hex(3000))).toThrow(
      "[type=dict_type, input_value=2290593203500326442498254...631382911359993958629375, input_type=int]",
    );
    expect(() => new ChatAdapter().parse(dict, hex(4000))).toThrow("[type=dict_type, input_value=<unprintable int object>, input_type=int]");
  });

  it("parses floats with underscores and normalises Literal answers", () => {
    const typed = signature("q -> score: float, label: Literal['yes', 'no']");
    expect(new ChatAdapter().parse(typed, "[[ ## score ## ]]\n123_456.789\n[[ ## label ## ]]\nLiteral['yes']")).toEqual({ score: 123456.789, label: "yes" });
    expect(() => new ChatAdapter().parse(signature("q -> n: Literal[1, 2, 3]"), "[[ ## n ## ]]\n2")).toThrow("'2' is not one of (1, 2, 3)");
  });
});

describe("ChatAdapter call plans and postprocess", () => {
  const toolSig = signature({
    inputs: { question: "str", tools: { type: { kind: "list", item: { kind: "custom", name: "Tool" } } } },
    outputs: { answer: "str", calls: { type: { kind: "custom", name: "ToolCalls" } } },
  });
  const search = new Tool({ name: "search", desc: "Search the web.", args: { query: { type: "string" }, k: { type: "integer", default: 3 } } });

  it("drops tool params without native function calling", () => {
    const [plan] = new ChatAdapter().callPlans(toolSig, stubLM({ supportsFunctionCalling: true }), { tools: [], tool_choice: "auto", temperature: 0 });
    expect(plan!.params).toEqual({ temperature: 0 });
    expect(Object.keys(plan!.signature.fields)).toEqual(["question", "tools", "answer", "calls"]);
  });

  it("sends tools natively and removes both tool fields from the prompt", () => {
    const adapter = new ChatAdapter({ useNativeFunctionCalling: true, parallelToolCalls: true });
    const [plan] = adapter.callPlans(toolSig, stubLM({ supportsFunctionCalling: true }), {}, { question: "q", tools: [search] });
    expect(Object.keys(plan!.signature.fields)).toEqual(["question", "answer"]);
    expect(plan!.params).toEqual({
      tools: [
        {
          type: "function",
          function: {
            name: "search",
            description: "Search the web.",
            parameters: { type: "object", properties: { query: { type: "string" }, k: { type: "integer", default: 3 } }, required: ["query"] },
          },
        },
      ],
      parallel_tool_calls: true,
    });
    const out = adapter.postprocess(toolSig, plan!.signature, { text: null, toolCalls: [{ id: "c1", name: "search", args: { query: "x" } }] });
    expect(out.answer).toBeNull();
    expect(out.calls).toEqual(new ToolCalls([{ id: "c1", name: "search", args: { query: "x" } }]));
  });

  it("requires tools when a ToolCalls output is natively filled", () => {
    const sig = signature({ inputs: { q: "str" }, outputs: { calls: { type: { kind: "custom", name: "ToolCalls" } } } });
    expect(() => new ChatAdapter({ useNativeFunctionCalling: true }).callPlans(sig, stubLM(), {})).toThrow(ValueError);
  });

  it("uses native reasoning when the LM supports it (not for gpt-5 chat models)", () => {
    const cot = signature("question -> reasoning: dspy.Reasoning, answer");
    const [plan] = new ChatAdapter().callPlans(cot, stubLM({ supportsReasoning: true }, "anthropic/claude"), {});
    expect(plan!.params).toEqual({ reasoning_effort: "low" });
    expect(Object.keys(plan!.signature.outputFields)).toEqual(["answer"]);
    const out = new ChatAdapter().postprocess(cot, plan!.signature, { text: "[[ ## answer ## ]]\n42", reasoningContent: "because", logprobs: [1] });
    expect(out).toEqual({ answer: "42", reasoning: "because", logprobs: [1] });
    expect(new ChatAdapter().callPlans(cot, stubLM({ supportsReasoning: true }, "openai/gpt-5"), {})[0]!.params).toEqual({});
    expect(new ChatAdapter().callPlans(cot, stubLM({ supportsReasoning: true }), { reasoning_effort: null })[0]!.params).toEqual({ reasoning_effort: null });
  });

  it("validates outputs with the field's Standard Schema", () => {
    const sig = signature({ inputs: { q: "str" }, outputs: { n: z.number().int().max(10) } });
    expect(new ChatAdapter().postprocess(sig, sig, { text: "[[ ## n ## ]]\n7" })).toEqual({ n: 7 });
    expect(() => new ChatAdapter().postprocess(sig, sig, { text: "[[ ## n ## ]]\n70" })).toThrow(AdapterParseError);
  });
});
