import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import type { Logger } from "../context/logger.js";
import { BootstrapFewShot } from "../optimizers/bootstrap-few-shot/bootstrap-few-shot.js";
import { Example } from "../primitives/example.js";
import type { Prediction } from "../primitives/prediction.js";
import { stateFileText } from "../primitives/state-file.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ORACLE_TOOLS } from "./__fixtures__/react-oracle-tools.js";
import { ReAct } from "./react.js";

type Json = Record<string, any>;
const fixture = parsePyJson(readFileSync(new URL("./__fixtures__/react-program.oracle.json", import.meta.url), "utf8")) as {
  saved_program: Json;
  bootstrap: Json[];
};
const quiet: Logger = { debug() {}, info() {}, error() {}, warn() {} };

afterEach(() => resetSettings());

describe("DSPy's saved_program.json (a compiled ReAct) in tsdspy", () => {
  const c = fixture.saved_program;
  it("loads react and extract, renders Python's prompts, answers, and saves the state Python saves", async () => {
    const program = new ReAct("question -> answer", { tools: [] });
    const warnings: string[] = [];
    await withSettings({ logger: { ...quiet, warn: (m) => warnings.push(m) } }, () =>
      program.load(new URL("./__fixtures__/saved_program.json", import.meta.url).pathname),
    );
    expect(warnings.join("\n")).toContain("You saved with `dspy==3.0.0`");
    expect(program.react.demos).toHaveLength(2);
    expect(program.extract.predict.demos).toHaveLength(2);
    const lm = new DummyLM(c.answers);
    const pred = await withSettings({ lm, logger: quiet }, () => program.call(c.inputs)) as Prediction;
    expect(lm.history.map((h) => h.messages)).toEqual(c.lm_calls);
    const { trajectory, ...rest } = pred.toDict();
    expect(pyJsonDumps(trajectory)).toBe(pyJsonDumps(c.trajectory));
    expect(pyJsonDumps(rest)).toBe(pyJsonDumps(c.prediction));
    expect(stateFileText(program.dumpState(), { cloudpickle: "2.1" })).toBe(c.saved);
  });
});

describe("BootstrapFewShot over a ReAct program picks DSPy's demos", () => {
  for (const c of fixture.bootstrap) {
    it(c.id, async () => {
      const program = new ReAct("question -> answer", { tools: [ORACLE_TOOLS.search!(), ORACLE_TOOLS.add!()], maxIters: 4 });
      const lm = new DummyLM(c.answers);
      const printed: string[] = [];
      const trainset = (c.trainset as Json[]).map((t) => new Example(t).withInputs("question"));
      const compiled = await withSettings({ lm, logger: quiet }, () =>
        new BootstrapFewShot({
          metric: (example, prediction) => example.get("answer") === (prediction as Prediction).get("answer"),
          maxBootstrappedDemos: c.params.max_bootstrapped_demos,
          maxLabeledDemos: c.params.max_labeled_demos,
          output: { write: (text: string) => printed.push(text) },
        }).compile(program, { trainset }),
      );
      const state = compiled.dumpState() as Json;
      const demos = Object.fromEntries(Object.entries(state).map(([name, s]) => [name, (s as Json).demos]));
      expect(pyJsonDumps(demos)).toBe(pyJsonDumps(c.demos));
      expect(stateFileText(state, { cloudpickle: "2.1" })).toBe(c.saved);
      expect(lm.history).toHaveLength(c.lm_calls);
      expect(printed.join("")).toBe(c.stdout);
    });
  }
});
