import { describe, expect, it } from "vitest";
import type { Message } from "../lm/message.js";
import prompts from "./__fixtures__/dspy-prompts.json" with { type: "json" };
import { readPrompt } from "./read-prompt.js";

const fixtures = prompts as Record<string, Message[]>;

// The reference's verified QA example plus an incomplete demo, written out by hand in ChatAdapter's format.
const QA_SYSTEM =
  "Your input fields are:\n1. `question` (str): \n2. `context` (str):\nYour output fields are:\n1. `answer` (str): \n2. `confidence` (float):\n" +
  "All interactions will be structured in the following way, with the appropriate values filled in.\n\n" +
  "[[ ## question ## ]]\n{question}\n\n[[ ## context ## ]]\n{context}\n\n[[ ## answer ## ]]\n{answer}\n\n" +
  "[[ ## confidence ## ]]\n{confidence}        # note: the value you produce must be a single float value\n\n[[ ## completed ## ]]\n" +
  "In adhering to this structure, your objective is: \n        Answer the question.\n        Use the context.";
const QA: Message[] = [
  { role: "system", content: QA_SYSTEM },
  { role: "user", content: "This is an example of the task, though some input or output fields are not supplied.\n\n[[ ## question ## ]]\nQ1" },
  { role: "assistant", content: "[[ ## answer ## ]]\nA1\n\n[[ ## confidence ## ]]\nNot supplied for this particular example.\n\n[[ ## completed ## ]]\n" },
  { role: "user", content: "[[ ## question ## ]]\nQ2\n\n[[ ## context ## ]]\nC2\n\n[[ ## answer ## ]]\nA2" },
  { role: "assistant", content: "[[ ## answer ## ]]\nA2\n\n[[ ## confidence ## ]]\n1.0\n\n[[ ## completed ## ]]\n" },
  {
    role: "user",
    content:
      "[[ ## question ## ]]\nWhat is up?\n\n[[ ## context ## ]]\nline one\nline two\n\n" +
      "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, then `[[ ## confidence ## ]]` (must be formatted as a valid Python float), and then ending with the marker for `[[ ## completed ## ]]`.",
  },
];

describe("readPrompt (Chat format)", () => {
  it("reads fields, multi-line instructions, demos (incomplete and complete) and the query", () => {
    const prompt = readPrompt(QA);
    expect(prompt.kind).toBe("structured");
    expect(prompt.replyFormat).toBe("chat");
    expect(prompt.inputs.map((f) => [f.name, f.kind])).toEqual([["question", "str"], ["context", "str"]]);
    expect(prompt.outputs.map((f) => [f.name, f.kind])).toEqual([["answer", "str"], ["confidence", "float"]]);
    expect(prompt.instructions).toBe("Answer the question.\nUse the context.");
    expect(prompt.demos).toHaveLength(2);
    expect(prompt.demos[0]).toEqual({ inputs: { question: { text: "Q1", value: "Q1" } }, outputs: { answer: { text: "A1", value: "A1" } }, complete: false });
    expect(prompt.demos[1]!.outputs.confidence).toEqual({ text: "1.0", value: 1 });
    expect(prompt.demos[1]!.complete).toBe(true);
    // An input section named like an output is not an output.
    expect(Object.keys(prompt.demos[1]!.inputs)).toEqual(["question", "context"]);
    expect(prompt.query).toEqual({ question: { text: "What is up?", value: "What is up?" }, context: { text: "line one\nline two", value: "line one\nline two" } });
  });

  it("reads Literal, float and bool notes, list inputs, and DSPy's own ChainOfThought prompt", () => {
    const severity = readPrompt(fixtures.chat_severity!);
    expect(severity.outputs).toEqual([
      { name: "severity", typeName: "Literal['low', 'medium', 'high']", description: "", kind: "label", choices: ["low", "medium", "high"] },
      { name: "confidence", typeName: "float", description: "", kind: "float" },
      { name: "escalate", typeName: "bool", description: "", kind: "bool" },
    ]);
    expect(severity.inputs[1]).toMatchObject({ name: "tags", kind: "json" });
    expect(severity.query.tags).toEqual({ text: '["outage"]', value: ["outage"] });
    expect(severity.demos.map((d) => d.complete)).toEqual([false, true, true]);
    expect(Object.keys(severity.demos[0]!.outputs)).toEqual(["severity"]);
    expect(severity.demos[1]!.outputs.escalate!.value).toBe(true);

    const guide = readPrompt(fixtures.chat_guide!);
    expect(guide.outputs.map((f) => f.name)).toEqual(["reasoning", "answer"]);
    expect(guide.outputs[1]!.description).toBe("Short answer naming its source");
    expect(guide.instructions).toBe("Answer the visitor's question using the guide excerpts.");
    expect(guide.demos).toHaveLength(3);
    expect(guide.query.question!.text).toBe("Where do the terns nest?");
  });

  it("reads JSON-schema notes and DSPy's «numbered» list rendering", () => {
    const prompt = readPrompt(fixtures.chat_keywords!);
    expect(prompt.outputs.map((f) => f.kind)).toEqual(["json", "json", "int"]);
    expect(prompt.outputs[0]!.schema).toEqual({ type: "array", items: { type: "string" } });
    expect(prompt.outputs[1]!.schema).toMatchObject({ type: "object", title: "Card" });
    expect(prompt.demos[0]!.outputs.keywords!.value).toEqual(["alpha", "beta"]);
    expect(prompt.query.passages!.text).toBe("[1] «««\n    gamma «x»\n»»»\n[2] «delta»");
  });
});

describe("readPrompt (JSON format)", () => {
  it("reads notes from the JSON outputs block, JSON demos, and the JSON reply request", () => {
    const prompt = readPrompt(fixtures.json_severity!);
    expect(prompt.replyFormat).toBe("json");
    expect(prompt.outputs.map((f) => [f.kind, f.choices])).toEqual([["label", ["low", "medium", "high"]], ["float", undefined], ["bool", undefined]]);
    expect(prompt.demos[0]!.complete).toBe(false);
    expect(Object.keys(prompt.demos[0]!.outputs)).toEqual(["severity"]);
    expect(prompt.demos[1]!.outputs).toEqual({
      severity: { text: "high", value: "high" },
      confidence: { text: "0.9", value: 0.9 },
      escalate: { text: "True", value: true },
    });
    const keywords = readPrompt(fixtures.json_keywords!);
    expect(keywords.outputs[1]!.schema).toMatchObject({ properties: { headline: { type: "string" } } });
    expect(keywords.demos[0]!.outputs.card!.value).toEqual({ headline: "h", score: 0.5 });
  });

  it("takes JSON mode from response_format when the prompt does not say", () => {
    const messages = QA.map((m, i) => (i === QA.length - 1 ? { ...m, content: "[[ ## question ## ]]\nWhat?" } : m));
    expect(readPrompt(messages).replyFormat).toBe("chat");
    expect(readPrompt(messages, { response_format: { type: "json_object" } }).replyFormat).toBe("json");
  });
});

describe("readPrompt (XML format)", () => {
  it("reads XMLAdapter's layout: tagged sections, nested structures and the XML reply request", () => {
    const severity = readPrompt(fixtures.xml_severity!);
    expect(severity.replyFormat).toBe("xml");
    expect(severity.outputs.map((f) => f.kind)).toEqual(["label", "float", "bool"]);
    expect(severity.demos.map((d) => Object.keys(d.outputs))).toEqual([["severity"], ["severity", "confidence", "escalate"], ["severity", "confidence", "escalate"]]);
    expect(severity.query.tags).toEqual({ text: '["outage"]', value: ["outage"] });
    const keywords = readPrompt(fixtures.xml_keywords!);
    expect(keywords.outputs.map((f) => [f.kind, f.schema])).toEqual([
      ["json", { type: "array", items: { type: "string" } }],
      ["json", { type: "object", properties: { headline: { type: "string" }, score: { type: "number" } } }],
      ["int", undefined],
    ]);
    expect(keywords.demos[0]!.outputs.keywords!.value).toEqual(["alpha", "beta"]);
    expect(keywords.demos[0]!.outputs.card!.value).toEqual({ headline: "h", score: "0.5" });
  });
});

describe("readPrompt (anything else)", () => {
  it("treats prompts without DSPy's structure as plain text, with outputs only from a JSON schema", () => {
    const plain = readPrompt([{ role: "user", content: [{ type: "text", text: "Hello there" }] }]);
    expect(plain).toMatchObject({ kind: "plain", outputs: [], demos: [], queryText: "Hello there", replyFormat: "text" });
    const schema = { type: "object", properties: { city: { type: "string" }, rank: { type: "integer" }, tier: { enum: ["a", "b"] } } };
    const withSchema = readPrompt([{ role: "user", content: "Name a city" }], { response_format: { type: "json_schema", json_schema: { name: "x", schema } } });
    expect(withSchema.replyFormat).toBe("json");
    expect(withSchema.outputs.map((f) => [f.name, f.kind])).toEqual([["city", "str"], ["rank", "int"], ["tier", "label"]]);
    expect(readPrompt([]).kind).toBe("plain");
  });
});

describe("readPrompt (values that hold section markers)", () => {
  it("keeps an agent's formatted trajectory whole: only the prompt's own fields start sections", () => {
    const prompt = readPrompt(fixtures.react_3!);
    expect(prompt.inputs.map((f) => f.name)).toEqual(["question", "trajectory"]);
    const trajectory = prompt.query.trajectory!.text;
    expect(trajectory.startsWith("[[ ## thought_0 ## ]]\nFind the capital.")).toBe(true);
    expect(trajectory).toContain("[[ ## observation_1 ## ]]\nVexburg has 41,000 inhabitants.");
    expect(trajectory.endsWith("[[ ## observation_2 ## ]]\nCompleted.")).toBe(true);
  });
});
