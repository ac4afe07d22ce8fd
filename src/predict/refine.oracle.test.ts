import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { globalHistory, resetSettings, withSettings } from "../context/settings.js";
import type { Logger } from "../context/logger.js";
import type { TraceEntry } from "../context/trace-entry.js";
import { withTrace } from "../context/with-trace.js";
import { ValueError } from "../errors/value-error.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { BestOfN } from "./best-of-n.js";
import { ChainOfThought } from "./chain-of-thought.js";
import { MultiChainComparison } from "./multi-chain-comparison.js";
import { Predict } from "./predict.js";
import { Refine } from "./refine.js";

type Json = Record<string, any>;
const fixture = parsePyJson(readFileSync(new URL("./__fixtures__/refine.oracle.json", import.meta.url), "utf8")) as { wrappers: Json[]; mcc: Json[] };

class Draft extends Module {
  draft = new ChainOfThought("question -> draft");
  polish = new Predict("question, draft -> answer");
  async forward({ question }: Json) {
    const { draft } = await this.draft.call({ question });
    return this.polish.call({ question, draft });
  }
}

const MODULES: Record<string, () => Module<Json, Prediction>> = {
  cot: () => new ChainOfThought("question -> answer"),
  predict: () => new Predict("question -> answer"),
  draft: () => new Draft(),
};
const REWARDS: Record<string, (args: Json, pred: Prediction) => number> = {
  one_word: (_args, pred) => (String(pred.answer).trim().split(/\s+/).length === 1 ? 1 : 0),
  long_answer: (_args, pred) => String(pred.answer).length / 10,
  failing: (_args, pred) => {
    if (pred.answer === "boom") throw new ValueError("reward exploded");
    return 0.5;
  },
};

afterEach(() => resetSettings());

describe("BestOfN and Refine against DSPy 3.3.1 (oracle)", () => {
  for (const { case: c, expected } of fixture.wrappers) {
    it(c.id, async () => {
      const lm = new DummyLM(c.answers);
      const lmForRun = c.rollout_id !== undefined ? lm.copy({ rollout_id: c.rollout_id }) : lm;
      const printed: string[] = [];
      // DSPy prints attempt failures (stdout); tsdspy logs them. Other warnings (input type mismatches) are logging in both.
      const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => void (/^(BestOfN|Refine): /.test(m) && printed.push(`${m}\n`)) };
      const options = { N: c.N, rewardFn: REWARDS[c.reward]!, threshold: c.threshold, ...(c.fail_count ? { failCount: c.fail_count } : {}) };
      const wrapper =
        c.kind === "BestOfN"
          ? new BestOfN(MODULES[c.module]!(), options)
          : new Refine(MODULES[c.module]!(), { ...options, moduleCode: expected.module_code, rewardFnCode: expected.reward_fn_code });
      let trace: readonly TraceEntry[] = [];
      const start = globalHistory().length;
      let outcome: Json;
      try {
        const traced = await withTrace(() => withSettings({ lm: lmForRun, logger }, () => wrapper.call(c.inputs)));
        trace = traced.trace;
        const pred = traced.result;
        outcome = { prediction: pred === null ? null : pyJsonDumps(pred.toDict()) };
      } catch (error) {
        outcome = { error: { type: (error as Error).name, message: (error as Error).message } };
      }
      expect(globalHistory().slice(start).map((h) => h.messages)).toEqual(expected.lm_calls.map((call: Json) => call.messages));
      expect(outcome).toEqual(expected.error ? { error: expected.error } : { prediction: expected.prediction === null ? null : pyJsonDumps(expected.prediction) });
      expect(printed.join("")).toBe(expected.stdout);
      expect(pyJsonDumps(trace.map(([, inputs]) => inputs))).toBe(pyJsonDumps(expected.trace_inputs));
    });
  }

  it("runs each attempt on an LM copy with its rollout id at temperature 1.0", async () => {
    const lm = new DummyLM([{ answer: "two words" }, { answer: "one" }]).copy({ rollout_id: 7 });
    const best = new BestOfN(new Predict("question -> answer"), { N: 3, rewardFn: REWARDS.one_word!, threshold: 1 });
    const seen: unknown[] = [];
    const pred = await withSettings({ lm, callbacks: [{ onLmStart: (_id, instance) => seen.push((instance as DummyLM).kwargs) }] }, () =>
      best.call({ question: "Q?" }),
    );
    expect(pred.answer).toBe("one");
    expect(seen.map((k) => [(k as Json).rollout_id, (k as Json).temperature])).toEqual([[7, 1], [8, 1]]);
  });
});

describe("MultiChainComparison against DSPy 3.3.1 (oracle)", () => {
  for (const c of fixture.mcc) {
    it(c.id, async () => {
      if (c.error) {
        const mcc = new MultiChainComparison("question -> answer", { M: 3 });
        await expect(mcc.call({ completions: [{ reasoning: "r", answer: "a" }], question: "q" })).rejects.toThrow(c.error);
        return;
      }
      const mcc = new MultiChainComparison(c.signature, { M: c.M });
      const lm = new DummyLM([c.answer]);
      const pred = await withSettings({ lm }, () => mcc.call({ completions: c.completions, ...c.inputs }));
      expect(lm.history.map((h) => h.messages)).toEqual(c.lm_calls);
      expect(pyJsonDumps(pred.toDict())).toBe(pyJsonDumps(c.prediction));
      expect(lm.history[0]!.kwargs).toEqual(c.config);
      expect(pyJsonDumps(mcc.predict.dumpState().signature)).toBe(pyJsonDumps(c.state));
    });
  }
});
