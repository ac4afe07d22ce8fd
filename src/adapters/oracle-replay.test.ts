import { describe, expect, it } from "vitest";
import { formatCaseResult, formatFromCase, parseFromCase } from "../../fixtures/oracle/adapter-replay.js";
import { loadOracleCases } from "../../fixtures/oracle/load-cases.js";
import { pyJsonDumps } from "../python/pyfmt.js";

/**
 * The acceptance gate: every `format` and `parse` case of fixtures/oracle (fixed, seeds 1–6, hardening, shapes), replayed
 * against the answers of the real Python DSPy 3.3.1. Messages must match byte for byte; parse results must match
 * with Python's types (via `pyJsonDumps`, so 1 ≠ 1.0 ≠ "1"), and errors by type and exact message.
 */

/** Cases where tsdspy knowingly differs, with the reason. A listed case that starts passing fails the test. */
const NON_FINITE_IN_MODEL =
  "a validated model is a plain object in tsdspy, so its non-finite float dumps like a dict's (null); a pydantic model " +
  "instance keeps inf/nan (docs/compat.md, Adapters)";
const KNOWN_DIFFERENCES: Record<string, string> = Object.fromEntries(
  [72, 73, 74, 75, 76, 77, 78, 79, 80].map((n) => [`h-nonfinite-format-${n}`, NON_FINITE_IN_MODEL]),
);

/**
 * The tsdspy error class for each exception class DSPy raises outside `parse` (docs/compat.md, "Error classes"): the
 * message is DSPy's, the class is tsdspy's typed error.
 */
const ERROR_CLASSES: Record<string, string> = { NameError: "SignatureError", SchemaError: "SignatureError", ValidationError: "ValidationError" };

/** Cases that are malformed on purpose (the oracle answers `CaseError`, not a DSPy behaviour). */
const CASE_ERRORS = ["err-bad-type"];

const cases = loadOracleCases(["format", "parse"]);

function run(c: (typeof cases)[number]): { got: string; expected: string } {
  const { id: _id, output_types: _types, error: dspyError, ...expected } = c.expected as Record<string, unknown>;
  if (dspyError !== undefined && typeof expected.error_type === "string") {
    expected.error_type = ERROR_CLASSES[expected.error_type] ?? `unmapped DSPy ${expected.error_type}`;
  }
  let got: unknown;
  try {
    got = c.kind === "format" ? formatCaseResult(c.case) : parseFromCase(c.case);
  } catch (error) {
    got = error instanceof Error ? { error_type: error.name, message: error.message } : { thrown: String(error) };
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
