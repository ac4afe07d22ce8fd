import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import type { Logger } from "../context/logger.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import { RecordingInterpreter } from "../interpreters/recording-interpreter.case.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ORACLE_TOOLS } from "./__fixtures__/react-oracle-tools.js";
import { CodeAct } from "./code-act.js";
import { interpreterTools } from "./interpreter-tools.js";

interface CodeActCase {
  case: { id: string; signature: string; instructions?: string; tools: string[]; inputs: Record<string, unknown>; answers: Array<Record<string, unknown>>; max_iters?: number };
  expected: { codeact_instructions: string; extractor_instructions: string; prediction: Record<string, unknown>; executed: string[]; lm_calls: unknown[] };
}

const cases = parsePyJson(readFileSync(new URL("./__fixtures__/code-act.oracle.json", import.meta.url), "utf8")) as CodeActCase[];

// One real Pyodide interpreter per case's tool set would cost a cold start each; all cases' tools go on one
// interpreter (a superset: a case's code only calls its own tools), reset between cases.
const allTools = [...new Set(cases.flatMap((c) => c.case.tools))].map((name) => ORACLE_TOOLS[name]!());
const python = new PythonInterpreter({ tools: interpreterTools(allTools) });
afterAll(() => python.shutdown());
afterEach(() => resetSettings());

/**
 * Replays DSPy's CodeAct (make_code_act_cases.py): instructions, every LM call's messages (trajectories with the
 * outputs and errors Pyodide produced), the code executed and the prediction with its trajectory. The tools are
 * TypeScript functions called from Python.
 */
describe("CodeAct against DSPy (oracle)", () => {
  it("has the cases", { timeout: 120_000 }, async () => {
    expect(cases.length).toBe(3);
    await python.start();
  });
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const sig = c.instructions ? signature(c.signature, c.instructions) : signature(c.signature);
      const agent = new CodeAct(sig, { tools: c.tools.map((name) => ORACLE_TOOLS[name]!()), maxIters: c.max_iters ?? 5 });
      expect(agent.codeact.signature.instructions).toBe(expected.codeact_instructions);
      expect(agent.extractor.predict.signature.instructions).toBe(expected.extractor_instructions);
      await python.reset();
      const interpreter = new RecordingInterpreter(python);
      const adapter = new ChatAdapter();
      const lm = new DummyLM(c.answers, { adapter });
      const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
      const prediction = await withSettings({ lm, adapter, logger }, () => agent.call(c.inputs, { interpreter }));
      expect(lm.history.map((h) => h.messages)).toEqual(expected.lm_calls);
      expect(interpreter.executed).toEqual(expected.executed);
      expect(pyJsonDumps(prediction.toDict())).toBe(pyJsonDumps(expected.prediction));
    });
  }
});
