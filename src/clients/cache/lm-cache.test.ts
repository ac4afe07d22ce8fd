import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lmCacheKey } from "./cache-key.js";
import { LMCache } from "./lm-cache.js";

const response = (text: string) => ({ outputs: [{ text }], usage: { prompt_tokens: 1 }, raw: { pad: "x".repeat(200) } });

describe("LMCache", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tsdspy-cache-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keys ignore secrets, endpoints and headers, and include rollout_id", () => {
    const messages = [{ role: "user" as const, content: "q" }];
    const base = lmCacheKey("openai/x", "chat", messages, { temperature: 1 });
    expect(lmCacheKey("openai/x", "chat", messages, { temperature: 1, api_key: "k", api_base: "b", base_url: "u", headers: { a: "b" } })).toBe(base);
    expect(lmCacheKey("openai/x", "chat", messages, { temperature: 1, rollout_id: 1 })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes one file per key under a two-character fan-out, readable by another process's cache", async () => {
    const writer = new LMCache({ dir, enableMemory: false });
    const key = "ab" + "0".repeat(62);
    writer.put(key, response("hello"));
    await writer.flush();
    expect(await readdir(join(dir, "ab"))).toEqual([`${key}.json`]);
    expect(await new LMCache({ dir }).get(key)).toEqual(response("hello"));
  });

  it("treats a corrupt or truncated entry as a miss and removes it", async () => {
    const cache = new LMCache({ dir, enableMemory: false });
    const key = "cd" + "1".repeat(62);
    cache.put(key, response("x"));
    await cache.flush();
    const file = join(dir, "cd", `${key}.json`);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.slice(0, text.length / 2));
    expect(await cache.get(key)).toBeUndefined();
    await expect(readFile(file)).rejects.toThrow();
  });

  it("survives concurrent writers of the same key (atomic rename) and evicts the oldest past maxBytes", async () => {
    const key = "ef" + "2".repeat(62);
    const writers = [...Array(8)].map(() => new LMCache({ dir, enableMemory: false }));
    writers.forEach((w, i) => w.put(key, response(`v${i}`)));
    await Promise.all(writers.map((w) => w.flush()));
    expect((await new LMCache({ dir }).get(key))?.outputs[0]?.text).toMatch(/^v\d$/);
    expect((await readdir(join(dir, "ef"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const small = new LMCache({ dir, enableMemory: false, maxBytes: 2000 });
    for (let i = 0; i < 20; i++) {
      small.put(i.toString(16).padStart(2, "0") + "3".repeat(62), response(`n${i}`));
      await small.flush();
    }
    let total = 0;
    for (const shard of await readdir(dir)) for (const f of await readdir(join(dir, shard))) total += (await readFile(join(dir, shard, f))).length;
    expect(total).toBeLessThanOrEqual(2000);
    expect(await small.get("13" + "3".repeat(62))).toBeDefined();
  });

  it("validates disk entries on read: a value of the wrong shape is a miss and is deleted", async () => {
    const cache = new LMCache({ dir, enableMemory: false });
    const shapes: unknown[] = [
      "a string",
      null,
      { outputs: "not a list", usage: {} },
      { outputs: [{ text: 5 }], usage: {} },
      { outputs: [], usage: {} },
      { outputs: [{ text: "ok", toolCalls: [{ name: 1 }] }], usage: {} },
      { outputs: [{ text: "ok" }], usage: "lots" },
      [{ text: "ok" }],
    ];
    for (const [i, value] of shapes.entries()) {
      const key = `a${i}` + "4".repeat(62);
      const file = join(dir, key.slice(0, 2), `${key}.json`);
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      await writeFile(file, JSON.stringify({ format: 1, key, value }));
      expect(await cache.get(key), JSON.stringify(value)).toBeUndefined();
      await expect(readFile(file), JSON.stringify(value)).rejects.toThrow();
    }
    const good = "b0" + "4".repeat(62);
    await mkdir(join(dir, "b0"), { recursive: true });
    await writeFile(join(dir, "b0", `${good}.json`), JSON.stringify({ format: 1, key: good, value: { outputs: [{ text: null, toolCalls: [{ name: "f", args: {} }] }], usage: {} } }));
    expect(await cache.get(good)).toBeDefined();
  });

  it("the memory level is bounded by bytes as well as entries", () => {
    const cache = new LMCache({ enableDisk: false, memoryMaxBytes: 2_000 });
    for (let i = 0; i < 50; i++) cache.put(`k${i}`, response(`v${i}`));
    expect(cache.memory!.bytes).toBeLessThanOrEqual(2_000);
    expect(cache.memory!.size).toBe(Math.floor(2_000 / JSON.stringify(response("v10")).length));
    expect(cache.get("k49")).toBeDefined();
    expect(cache.get("k0")).toBeUndefined();
    expect(new LMCache({ enableDisk: false }).memory!.maxBytes).toBe(64 * 1024 * 1024);
  });

  it("the memory level is an LRU bounded by entries", () => {
    const cache = new LMCache({ enableDisk: false, memoryMaxEntries: 2 });
    cache.put("a", response("a"));
    cache.put("b", response("b"));
    cache.get("a");
    cache.put("c", response("c"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
  });
});
