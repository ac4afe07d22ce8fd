import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeForOracle, typeFromCase, valueFromCase } from "../../../fixtures/oracle/from-case.js";
import { ValidationError } from "../../errors/validation-error.js";
import { parseType } from "../../signatures/parse-type.js";
import type { TypeNode } from "../../signatures/type-node.js";
import { PyFloat } from "../../python/py-float.js";
import { parsePyJson } from "../../python/py-json.js";
import { pyJsonDumps } from "../../python/pyfmt.js";
import { validateOutcome, validateValue } from "./validate-value.js";

const here = dirname(fileURLToPath(import.meta.url));
// pydantic 2.13's `TypeAdapter(t).validate_python(v)` for every (type, input) pair; see make-pydantic-validation.py.
const fixture = parsePyJson(readFileSync(join(here, "../__fixtures__/pydantic-validation.json"), "utf8")) as {
  models: unknown[];
  cases: Array<{ type: string; input: unknown; ok?: unknown; out_type?: string; error?: string }>;
};

describe("validateValue (pydantic lax mode)", () => {
  const registry = new Map<string, TypeNode>();
  for (const m of fixture.models) typeFromCase(m, registry);
  const types = Object.fromEntries(registry);

  it(`matches pydantic on all ${fixture.cases.length} fixture cases, values and error messages`, () => {
    const mismatches: string[] = [];
    for (const c of fixture.cases) {
      const type = parseType(c.type, { types, pipeUnion: "pep604" });
      let got: Record<string, unknown>;
      try {
        got = { ok: encodeForOracle(validateValue(type, valueFromCase(c.input))) };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        got = { error: error.message };
      }
      const sortSet = (v: unknown) => (c.out_type === "set" && Array.isArray(v) ? [...v].sort() : v);
      const expected = "error" in c ? { error: c.error } : { ok: sortSet(c.ok) };
      if ("ok" in got) got.ok = sortSet(got.ok);
      const a = pyJsonDumps(got, { ensureAscii: false });
      const b = pyJsonDumps(expected, { ensureAscii: false });
      if (a !== b) mismatches.push(`${c.type} <- ${pyJsonDumps(c.input)}\n  expected ${b}\n  got      ${a}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("keeps Python's int/float distinction", () => {
    expect(validateValue({ kind: "float" }, 3)).toEqual(new PyFloat(3));
    expect(validateValue({ kind: "int" }, new PyFloat(3))).toBe(3);
    expect(validateValue({ kind: "int" }, "100000000000000000000")).toBe(100000000000000000000n);
    expect(validateValue({ kind: "float" }, "1_000.5")).toBe(1000.5);
  });

  it("throws ValidationError carrying pydantic's issues", () => {
    try {
      validateValue(parseType("list[int]"), ["a", 2]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { type: "int_parsing", loc: [0], msg: "Input should be a valid integer, unable to parse string as an integer", input: "a" },
      ]);
      expect((error as ValidationError).title).toBe("list[int]");
    }
  });
});

describe("many failing items", () => {
  it("reports every one in nested lists, dicts and unions (no call-stack overflow from spreading them)", () => {
    const items = Array.from({ length: 200_000 }, () => "x");
    const int: TypeNode = { kind: "int" };
    const list: TypeNode = { kind: "list", item: int };
    for (const [type, input, loc] of [
      [{ kind: "list", item: list }, [items], [0, 0]],
      [{ kind: "dict", key: { kind: "str" }, value: list }, { a: items }, ["a", 0]],
      [{ kind: "union", options: [list, int], form: "typing" }, items, ["list[int]", 0]],
    ] as Array<[TypeNode, unknown, unknown[]]>) {
      const outcome = validateOutcome(type, input);
      expect(outcome.ok).toBe(false);
      const issues = (outcome as unknown as { issues: Array<{ loc: unknown[] }> }).issues;
      expect(issues.length).toBeGreaterThanOrEqual(200_000);
      expect(issues[0]!.loc).toEqual(loc);
    }
  });
});

describe("validateValue int", () => {
  it("keeps ints below 2^53 as numbers, gives 2^53 and past as bigints, and -0 as 0", () => {
    const int = parseType("int");
    expect([0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1)].map((n) => validateValue(int, n))).toEqual([0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1)]);
    expect(validateValue(int, 2 ** 53)).toBe(2n ** 53n);
    expect(Object.is(validateValue(int, -0), 0)).toBe(true);
  });
});
