import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { LM } from "../clients/lm.js";
import "../providers/builtin-providers.js";
import { configure, resetSettings, withSettings } from "../context/settings.js";
import type { Logger } from "../context/logger.js";
import { withTrace } from "../context/with-trace.js";
import { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { readFileSync } from "node:fs";
import { parsePyJson } from "../python/py-json.js";
import { ChainOfThought } from "./chain-of-thought.js";
import { Predict } from "./predict.js";

function capture(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
}

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

afterEach(() => resetSettings());

describe("Predict", () => {
  it("formats, calls the LM and parses the reply, typed from the signature", async () => {
    const lm = new DummyLM([{ answer: "Paris" }]);
    configure({ lm });
    const qa = new Predict("question -> answer");
    const pred = await qa.call({ question: "What is the capital of France?" });
    expectTypeOf(pred.answer).toEqualTypeOf<string>();
    expect(pred.answer).toBe("Paris");
    expect(lm.history).toHaveLength(1);
    expect(lm.history[0]!.messages![1]!.content).toBe(
      "[[ ## question ## ]]\nWhat is the capital of France?\n\nRespond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.",
    );
    expect(qa.history).toHaveLength(1);
  });

  it("returns all completions for n > 1 (DSPy's test_multi_output)", async () => {
    configure({ lm: new DummyLM([{ output: "first" }, { output: "second" }]) });
    const pred = await new Predict("question -> output").call({ question: "q" }, { config: { n: 2 } });
    expect(pred.completions!.get("output")).toEqual(["first", "second"]);
  });

  it("uses the per-call LM over its own over the configured one, and says clearly when there is none", async () => {
    const predict = new Predict("q -> a");
    await expect(predict.call({ q: "x" })).rejects.toThrow("No LM is loaded.");
    configure({ lm: new DummyLM([{ a: "global" }]) });
    predict.lm = new DummyLM([{ a: "own" }]);
    expect((await predict.call({ q: "x" })).a).toBe("own");
    expect((await predict.call({ q: "x" }, { lm: new DummyLM([{ a: "call" }]) })).a).toBe("call");
  });

  it("records [predictor, inputs, prediction] in an active trace", async () => {
    configure({ lm: new DummyLM([{ a: "1" }]) });
    const predict = new Predict("q -> a");
    const { trace } = await withTrace(() => predict.call({ q: "x" }));
    expect(trace).toHaveLength(1);
    expect(Object.isFrozen(trace)).toBe(true);
    expect(trace[0]![0]).toBe(predict);
    expect(trace[0]![1]).toEqual({ q: "x" });
    expect((trace[0]![2] as Prediction).a).toBe("1");
  });

  it("fills input defaults and warns about extra, mistyped and missing inputs with DSPy's texts", async () => {
    const logger = capture();
    configure({ lm: new DummyLM([{ c: "1" }, { c: "2" }, { c: "3" }]), logger });
    const sig = signature({ inputs: { a: { type: "str", default: "dflt" }, b: "int" }, outputs: { c: "str" } });
    const predict = new Predict(sig);
    await predict.call({ b: 1, extra: 2 } as never);
    expect(predict.history[0]!.messages![1]!.content).toContain("[[ ## a ## ]]\ndflt");
    expect(logger.warnings).toEqual([
      "Input contains fields not in signature. These fields will be ignored: ['extra']. Expected fields: ['a', 'b'].",
    ]);
    await predict.call({ a: "x", b: "not an int" } as never);
    expect(logger.warnings[1]).toBe(
      "Type mismatch for field 'b': expected int based on given Signature, but the provided value is incompatible: not an int.",
    );
    await predict.call({ a: "x" } as never);
    expect(logger.warnings[2]).toBe("Not all input fields were provided to module. Present: ['a']. Missing: ['b'].");
  });

  it("falls back from ChatAdapter to JSONAdapter once when the reply does not parse", async () => {
    const lm = new DummyLM([{ answer: "unparseable for chat" }, { answer: "Paris" }], { adapter: new JSONAdapter() });
    configure({ lm });
    // Both answers are written as JSON objects, which ChatAdapter cannot parse and JSONAdapter can.
    const pred = await new Predict("question -> answer").call({ question: "q" });
    expect(pred.answer).toBe("Paris");
    expect(lm.history).toHaveLength(2);
    expect(lm.history[1]!.messages![0]!.content).toContain("Outputs will be a JSON object with the following fields.");
  });

  it("dumps DSPy's state (the reference's two-predictor file, byte for byte) and loads it back", async () => {
    class QA extends Module {
      generate = new ChainOfThought("question -> answer");
      verify = new Predict("question, answer -> ok: bool");
      forward() {
        return this.verify.call({ question: "", answer: "" });
      }
    }
    const program = new QA();
    program.generate.predict.demos = [
      new Example({ augmented: true, question: "2+2?", reasoning: "Add.", answer: "4" }),
      new Example({ question: "Capital of France?", answer: "Paris" }).withInputs("question"),
    ];
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-predict-"));
    await program.save(join(dir, "no-lm.json"));
    program.generate.predict.lm = new LM("openai/gpt-4o-mini", { temperature: 0.7, maxTokens: 1000 });
    await program.save(join(dir, "with-lm.json"));
    const expected = readFileSync(fixture("reference-save.expected.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).json);
    expect(await readFile(join(dir, "with-lm.json"), "utf8")).toBe(expected[0]);
    expect(await readFile(join(dir, "no-lm.json"), "utf8")).toBe(expected[1]);

    const restored = await new QA().load(join(dir, "with-lm.json"));
    expect(restored.generate.predict.demos).toEqual([
      { augmented: true, question: "2+2?", reasoning: "Add.", answer: "4" },
      { question: "Capital of France?", answer: "Paris" },
    ]);
    expect(restored.generate.predict.lm!.dumpState()).toEqual(program.generate.predict.lm.dumpState());
  });

  it("drops unsafe LM keys when loading unless trusted", () => {
    const logger = capture();
    configure({ logger });
    const state = new Predict("q -> a").dumpState();
    state.lm = { _dspy_lm_class: "dspy.clients.lm.LM", model: "openai/gpt-4o-mini", api_base: "http://evil.example", temperature: null, max_tokens: null };
    const loaded = new Predict("q -> a").loadState(state);
    expect(JSON.stringify(loaded.lm!.dumpState())).not.toContain("evil");
    expect(logger.warnings[0]).toContain("Ignoring unsafe LM config key(s) during state load: ['api_base']");
    expect(() => new Predict("q -> a").loadState({ ...state, extended_signature: {} })).toThrow(
      "Loading extended_signature is no longer supported in DSPy 2.6+",
    );
  });
});

describe("ChainOfThought", () => {
  it("prepends reasoning and exposes the inner predictor as `predict` (the article's SupportPipeline)", () => {
    const GenerateResolution = signature({
      name: "GenerateResolution",
      instructions: "Generate a support resolution using retrieved policy documents.",
      inputs: { policy_context: { type: "str", desc: "Retrieved policy passages" }, ticket_text: { type: "str", desc: "The customer's message" } },
      outputs: { resolution: { type: "str", desc: "Concise resolution with policy citation" } },
    });
    class SupportPipeline extends Module {
      generate_resolution = new ChainOfThought(GenerateResolution);
      forward(inputs: { ticket_text: string; policy_context: string }) {
        return this.generate_resolution.call(inputs);
      }
    }
    const predictors = new Map(new SupportPipeline().namedPredictors());
    expect([...predictors.keys()]).toEqual(["generate_resolution.predict"]);
    const sig = (predictors.get("generate_resolution.predict") as Predict).signature;
    expect(Object.keys(sig.inputFields)).toEqual(["policy_context", "ticket_text"]);
    expect(Object.keys(sig.outputFields)).toEqual(["reasoning", "resolution"]);
    expect(sig.fields.reasoning!.prefix).toBe("Reasoning:");
  });

  it("answers with reasoning", async () => {
    configure({ lm: new DummyLM([{ reasoning: "2 plus 2", answer: "4" }]) });
    const pred = await new ChainOfThought("question -> answer").call({ question: "2+2?" });
    expectTypeOf(pred.reasoning).toEqualTypeOf<string>();
    expect([pred.reasoning, pred.answer]).toEqual(["2 plus 2", "4"]);
  });

  it("loads DSPy's saved_program.json `extract.predict` and renders the prompt Python renders", async () => {
    class Extract extends Module {
      extract = new ChainOfThought("question, trajectory -> answer");
      forward(inputs: Record<string, unknown>) {
        return this.extract.call(inputs as { question: string; trajectory: string });
      }
    }
    const cases = readFileSync(fixture("saved-program.cases.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const expected = readFileSync(fixture("saved-program.expected.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const logger = capture();
    configure({ logger });
    const program = await new Extract().load(new URL(fixture("saved_program.json")).pathname);
    expect(logger.warnings[0]).toContain("You saved with `dspy==3.0.0`, but now you have `dspy==3.3.1`.");
    const predict = program.extract.predict;
    expect(predict.demos).toHaveLength(2);
    // Round trip: the loaded predictor dumps exactly the state Python saved.
    const file = parsePyJson(readFileSync(fixture("saved_program.json"), "utf8")) as Record<string, unknown>;
    expect(program.dumpState()["extract.predict"]).toEqual(file["extract.predict"]);
    expect(predict.signature.instructions).toBe(expected[0].instructions);
    const adapters = { chat: undefined, json: new JSONAdapter() };
    for (const [i, c] of cases.entries()) {
      const lm = new DummyLM([{ reasoning: "r", answer: "a" }], { adapter: (adapters as Record<string, JSONAdapter | undefined>)[c.adapter] });
      await withSettings({ lm, adapter: (adapters as Record<string, JSONAdapter | undefined>)[c.adapter] ?? null }, () => program.call(c.inputs));
      expect(lm.history[0]!.messages).toEqual(expected[i].messages);
    }
  });
});
