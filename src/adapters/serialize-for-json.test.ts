import { expect, it } from "vitest";
import { PyFloat } from "../python/py-float.js";
import { serializeForJson } from "./serialize-for-json.js";

it("turns non-finite floats inside containers into null, keeping a bare one (pydantic's JSON mode on untyped values)", () => {
  expect(serializeForJson(Infinity)).toBe(Infinity);
  expect(serializeForJson([1.5, Infinity, new PyFloat(-Infinity)])).toEqual([1.5, null, null]);
  expect(serializeForJson({ k: NaN, nested: { deep: [NaN] } })).toEqual({ k: null, nested: { deep: [null] } });
  expect(serializeForJson(new Map([["k", -Infinity]]))).toEqual({ k: null });
});

it("keeps __proto__ keys as data", () => {
  const out = serializeForJson(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
  expect(Object.keys(out)).toEqual(["__proto__"]);
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
});
