import { afterEach, describe, expect, it } from "vitest";
import { loadOracleCases } from "../../../fixtures/oracle/load-cases.js";
import { resetSettings } from "../../context/settings.js";
import { loadBootstrapCases, replayBootstrapCase, type BootstrapCase } from "../__fixtures__/bootstrap-case.js";

/**
 * Parity gate: every `bootstrap` case answered by the real DSPy 3.3.1 — the shared fixtures (fixtures/oracle) and this
 * folder's extra sets — replayed with tsdspy must give the same demos in the same order, the same saved state text,
 * LM call count, printed line and (when recorded) prompts, or the same error.
 */
const shared: BootstrapCase[] = loadOracleCases(["bootstrap"]).map((c) => ({ id: c.id, case: c.case, expected: c.expected }));
const cases: BootstrapCase[] = [...shared, ...loadBootstrapCases("oracle-gen-101"), ...loadBootstrapCases("extra-7")];

/** Cases tsdspy cannot match, with the reason (see docs/compat.md, "Optimizers"). */
const KNOWN_DIFFERENCES: Record<string, string> = {};

function comparable(expected: Record<string, unknown>): Record<string, unknown> {
  if ("error_type" in expected) return { error_type: expected.error_type, message: expected.message };
  const { id: _id, caveats: _caveats, ...rest } = expected;
  return rest;
}

afterEach(() => resetSettings());

describe("BootstrapFewShot / LabeledFewShot replay the DSPy oracle", () => {
  it("covers the shared fixtures and at least 200 extra cases", () => {
    expect(shared.length).toBeGreaterThanOrEqual(100);
    expect(cases.length - shared.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.filter((c) => !(c.id in KNOWN_DIFFERENCES)).map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const actual = await replayBootstrapCase(c.case);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(comparable(c.expected))));
  });
});
