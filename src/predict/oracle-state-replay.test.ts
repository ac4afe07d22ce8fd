import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterFromCase, prepareValues } from "../../fixtures/oracle/adapter-replay.js";
import { encodeForOracle } from "../../fixtures/oracle/from-case.js";
import { loadOracleCases } from "../../fixtures/oracle/load-cases.js";
import { programFromCase } from "../../fixtures/oracle/program-from-case.js";
// Predictor states carry LMs: the LM class and the built-in providers must be registered, as the package root does.
import "../clients/lm.js";
import "../providers/builtin-providers.js";
import { configure, resetSettings } from "../context/settings.js";
import { silentLogger } from "../context/logger.js";
import { stateFileText } from "../primitives/state-file.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import type { Predict } from "./predict.js";

/**
 * Replays every `save` and `load_then_format` case the real DSPy 3.3.1 answered (fixtures/oracle): the state file
 * tsdspy writes must equal Python's byte for byte, and a Python-written state loaded into tsdspy must format the
 * same prompt. No case is excused.
 */
const cases = loadOracleCases(["save", "load_then_format"]);

/** DSPy's error class on a failed save → tsdspy's (docs/errors.md): a save that cannot be written is a StateFileError. */
const SAVE_ERROR_CLASSES: Record<string, string> = { RuntimeError: "StateFileError" };

const bigIntCaveat = (expected: Record<string, unknown>) =>
  Array.isArray(expected.caveats) && expected.caveats.some((c) => String(c).startsWith("orjson-bigint-load"));
/** Replaces integers of 19+ digits and floats with a positive exponent, the two spellings of a >64-bit integer. */
const withoutBigNumbers = (text: string) => text.replace(/-?\d{19,}|-?\d(?:\.\d+)?e\+\d+|-?1\.0e\+\d+/g, "<big>");

beforeAll(() => configure({ logger: silentLogger }));
afterAll(() => resetSettings());

describe("oracle: save", () => {
  const saves = cases.filter((c) => c.kind === "save");
  it("has cases", () => expect(saves.length).toBeGreaterThan(300));
  for (const c of saves) {
    it(`${c.id}`, () => {
      const expected = c.expected;
      let text: string;
      try {
        const program = programFromCase(c.case.program as Record<string, unknown>);
        // The oracle ran with cloudpickle 2.1 (see fixtures/oracle/oracle-info.json); tsdspy records a conforming 3.1.
        const versions = { cloudpickle: "2.1", ...(c.case.versions as Record<string, string> | undefined) };
        text = stateFileText(program.dumpState(), versions, "{path}");
      } catch (error) {
        expect(expected.error_type, `tsdspy threw: ${(error as Error).message}`).toBeDefined();
        expect((error as Error).name).toBe(SAVE_ERROR_CLASSES[expected.error_type as string] ?? `unmapped DSPy ${String(expected.error_type)}`);
        expect((error as Error).message.split(". Your DSPy program")[0]).toBe((expected.message as string).split(". Your DSPy program")[0]);
        return;
      }
      expect(expected.error, `DSPy failed with ${String(expected.error)}`).toBeUndefined();
      expect(text).toBe(expected.json);
    });
  }
});

describe("oracle: load_then_format", () => {
  const loads = cases.filter((c) => c.kind === "load_then_format");
  it("has cases", () => expect(loads.length).toBeGreaterThan(100));
  for (const c of loads) {
    it(`${c.id}`, () => {
      const program = programFromCase(c.case.program as Record<string, unknown>);
      program.loadState(parsePyJson(c.case.state as string) as Record<string, unknown>, {
        allowUnsafeLmState: Boolean(c.case.allow_unsafe_lm_state),
      });
      const predictors = new Map(program.namedPredictors());
      const name = (c.case.predictor as string | undefined) ?? [...predictors.keys()][0]!;
      const predictor = predictors.get(name) as Predict;
      const adapter = adapterFromCase(c.case.adapter, c.case.adapter_options);
      const inputs = prepareValues(predictor.signature, c.case.inputs ?? {}, c.case.coerce === true);
      const messages = adapter.format(predictor.signature, predictor.demos, inputs);
      const demos = pyJsonDumps(encodeForOracle(predictor.demos));
      if (bigIntCaveat(c.expected)) {
        // The oracle's orjson 3.8 reads integers beyond 64 bits as floats (`1e+20`); tsdspy keeps them exact
        // (docs/compat.md). Everything else must still match.
        expect(withoutBigNumbers(JSON.stringify(messages))).toBe(withoutBigNumbers(JSON.stringify(c.expected.messages)));
        expect(withoutBigNumbers(demos)).toBe(withoutBigNumbers(pyJsonDumps(c.expected.demos)));
      } else {
        expect(messages).toEqual(c.expected.messages);
        expect(demos).toBe(pyJsonDumps(c.expected.demos));
      }
      expect(predictor.signature.instructions).toBe(c.expected.instructions);
      expect(name).toBe(c.expected.predictor);
    });
  }
});
