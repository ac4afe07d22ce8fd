import { afterEach, describe, expect, it } from "vitest";
import type { HistoryEntry } from "../lm/history-entry.js";
import { approximateBytes } from "../utils/approximate-bytes.js";
import { HistoryStore } from "./history-store.js";
import { configure, globalHistory, recordGlobalHistory, resetSettings } from "./settings.js";

afterEach(() => resetSettings());

const entry = (text: string): HistoryEntry => ({
  prompt: null,
  messages: [{ role: "user", content: text }],
  kwargs: {},
  response: null,
  outputs: [text],
  usage: {},
  cost: null,
  timestamp: "2025-01-01T00:00:00.000Z",
  uuid: text,
  model: "m",
  response_model: null,
  model_type: "chat",
});

describe("HistoryStore", () => {
  it("keeps at most maxEntries, dropping the oldest", () => {
    const store = new HistoryStore();
    for (let i = 0; i < 3000; i++) store.add(entry(String(i)), { maxEntries: 1000, maxBytes: Infinity });
    const entries = store.entries();
    expect(entries).toHaveLength(1000);
    expect(entries[0]!.uuid).toBe("2000");
    expect(entries.at(-1)!.uuid).toBe("2999");
  });

  it("keeps within maxBytes, dropping the oldest, but always the newest entry", () => {
    const store = new HistoryStore();
    const size = approximateBytes(entry("x".repeat(1000)));
    for (let i = 0; i < 10; i++) store.add(entry(`${i}`.padEnd(1000, "x")), { maxEntries: 100, maxBytes: size * 3.5 });
    expect(store.entries().map((e) => e.uuid.trim()[0])).toEqual(["7", "8", "9"]);
    expect(store.byteSize).toBeLessThanOrEqual(size * 3.5);
    store.add(entry("y".repeat(100_000)), { maxEntries: 100, maxBytes: size * 3.5 });
    expect(store.size).toBe(1);
  });

  it("hands out frozen copies, never the live list", () => {
    const store = new HistoryStore();
    store.add(entry("a"), { maxEntries: 10, maxBytes: Infinity });
    const view = store.entries();
    expect(Object.isFrozen(view)).toBe(true);
    store.add(entry("b"), { maxEntries: 10, maxBytes: Infinity });
    expect(view).toHaveLength(1);
    expect(store.entries()).toHaveLength(2);
  });
});

describe("the global history", () => {
  it("is read through a frozen copy and bounded by maxHistoryBytes", () => {
    recordGlobalHistory(entry("one"));
    const view = globalHistory();
    expect(view.map((e) => e.uuid)).toEqual(["one"]);
    expect(Object.isFrozen(view)).toBe(true);
    configure({ maxHistoryBytes: approximateBytes(entry("two")) + 1 });
    recordGlobalHistory(entry("two"));
    expect(globalHistory().map((e) => e.uuid)).toEqual(["two"]);
    resetSettings();
    expect(globalHistory()).toEqual([]);
  });
});

describe("approximateBytes", () => {
  it("counts strings by length, shared objects once, and survives cycles", () => {
    expect(approximateBytes("x".repeat(100))).toBe(116);
    const shared = { text: "y".repeat(1000) };
    const twice = approximateBytes([shared, shared]);
    expect(twice).toBeLessThan(approximateBytes([shared, { text: "y".repeat(1000) }]));
    const cyclic: Record<string, unknown> = { a: "z" };
    cyclic.self = cyclic;
    expect(approximateBytes(cyclic)).toBeGreaterThan(0);
  });
});
