import { describe, expect, it } from "vitest";
import { formatCaseResult, formatFromCase, parseFromCase } from "../../fixtures/oracle/adapter-replay.js";
import { loadOracleCases } from "../../fixtures/oracle/load-cases.js";
import { pyJsonDumps } from "../python/pyfmt.js";

/**
 * The acceptance gate: every `format` and `parse` case of fixtures/oracle (the fixed cases and seeds 1–6), replayed
 * against the answers of the real Python DSPy 3.3.1. Messages must match byte for byte; parse results must match
 * with Python's types (via `pyJsonDumps`, so 1 ≠ 1.0 ≠ "1"), and errors by type and exact message.
 */

/** Cases where tsdspy knowingly differs, with the reason. A listed case that starts passing fails the test. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** Cases that are malformed on purpose (the oracle answers `CaseError`, not a DSPy behaviour). */
const CASE_ERRORS = ["err-bad-type"];

const cases = loadOracleCases(["format", "parse"]);

function run(c: (typeof cases)[number]): { got: string; expected: string } {
  const { id: _id, output_types: _types, ...expected } = c.expected as Record<string, unknown>;
  let got: unknown;
  try {
    got = c.kind === "format" ? formatCaseResult(c.case) : parseFromCase(c.case);
  } catch (error) {
    got = { thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  return { got: pyJsonDumps(got, { ensureAscii: false }), expected: pyJsonDumps(expected, { ensureAscii: false }) };
}

describe("oracle replay (DSPy 3.3.1 format/parse answers)", () => {
  for (const kind of ["format", "parse"] as const) {
    const ofKind = cases.filter((c) => c.kind === kind && !CASE_ERRORS.includes(c.id));
    it(`${kind}: ${ofKind.length} cases agree with DSPy except the listed differences`, () => {
      const failing: string[] = [];
      const details: string[] = [];
      for (const c of ofKind) {
        const { got, expected } = run(c);
        if (got !== expected) {
          failing.push(c.id);
          if (!(c.id in KNOWN_DIFFERENCES) && details.length < 5) details.push(`${c.id}\n  expected ${expected}\n  got      ${got}`);
        }
      }
      const listed = Object.keys(KNOWN_DIFFERENCES).filter((id) => ofKind.some((c) => c.id === id));
      expect({ unexpected: failing.filter((id) => !(id in KNOWN_DIFFERENCES)), details }).toEqual({ unexpected: [], details: [] });
      expect(listed.filter((id) => !failing.includes(id))).toEqual([]);
    });
  }

  it("rejects the malformed cases like the oracle (CaseError)", () => {
    for (const c of cases.filter((x) => CASE_ERRORS.includes(x.id))) {
      expect(String(c.expected.error)).toMatch(/^CaseError/);
      expect(() => formatFromCase(c.case)).toThrow();
    }
  });
});
