import { describe, expect, it } from "vitest";
import { cloneData } from "./clone-data.js";

describe("cloneData", () => {
  it("copies JSON-like data deeply, equal to structuredClone", () => {
    const value = { outputs: [{ text: "Paris", tool_calls: [{ id: "1", args: { a: [1, 2, { b: null }] } }] }], usage: { total_tokens: 3 }, cost: null, flag: true, gone: undefined, neg: -0 };
    const copy = cloneData(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(Object.is(copy.neg, -0)).toBe(true);
    expect(copy.outputs).not.toBe(value.outputs);
    expect(copy.outputs[0]!.tool_calls[0]!.args).not.toBe(value.outputs[0]!.tool_calls[0]!.args);
    copy.outputs[0]!.text = "changed";
    expect(value.outputs[0]!.text).toBe("Paris");
  });

  it("keeps a __proto__ key as own data", () => {
    const value = JSON.parse('{"d": {"__proto__": {"isAdmin": true}}}') as { d: Record<string, unknown> };
    const copy = cloneData(value);
    expect(Object.keys(copy.d)).toEqual(["__proto__"]);
    expect((copy.d as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(copy.d)).toBe(Object.prototype);
  });

  it("hands anything that is not plain data to structuredClone", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const copied = cloneData(cyclic);
    expect(copied.self).toBe(copied);
    const value = { when: new Date(0), map: new Map([[1, 2]]), bytes: new Uint8Array([1, 2]), holes: [1, , 3] };
    expect(cloneData(value)).toStrictEqual(structuredClone(value));
    let deep: unknown = "leaf";
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(cloneData(deep)).toStrictEqual(deep);
    class Point {
      x = 1;
    }
    expect(cloneData({ p: new Point() })).toStrictEqual(structuredClone({ p: new Point() }));
  });

  it("refuses what structuredClone refuses", () => {
    expect(() => cloneData({ f: () => 1 })).toThrow(/could not be cloned/);
  });
});
