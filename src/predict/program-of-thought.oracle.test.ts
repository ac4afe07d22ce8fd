import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import type { Logger } from "../context/logger.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import { RecordingInterpreter } from "../interpreters/recording-interpreter.case.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ProgramOfThought } from "./program-of-thought.js";

interface PotCase {
  case: { id: string; signature: string; inputs: Record<string, unknown>; answers: Array<Record<string, unknown>>; max_iters?: number };
  expected: {
    instructions: Record<"code_generate" | "code_regenerate" | "generate_output", string>;
    prediction?: Record<string, unknown>;
    error?: { type: string; message: string };
    executed: string[];
    logged_errors: string[];
    lm_calls: unknown[];
  };
}

const cases = parsePyJson(readFileSync(new URL("./__fixtures__/program-of-thought.oracle.json", import.meta.url), "utf8")) as PotCase[];

// One real Pyodide interpreter for all cases (reset between them), so the outputs fed back come from real Python.
const python = new PythonInterpreter();
afterAll(() => python.shutdown());
afterEach(() => resetSettings());

/**
 * Replays DSPy's ProgramOfThought (make_program_of_thought_cases.py) with the code run by Pyodide: the same
 * instructions, the same messages on every LM call (execution outputs and error texts included), the same code
 * executed, the same errors logged, the same prediction or error.
 */
describe("ProgramOfThought against DSPy (oracle)", () => {
  it("has the cases", { timeout: 120_000 }, async () => {
    expect(cases.length).toBe(8);
    await python.start();
  });
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const pot = new ProgramOfThought(c.signature, { maxIters: c.max_iters ?? 3, interpreterFactory: () => new RecordingInterpreter(python) });
      expect({
        code_generate: pot.code_generate.predict.signature.instructions,
        code_regenerate: pot.code_regenerate.predict.signature.instructions,
        generate_output: pot.generate_output.predict.signature.instructions,
      }).toEqual(expected.instructions);
      const interpreter = new RecordingInterpreter(python);
      await python.reset();
      const adapter = new ChatAdapter();
      const lm = new DummyLM(c.answers, { adapter });
      const errors: string[] = [];
      const logger: Logger = { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) };
      let outcome: { prediction?: string; error?: { type: string; message: string } };
      try {
        const prediction = await withSettings({ lm, adapter, logger }, () => pot.call(c.inputs, { interpreter }));
        outcome = { prediction: pyJsonDumps(prediction.toDict()) };
      } catch (error) {
        outcome = { error: { type: (error as Error).name === "ProgramOfThoughtError" ? "RuntimeError" : (error as Error).name, message: (error as Error).message } };
      }
      expect(lm.history.map((h) => h.messages)).toEqual(expected.lm_calls);
      expect(interpreter.executed).toEqual(expected.executed);
      expect(outcome).toEqual(expected.error ? { error: expected.error } : { prediction: pyJsonDumps(expected.prediction) });
      expect(errors).toEqual(expected.logged_errors);
    });
  }
});
