import { describe, expect, it } from "vitest";
import { RecursionError } from "../../errors/recursion-error.js";
import { ValueError } from "../../errors/value-error.js";
import { brokenJsonDocuments, committedJsonRepairInputs } from "../__fixtures__/broken-json-documents.js";
import { decodePythonJson } from "./python-json.js";
import { JsonRepairParser } from "./repair-parser.js";
import { STRING_WORK_PER_CHARACTER, WORK_BASE, WORK_PER_CHARACTER } from "./repair-cursor.js";

interface Work {
  steps: number;
  stringSteps: number;
  stopped: boolean;
}

/** Runs the repair parser on `text` and reports its work, and whether it stopped at the work limit. */
function work(text: string): Work {
  const parser = new JsonRepairParser(text);
  let stopped = false;
  try {
    parser.readDocument();
  } catch (error) {
    // Nesting past the depth limit ends the reading too (jsonRepairLoads reports a ValueError).
    if (error instanceof RecursionError) return { steps: parser.steps, stringSteps: parser.stringSteps, stopped };
    if (!(error instanceof ValueError && error.message.startsWith("Cannot repair this JSON in linear time"))) throw error;
    stopped = true;
  }
  return { steps: parser.steps, stringSteps: parser.stringSteps, stopped };
}

/** The degenerate replies of bench/parse-sweep.bench.ts that reach json_repair (a unit repeated, after a prefix). */
const HOSTILE: Array<[prefix: string, unit: string]> = [
  ["", "{"],
  ["", "{ x "],
  ['{"d": "', "lorem ipsum "],
  ["", "["],
  ["", '{"a": '],
  ["", "("],
  ["", '{"'],
  ["", '["'],
  ['{"d": "', '\\n\\"'],
  ["", ",{1"],
  ["", '{e]"'],
  ["", "[[ ## d ## ]]\n"],
  ['{\\"d\\": \\"', "lorem ipsum "],
  ['{"d": [', "'a':"],
];

describe("json_repair's work limit", () => {
  it("bounds the work on degenerate replies by a fixed amount per character", () => {
    const size = 10_000;
    for (const [prefix, unit] of HOSTILE) {
      const text = prefix + unit.repeat(Math.ceil(size / unit.length));
      const { steps, stringSteps } = work(text);
      // The last piece of work counted may overshoot the limit by at most the text's length.
      expect(steps, unit).toBeLessThanOrEqual(WORK_PER_CHARACTER * text.length + WORK_BASE + text.length);
      expect(stringSteps, unit).toBeLessThanOrEqual(STRING_WORK_PER_CHARACTER * text.length + WORK_BASE + text.length);
    }
  });

  it("turns a long text edited again and again into an array of code points, and still stops it", () => {
    // `'a':` after `[` makes json_repair insert a character and re-read, over and over: as a string each edit would
    // copy the whole text.
    const parser = new JsonRepairParser('{"d": [' + "'a':".repeat(20_000));
    expect(() => parser.readDocument()).toThrow(/^Cannot repair this JSON in linear time/);
    expect(Array.isArray(parser.chars)).toBe(true);
    expect(parser.steps).toBeLessThanOrEqual(WORK_PER_CHARACTER * parser.chars.length + WORK_BASE + parser.chars.length);
  });

  it("stops the replies json_repair would re-read quadratically, and only those", () => {
    const stopped = (prefix: string, unit: string) => work(prefix + unit.repeat(Math.ceil(50_000 / unit.length))).stopped;
    expect(HOSTILE.filter(([prefix, unit]) => stopped(prefix, unit)).map(([, unit]) => unit)).toStrictEqual(["(", ",{1", '{e]"', "'a':"]);
  });

  it("leaves real documents at least half the limit", () => {
    const half = (text: string) => ({ steps: (WORK_PER_CHARACTER * text.length + WORK_BASE) / 2, string: (STRING_WORK_PER_CHARACTER * text.length + WORK_BASE) / 2 });
    const inputs = committedJsonRepairInputs();
    for (const input of inputs) {
      if (decodePythonJson(input) !== undefined) continue;
      const { steps, stringSteps, stopped } = work(input);
      expect(stopped, input).toBe(false);
      expect(steps, input).toBeLessThanOrEqual(half(input).steps);
      expect(stringSteps, input).toBeLessThanOrEqual(half(input).string);
    }
    for (const seed of [1, 2]) {
      for (const doc of brokenJsonDocuments(inputs, 60_000, seed)) {
        const { steps, stringSteps, stopped } = work(doc.text);
        expect(stopped, doc.name).toBe(false);
        expect(steps / doc.text.length, doc.name).toBeLessThanOrEqual(WORK_PER_CHARACTER / 2);
        expect(stringSteps / doc.text.length, doc.name).toBeLessThanOrEqual(STRING_WORK_PER_CHARACTER / 2);
      }
    }
  });
});
