import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configure, resetSettings } from "../context/settings.js";
import { silentLogger } from "../context/logger.js";
import { StateFileError } from "../errors/state-file-error.js";
import { LM } from "../clients/lm.js";
import { openAIWire } from "../providers/openai/openai-wire.case.js";
import { FakeServer } from "../providers/shared/fake-server.case.js";
import { Module } from "../primitives/module.js";
import { stateFileText } from "../primitives/state-file.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ChainOfThought } from "./chain-of-thought.js";
import { Predict } from "./predict.js";
import "../providers/builtin-providers.js";

const goodState = () => new Predict("question -> answer").dumpState() as Record<string, any>;
const withLm = (lm: Record<string, unknown>) => ({ ...goodState(), lm: { _dspy_lm_class: "dspy.clients.lm.LM", model: "openai/gpt-4o-mini", ...lm } });

class Pipeline extends Module {
  generate = new ChainOfThought("question -> answer");
  forward(inputs: { question: string }) {
    return this.generate.call(inputs);
  }
}

afterEach(() => resetSettings());

describe("state files are checked, naming the JSON path of what is wrong", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["instructions 5", { ...goodState(), signature: { instructions: 5, fields: [] } }, "Invalid state at signature.instructions: expected a string, got 5."],
    ["no signature", { ...goodState(), signature: undefined }, "Invalid state at signature: expected an object with instructions and fields, got nothing."],
    ["fields not a list", { ...goodState(), signature: { instructions: "x", fields: "x" } }, "Invalid state at signature.fields: expected a list"],
    ["prefix 5", { ...goodState(), signature: { instructions: "x", fields: [{ prefix: 5, description: "d" }] } }, "at signature.fields[0].prefix: expected a string, got 5."],
    ["demos abc", { ...goodState(), demos: "abc" }, 'Invalid state at demos: expected a list of objects, got "abc".'],
    ["demos [1]", { ...goodState(), demos: [{ question: "q" }, 1] }, "Invalid state at demos[1]: expected an object, got 1."],
    ["traces", { ...goodState(), traces: "x" }, 'Invalid state at traces: expected a list, got "x".'],
    ["lm a string", { ...goodState(), lm: "openai/gpt-4o-mini" }, 'Invalid state at lm: expected an LM state (an object) or null, got "openai/gpt-4o-mini".'],
    ["temperature hot", withLm({ temperature: "hot" }), 'Invalid state at lm.temperature: expected null or a number >= 0, got "hot".'],
    ["max_tokens -5", withLm({ max_tokens: -5 }), "Invalid state at lm.max_tokens: expected null or an integer >= 1, got -5."],
    ["max_tokens 1.5", withLm({ max_tokens: 1.5 }), "Invalid state at lm.max_tokens: expected null or an integer >= 1, got 1.5."],
    ["no model", { ...goodState(), lm: { temperature: 0.5 } }, "Invalid state at lm.model: expected a model string"],
    ["model 5", withLm({ model: 5 }), "Invalid state at lm.model: expected a model string"],
    ["model_type", withLm({ model_type: "weird" }), 'Invalid state at lm.model_type: expected "chat", "text" or "responses", got "weird".'],
    ["num_retries", withLm({ num_retries: "3" }), 'Invalid state at lm.num_retries: expected an integer >= 0, got "3".'],
    ["cache", withLm({ cache: "yes" }), 'Invalid state at lm.cache: expected true or false, got "yes".'],
    ["stop", withLm({ stop: [1] }), "Invalid state at lm.stop: expected null, a string or a list of strings, got an array of 1."],
    ["launch_kwargs", withLm({ launch_kwargs: [] }), "Invalid state at lm.launch_kwargs: expected an object, got an array of 0."],
    ["a list", [1, 2] as unknown as Record<string, unknown>, "Invalid state at the top level: expected a predictor state (an object), got an array of 2."],
  ];

  it.each(cases)("%s", (_name, state, message) => {
    const predictor = new Predict("question -> answer");
    const before = JSON.stringify(predictor.dumpState());
    const error = (() => {
      try {
        predictor.loadState(state);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toContain(message);
    expect(JSON.stringify(predictor.dumpState())).toBe(before);
  });

  it("names the predictor and the file when loading a program", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-state-"));
    try {
      const state = new Pipeline().dumpState() as Record<string, any>;
      state["generate.predict"].signature.instructions = 5;
      const file = join(dir, "program.json");
      await writeFile(file, stateFileText(state));
      const error = (await new Pipeline().load(file).catch((e: unknown) => e)) as StateFileError;
      expect(error).toBeInstanceOf(StateFileError);
      expect(error.message).toBe(`Cannot load ${file}: Invalid state at generate.predict.signature.instructions: expected a string, got 5.`);
      expect(error.path).toBe("generate.predict.signature.instructions");
      await writeFile(file, "{ not json");
      await expect(new Pipeline().load(file)).rejects.toThrow(`${file} is not valid JSON`);
      const deep = `{"generate.predict": {"demos": [{"question": ${"[".repeat(5_000)}${"]".repeat(5_000)}}]}, "metadata": {"dependency_versions": {}}}`;
      await writeFile(file, deep);
      const deepError = await new Pipeline().load(file).catch((e: unknown) => e);
      expect(deepError).toBeInstanceOf(StateFileError);
      expect((deepError as Error).message).toContain("nests arrays and objects more than 1000 levels deep");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("saving refuses, as DSPy's orjson does, more than 255 nested levels (checked without recursion)", () => {
    const nest = (levels: number) => {
      let value: unknown = [];
      for (let i = 1; i < levels; i++) value = [value];
      return value;
    };
    // Captured from DSPy 3.3.1's orjson: {"x": {"y": <n lists>}} saves for n = 253, fails for n = 254.
    expect(() => stateFileText({ x: { y: nest(253) } }, {}, "p.json")).not.toThrow();
    for (const levels of [254, 100_000]) {
      expect(() => stateFileText({ x: { y: nest(levels) } }, {}, "p.json")).toThrow("Failed to save state to p.json with error: Recursion limit reached.");
    }
  });

  it("a program's state must be an object holding every predictor; the error names what is there", () => {
    const tooSmall = /^Invalid state at the top level: expected a program state \(an object of predictor states by name\), got /;
    for (const state of [null, "x", [1, 2], 5]) {
      expect(() => new Pipeline().loadState(state as unknown as Record<string, unknown>)).toThrow(StateFileError);
      expect(() => new Pipeline().loadState(state as unknown as Record<string, unknown>)).toThrow(tooSmall);
    }
    expect(() => new Pipeline().loadState({})).toThrow("The state has no entry for predictor `generate.predict` (it has no keys).");
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, {}]));
    expect(() => new Pipeline().loadState(many)).toThrow(
      "The state has no entry for predictor `generate.predict` (keys: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, … (12 in all)).",
    );
    // An inherited name is not an entry.
    expect(() => new Pipeline().loadState(Object.create({ "generate.predict": goodState() }))).toThrow("has no entry for predictor");
  });

  it("reads what DSPy reads: an empty or false lm is no LM; extra predictor keys and fewer fields are fine", () => {
    for (const lm of [{}, false, null]) expect(new Predict("question -> answer").loadState({ ...goodState(), lm }).lm).toBeNull();
    const loaded = new Predict("question -> answer").loadState({ ...goodState(), extra: 1, signature: { instructions: "Do it.", fields: [] } });
    expect(loaded.signature.instructions).toBe("Do it.");
  });

  it("200,000 demos load and format without exhausting the stack", async () => {
    const state = goodState();
    state.demos = Array.from({ length: 200_000 }, (_, i) => ({ question: `q${i}`, answer: `a${i}` }));
    const predictor = new Predict("question -> answer").loadState(state);
    configure({ logger: silentLogger, lm: new DummyLM([{ answer: "ok" }]) });
    expect((await predictor.call({ question: "hi" })).answer).toBe("ok");
  });
});

describe("credentials, headers and endpoints come from a state file only with the caller's consent", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await FakeServer.start({ responder: () => openAIWire.ok("[[ ## answer ## ]]\nok\n\n[[ ## completed ## ]]", { prompt: 1, completion: 1 }) });
  });
  afterEach(() => server.close());

  it("drops them with a warning naming the option, and keeps them when allowed", async () => {
    const hostile = {
      api_base: `${server.url}/v1`,
      api_key: "sk-from-the-file",
      headers: { "x-evil": "1" },
      extra_headers: { "x-evil-2": "1" },
      aws_secret_access_key: "aws-from-the-file",
      temperature: 0.5,
    };
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    configure({ logger });
    const safe = new Predict("question -> answer").loadState(withLm(hostile));
    expect(warnings).toEqual([
      "Ignoring unsafe LM config key(s) during state load: ['api_base', 'api_key', 'aws_secret_access_key', 'extra_headers', 'headers']. " +
        "Pass allowUnsafeLmState: true to preserve these keys for trusted files.",
    ]);
    expect((safe.lm as LM).kwargs).toEqual({ temperature: 0.5, max_tokens: null });
    expect(JSON.stringify((safe.lm as LM).dumpState())).not.toMatch(/x-evil|from-the-file|api_base/);

    const trusted = new Predict("question -> answer").loadState(withLm({ ...hostile, cache: false }), { allowUnsafeLmState: true });
    expect(await trusted.call({ question: "q" })).toMatchObject({ answer: "ok" });
    expect(server.lastRequest.headers).toMatchObject({ "x-evil": "1", authorization: "Bearer sk-from-the-file" });
    expect(warnings).toHaveLength(1);
  });
});
