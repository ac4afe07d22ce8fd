import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Console } from "node:console";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { globalHistory, resetSettings, withSettings } from "../context/settings.js";
import { silentLogger } from "../context/logger.js";
import { anthropicWire } from "../providers/anthropic/anthropic-wire.case.js";
import { geminiWire } from "../providers/gemini/gemini-wire.case.js";
import { openAIWire } from "../providers/openai/openai-wire.case.js";
import { FakeServer, type FakeReply } from "../providers/shared/fake-server.case.js";
import { Predict } from "../predict/predict.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Module } from "../primitives/module.js";
import { LMCache } from "./cache/lm-cache.js";
import { LM } from "./lm.js";
import type { LMOptions } from "./lm-options.js";
import "../providers/builtin-providers.js";

const KEY = "sk-live-VERY-SECRET-7c1d9e";
const HEADER_SECRET = "hdr-SECRET-55aa";

/** Every way a value can leave the process as text: JSON, inspection (with and without custom inspectors), console. */
function everyRendering(value: unknown): string[] {
  let printed = "";
  const sink = new Writable({ write: (chunk, _encoding, done) => ((printed += String(chunk)), done()) });
  const console = new Console({ stdout: sink, stderr: sink });
  console.log(value);
  console.dir(value, { depth: null, showHidden: true });
  console.error("%o", value);
  return [
    JSON.stringify(value) ?? "",
    String(value),
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
    printed,
  ];
}

function expectNoSecret(label: string, texts: string[]): void {
  for (const [i, text] of texts.entries()) {
    expect(text.includes(KEY), `${label} (rendering ${i}) shows the API key`).toBe(false);
    expect(text.includes(HEADER_SECRET), `${label} (rendering ${i}) shows the header secret`).toBe(false);
  }
}

class Program extends Module {
  first = new Predict("question -> answer");
  second = new ChainOfThought("question -> answer");
  forward(inputs: { question: string }) {
    return this.first.call(inputs);
  }
}

const wires: Array<[string, (url: string) => [string, LMOptions], FakeReply, FakeReply]> = [
  ["openai", (url) => ["openai/gpt-4o-mini", { apiBase: `${url}/v1` }], openAIWire.ok("[[ ## answer ## ]]\nx\n\n[[ ## completed ## ]]", { prompt: 1, completion: 1 }), openAIWire.auth(KEY)],
  ["anthropic", (url) => ["anthropic/claude-sonnet-4-5", { apiBase: url }], anthropicWire.ok("[[ ## answer ## ]]\nx", { prompt: 1, completion: 1 }), anthropicWire.auth(KEY)],
  ["gemini", (url) => ["gemini/gemini-2.5-flash", { apiBase: `${url}/v1beta` }], geminiWire.ok("[[ ## answer ## ]]\nx", { prompt: 1, completion: 1 }), geminiWire.auth(KEY)],
];

describe("API keys are out of reach of serialization and inspection", () => {
  let server: FakeServer;
  let dir: string;
  beforeEach(async () => {
    server = await FakeServer.start();
    dir = await mkdtemp(join(tmpdir(), "tsdspy-secrets-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    resetSettings();
  });

  for (const [name, target, ok, auth] of wires) {
    for (const spelling of ["apiKey", "api_key", "params.api_key"] as const) {
      it(`${name}, key given as ${spelling}: LM, copies, programs, console, state file, history, errors, cache files`, async () => {
        const [model, options] = target(server.url);
        const keyOption: LMOptions =
          spelling === "apiKey" ? { apiKey: KEY } : spelling === "api_key" ? { api_key: KEY } : { params: { api_key: KEY } };
        const cache = new LMCache({ dir, enableMemory: false });
        const lm = new LM(model, { ...options, ...keyOption, headers: { "x-custom-auth": HEADER_SECRET }, cacheStore: cache, maxTokens: 50, numRetries: 0 });
        const program = new Program();
        program.setLm(lm);

        server.reply(ok, auth, auth);
        await withSettings({ logger: silentLogger }, () => program.call({ question: "q" }));
        const error = await withSettings({ logger: silentLogger }, () => lm.call([{ role: "user", content: "denied" }], { cache: false })).catch((e: unknown) => e);
        const streamError = await withSettings({ logger: silentLogger }, async () => {
          for await (const part of lm.stream([{ role: "user", content: "streamed" }], { cache: false })) void part;
        }).catch((e: unknown) => e);
        await cache.flush();
        expect(server.requests.some((r) => JSON.stringify(r.headers).includes(KEY))).toBe(true);
        expect(server.requests[0]!.headers["x-custom-auth"]).toBe(HEADER_SECRET);

        const copy = lm.copy({ temperature: 1 });
        const rekeyed = lm.copy({ api_key: `${KEY}-2` });
        await program.save(join(dir, "program.json"));
        const files: string[] = [];
        for (const shard of await readdir(dir)) {
          if (shard.endsWith(".json")) files.push(await readFile(join(dir, shard), "utf8"));
          else for (const file of await readdir(join(dir, shard))) files.push(await readFile(join(dir, shard, file), "utf8"));
        }
        expect(files.length).toBeGreaterThan(1);

        expectNoSecret("lm", everyRendering(lm));
        expectNoSecret("lm.provider", everyRendering(lm.provider));
        expectNoSecret("copy", everyRendering(copy));
        expectNoSecret("copy with a new key", everyRendering(rekeyed));
        expectNoSecret("program", everyRendering(program));
        expectNoSecret("program.dumpState()", everyRendering(program.dumpState()));
        expectNoSecret("history", everyRendering([lm.history, globalHistory(), program.history, lm.inspectHistory(5)]));
        expectNoSecret("error", everyRendering(error));
        expectNoSecret("stream error", everyRendering(streamError));
        expectNoSecret("files", files);
        expect([(error as Error).name, (streamError as Error).name]).toEqual(["LMAuthError", "LMAuthError"]);
        // The copy still reaches the provider with the key.
        server.reply(ok);
        await withSettings({ logger: silentLogger }, () => copy.call([{ role: "user", content: "again" }], { cache: false }));
        expect(JSON.stringify(server.lastRequest.headers)).toContain(KEY);
      });
    }
  }
});
