import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JsonKeysError, partialJsonKeys } from "./partial-json-keys.js";

/** jiter 0.17.0's answers for every prefix of three objects and some malformed texts (`capture-jiter-keys.py`). */
const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/jiter-keys.json", import.meta.url), "utf8")) as {
  cases: Array<{ text: string; partial: { keys?: string[]; error?: string }; strict: { keys?: string[]; error?: string } }>;
};

function read(text: string, partial: boolean): { keys?: string[]; error?: true } {
  try {
    return { keys: partialJsonKeys(text, partial) };
  } catch (error) {
    if (error instanceof JsonKeysError) return { error: true };
    throw error;
  }
}

describe("partialJsonKeys reads JSON as jiter does", () => {
  for (const mode of ["partial", "strict"] as const) {
    it(`gives jiter's keys, or fails where it fails (${mode})`, () => {
      const mismatches = fixture.cases.flatMap((c) => {
        const want = c[mode].error !== undefined ? { error: true } : { keys: c[mode].keys };
        const got = read(c.text, mode === "partial");
        return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${JSON.stringify(c.text)}: got ${JSON.stringify(got)}, jiter ${JSON.stringify(c[mode])}`];
      });
      expect(mismatches).toEqual([]);
      expect(fixture.cases.length).toBeGreaterThan(300);
    });
  }
});
