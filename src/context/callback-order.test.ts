import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { Evaluate } from "../evaluate/evaluate.js";
import { Example } from "../primitives/example.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Predict } from "../predict/predict.js";
import { ReAct } from "../predict/react.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { Tool } from "../tools/tool.js";
import type { Callback } from "./callback.js";
import { resetSettings, withSettings } from "./settings.js";

/** One hook call as capture_callback_order.py records it: call ids numbered in order of first appearance. */
type Event = { hook: string; call: number; instance?: string; error?: boolean };
interface Scenario {
  replies: Array<Record<string, unknown>>;
  devset?: Array<Record<string, string>>;
  events: Event[];
}
const oracle = JSON.parse(readFileSync(new URL("./__fixtures__/callback-order.oracle.json", import.meta.url), "utf8")) as Record<string, Scenario>;

const HOOKS = [
  "onModuleStart", "onModuleEnd", "onLmStart", "onLmEnd", "onAdapterFormatStart", "onAdapterFormatEnd",
  "onAdapterParseStart", "onAdapterParseEnd", "onToolStart", "onToolEnd", "onEvaluateStart", "onEvaluateEnd",
] as const;

/** A callback recording every hook like the Python recorder (class names without tsdspy's `Impl` suffix). */
function recorder(): { callback: Callback; events: Event[] } {
  const events: Event[] = [];
  const ids = new Map<string, number>();
  const id = (callId: string) => ids.get(callId) ?? (ids.set(callId, ids.size), ids.size - 1);
  const callback: Record<string, unknown> = {};
  for (const hook of HOOKS) {
    callback[hook] = hook.endsWith("Start")
      ? (callId: string, instance: object) => void events.push({ hook, call: id(callId), instance: instance.constructor.name.replace(/Impl$/, "") })
      : (callId: string, _outputs: unknown, error: unknown) => void events.push({ hook, call: id(callId), error: error !== null && error !== undefined });
  }
  return { callback: callback as Callback, events };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
afterEach(() => resetSettings());

/** Every hook fires in DSPy 3.3.1's order, start and end linked by one call id (capture_callback_order.py). */
describe("callback order matches DSPy 3.3.1", () => {
  it("ChainOfThought: module, inner Predict, adapter format, LM, adapter parse", async () => {
    const { replies, events: expected } = oracle.chain_of_thought!;
    const { callback, events } = recorder();
    await withSettings({ lm: new DummyLM(replies), callbacks: [callback], logger: silent }, () =>
      new ChainOfThought("question -> answer").call({ question: "What is 2+2?" }),
    );
    expect(events).toEqual(expected);
  });

  it("ReAct with a tool call: each step's Predict, the tool, finish, then the extraction ChainOfThought", async () => {
    const { replies, events: expected } = oracle.react!;
    const { callback, events } = recorder();
    const add = new Tool(({ a, b }) => Number(a) + Number(b), { name: "add", desc: "Adds two numbers.", argTypes: { a: "int", b: "int" } });
    await withSettings({ lm: new DummyLM(replies), callbacks: [callback], logger: silent }, () =>
      new ReAct("question -> answer", { tools: [add], maxIters: 5 }).call({ question: "What is 2+2?" }),
    );
    expect(events).toEqual(expected);
  });

  it("Evaluate: evaluate start, each example's Predict events in order (one thread), evaluate end", async () => {
    const { replies, devset, events: expected } = oracle.evaluate!;
    const { callback, events } = recorder();
    const examples = devset!.map((row) => new Example(row).withInputs("question"));
    await withSettings({ lm: new DummyLM(replies), callbacks: [callback], logger: silent }, () =>
      new Evaluate({ devset: examples, metric: (example, pred) => example.answer === pred.answer, numThreads: 1 }).call(new Predict("question -> answer")),
    );
    expect(events).toEqual(expected);
  });

  it("an adapter parse failure ends its parse hook with the error, before the module ends with it", async () => {
    const { callback, events } = recorder();
    const lm = new DummyLM([{ other: "x" }, { other: "x" }]);
    await withSettings({ lm, callbacks: [callback], logger: silent }, () => new Predict("question -> answer").call({ question: "q" })).catch(() => {});
    const parseEnds = events.filter((e) => e.hook === "onAdapterParseEnd");
    expect(parseEnds.length).toBeGreaterThanOrEqual(1);
    expect(parseEnds.every((e) => e.error)).toBe(true);
    expect(events.at(-1)).toEqual({ hook: "onModuleEnd", call: 0, error: true });
  });
});
