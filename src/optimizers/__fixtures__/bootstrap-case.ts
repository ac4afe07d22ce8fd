import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Adapter } from "../../adapters/adapter.js";
import { ChatAdapter } from "../../adapters/chat-adapter.js";
import { JSONAdapter } from "../../adapters/json-adapter.js";
import { XMLAdapter } from "../../adapters/xml-adapter.js";
import { silentLogger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { DSPyError } from "../../errors/dspy-error.js";
import type { Metric } from "../../evaluate/metric.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import { Prediction } from "../../primitives/prediction.js";
import { stateFileText } from "../../primitives/state-file.js";
import { ChainOfThought } from "../../predict/chain-of-thought.js";
import { Predict } from "../../predict/predict.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { PyFloat } from "../../python/py-float.js";
import { parsePyJson } from "../../python/py-json.js";
import { pyScalarEquals } from "../../adapters/validation/validate-scalar.js";
import { BootstrapFewShot } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";

/**
 * Replays the oracle's `bootstrap` cases (shared/oracle/README.md, "bootstrap") with tsdspy: the same program,
 * trainset, DummyLM and optimizer, and returns what the oracle reports (`demos`, saved `json`, `lm_calls`, `stdout`,
 * `lm_messages`) or the error.
 */

type Json = Record<string, any>;

const here = dirname(fileURLToPath(import.meta.url));

/** One case of a fixture set in this folder with the real DSPy's answer. */
export interface BootstrapCase {
  id: string;
  case: Json;
  expected: Json;
}

/** The cases of `<set>.cases.jsonl` with `<set>.expected.jsonl`, Python's number model kept. */
export function loadBootstrapCases(set: string): BootstrapCase[] {
  const read = (file: string) => readFileSync(join(here, file), "utf8").split("\n").filter((line) => line.trim() !== "");
  const expected = read(`${set}.expected.jsonl`);
  return read(`${set}.cases.jsonl`).map((line, i) => {
    const c = parsePyJson(line) as Json;
    return { id: c.id as string, case: c, expected: parsePyJson(expected[i] as string) as Json };
  });
}

/** The oracle's pipeline program: each module gets the inputs and earlier outputs named by its input fields. */
class PipelineProgram extends Module {
  declare readonly order: string[];

  constructor(modules: Array<[string, Module]>) {
    super();
    Object.defineProperty(this, "order", { value: modules.map(([attr]) => attr), enumerable: false });
    for (const [attr, module] of modules) (this as unknown as Record<string, Module>)[attr] = module;
  }

  async forward(inputs: Record<string, unknown>) {
    const env: Record<string, unknown> = { ...inputs };
    const outputs: Record<string, unknown> = {};
    for (const attr of this.order) {
      const module = (this as unknown as Record<string, Module>)[attr] as Module;
      const predictor = module instanceof ChainOfThought ? module.predict : (module as Predict);
      const args = Object.fromEntries(Object.keys(predictor.signature.inputFields).filter((k) => k in env).map((k) => [k, env[k]]));
      const prediction = (await module.call(args)) as Prediction;
      for (const [key, value] of prediction.items()) {
        env[key] = value;
        outputs[key] = value;
      }
    }
    return new Prediction(outputs);
  }
}

function buildModule(spec: Json): Module {
  const module = spec.type === "ChainOfThought" ? new ChainOfThought(spec.signature as string) : new Predict(spec.signature as string);
  const predictor = module instanceof ChainOfThought ? module.predict : (module as Predict);
  predictor.demos = ((spec.demos ?? []) as Json[]).map((demo) => (spec.demo_type === "dict" ? { ...demo } : new Example(demo)));
  if (spec.lm) throw new Error("bootstrap replay: module LMs are not used by the cases");
  return module;
}

/** A PROGRAM of the case language. */
export function buildProgram(spec: Json): Module {
  if (!spec.modules) return buildModule(spec);
  return new PipelineProgram((spec.modules as Json[]).map((m) => [m.attr as string, buildModule(m)]));
}

export function makeAdapter(name: string | undefined): Adapter {
  if (name === "json") return new JSONAdapter();
  if (name === "xml") return new XMLAdapter();
  return new ChatAdapter();
}

/** Python's `==` on parsed values: `1 == 1.0 == True`, lists item by item, dicts by keys whatever their order. */
function pyEquals(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => pyEquals(item, b[i]));
  }
  const isDict = (v: unknown): v is Json => typeof v === "object" && v !== null && !(v instanceof PyFloat);
  if (isDict(a) || isDict(b)) {
    if (!isDict(a) || !isDict(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && pyEquals(a[k], b[k]));
  }
  return pyScalarEquals(a, b);
}

function makeMetric(spec: Json | null | undefined): Metric<any> | null {
  if (!spec) return null;
  const field = spec.field as string;
  return function exact(example, prediction) {
    return pyEquals(example.get(field), (prediction as Prediction).get(field));
  };
}

/** What the oracle reports for a case. */
export type BootstrapOutcome =
  | { demos: Record<string, unknown[]>; json: string; lm_calls: number; stdout: string; lm_messages?: unknown[] }
  | { error_type: string; message: string };

/** Runs one case as the oracle does. */
export async function replayBootstrapCase(c: Json): Promise<BootstrapOutcome> {
  const program = buildProgram(c.program);
  const trainset = (c.trainset as Json[]).map((item) => {
    const { _inputs, ...fields } = item;
    return new Example(fields).withInputs(...((_inputs ?? c.input_keys) as string[]));
  });
  const adapter = makeAdapter(c.adapter);
  const lmSpec = (c.lm ?? {}) as Json;
  const answers = lmSpec.answers ?? [];
  const lm = new DummyLM(answers, { adapter, followExamples: lmSpec.mode === "follow_examples" });
  const printed: string[] = [];
  const output = { write: (text: string) => printed.push(text) };
  const params = { ...(c.params ?? {}) } as Json;
  const settings = { lm, adapter, logger: silentLogger, ...(c.max_errors !== undefined ? { maxErrors: c.max_errors as number } : {}) };

  let compiled: Module;
  try {
    compiled = await withSettings(settings, async () => {
      if (c.optimizer === "LabeledFewShot") {
        const optimizer = new LabeledFewShot(params.k === undefined ? {} : { k: params.k as number });
        return optimizer.compile(program, { trainset, sample: (params.sample ?? true) as boolean });
      }
      const optimizer = new BootstrapFewShot({
        metric: makeMetric(c.metric),
        output,
        ...(params.max_bootstrapped_demos !== undefined ? { maxBootstrappedDemos: params.max_bootstrapped_demos as number } : {}),
        ...(params.max_labeled_demos !== undefined ? { maxLabeledDemos: params.max_labeled_demos as number } : {}),
        ...(params.max_rounds !== undefined ? { maxRounds: params.max_rounds as number } : {}),
        ...(params.metric_threshold !== undefined ? { metricThreshold: Number(params.metric_threshold) } : {}),
      });
      return optimizer.compile(program, { trainset, teacher: c.teacher ? buildProgram(c.teacher) : null });
    });
  } catch (error) {
    if (!DSPyError.isInstance(error)) throw error;
    return { error_type: error.name, message: error.message };
  }
  const state = compiled.dumpState();
  const demos =
    compiled instanceof Predict
      ? { self: (state as Json).demos as unknown[] }
      : Object.fromEntries(Object.entries(state).map(([name, s]) => [name, (s as Json).demos as unknown[]]));
  const outcome: BootstrapOutcome = {
    demos,
    json: stateFileText(state, { cloudpickle: "2.1", ...(c.versions ?? {}) }),
    lm_calls: lm.history.length,
    stdout: printed.join(""),
  };
  if (c.trace_lm) outcome.lm_messages = lm.history.map((entry) => (entry.messages ?? []).map((m) => ({ role: m.role, content: m.content })));
  return outcome;
}
