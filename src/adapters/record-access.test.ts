import { describe, expect, it } from "vitest";
import { hasKey, readKey } from "./record-access.js";

describe("record access", () => {
  it("reads plain records with undefined as None", () => {
    expect(hasKey({ a: undefined }, "a")).toBe(true);
    expect(readKey({ a: undefined }, "a")).toBeNull();
    expect(hasKey({}, "toString")).toBe(false);
    expect(readKey({}, "missing")).toBeNull();
  });

  it("reads record proxies by their own data, even for keys named like methods", () => {
    const store: Record<string, unknown> = { keys: "a field", question: "q" };
    const target = { keys: () => Object.keys(store) };
    const example = new Proxy(target, {
      get: (t, p) => (typeof p === "string" && p in t ? (t as Record<string, unknown>)[p] : store[p as string]),
      has: (_t, p) => typeof p === "string" && Object.hasOwn(store, p),
      ownKeys: () => Object.keys(store),
      getOwnPropertyDescriptor: (_t, p) =>
        typeof p === "string" && Object.hasOwn(store, p) ? { value: store[p], writable: true, enumerable: true, configurable: true } : undefined,
    });
    expect(hasKey(example, "question")).toBe(true);
    expect(readKey(example, "keys")).toBe("a field");
    expect(hasKey(example, "answer")).toBe(false);
  });
});
