import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order and drops undefined members", () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: "é" }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [3, { x: "é", z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[3,{"x":"é","z":1}]},"b":1}');
  });

  it("renders functions by name, honours toJSON, and writes non-finite numbers as null", () => {
    function tool() {}
    expect(canonicalJson({ f: tool, d: new Date(0), n: Number.NaN, u: [undefined] })).toBe(
      '{"d":"1970-01-01T00:00:00.000Z","f":"<callable:tool>","n":null,"u":[null]}',
    );
  });

  it("writes empty objects and arrays, and leaves an array's holes empty (cache keys stay what they were)", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson({ e: {}, l: [], s: [1, , 3], o: { only: undefined } })).toBe('{"e":{},"l":[],"o":{},"s":[1,,3]}');
  });
});
