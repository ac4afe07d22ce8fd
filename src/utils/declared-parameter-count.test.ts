import { describe, expect, it } from "vitest";
import { declaredParameterCount } from "./declared-parameter-count.js";

describe("declaredParameterCount", () => {
  it("counts declared parameters, defaults and destructuring included", () => {
    expect(declaredParameterCount((a: number, b = 1) => a + b)).toBe(2);
    expect(declaredParameterCount(((x: unknown) => x) as never)).toBe(1);
    expect(declaredParameterCount(() => 0)).toBe(0);
    expect(declaredParameterCount(function named(a: unknown, { b, c }: { b: 1; c: [1, 2] } = { b: 1, c: [1, 2] }, d = "(,)") {
      return [a, b, c, d];
    })).toBe(3);
    expect(declaredParameterCount(async (a: unknown, /* b, */ c: unknown) => [a, c])).toBe(2);
    const obj = { method(a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) { return [a, b, c, d, e]; } };
    expect(declaredParameterCount(obj.method)).toBe(5);
    expect(declaredParameterCount(new Function("a", "b", "return a") as never)).toBe(2);
  });

  it("gives null when the parameters are unbounded or unreadable", () => {
    expect(declaredParameterCount((...args: unknown[]) => args)).toBeNull();
    expect(declaredParameterCount(Math.max)).toBeNull();
    expect(declaredParameterCount(((a: unknown) => a).bind(null) as never)).toBeNull();
  });
});
