import { afterEach, describe, expect, it } from "vitest";
import { Budget } from "../context/budget.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { trackUsage } from "../context/track-usage.js";
import { withBudget } from "../context/with-budget.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { LMConfigurationError, LMNotConfiguredError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LanguageModel } from "../lm/language-model.js";
import { NO_CAPABILITIES } from "../lm/lm-capabilities.js";
import type { LMRequest } from "../lm/lm-request.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { LMCache } from "./cache/lm-cache.js";
import { LM } from "./lm.js";
import "../providers/builtin-providers.js";
import { lmFromEnv } from "./lm-from-env.js";
import { PriceTable } from "./pricing.js";
import { registerProvider, registeredProviders } from "./provider-registry.js";

afterEach(() => resetSettings());

/** An in-memory provider model that records requests and answers "ok" with fixed usage. */
function stubModel(options: { delayMs?: number; usage?: Record<string, number> } = {}) {
  const requests: LMRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const model: LanguageModel & { requests: LMRequest[]; peak: () => number } = {
    specificationVersion: "tsdspy-lm-v1",
    provider: "stub",
    modelId: "m",
    capabilities: NO_CAPABILITIES,
    requests,
    peak: () => peak,
    async doGenerate(request) {
      requests.push(request);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
      inFlight--;
      return { outputs: [{ text: "ok", finishReason: "stop" }], usage: options.usage ?? { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } };
    },
  };
  return model;
}

const hi = [{ role: "user" as const, content: "hi" }];

describe("LM state (DSPy's dump_state / load_state)", () => {
  // Expected lines: json.dumps(dspy.LM(...).dump_state()) from DSPy 3.3.1 (the oracle).
  const cases: Array<[string, ConstructorParameters<typeof LM>[1], string]> = [
    ["openai/gpt-4o-mini", { temperature: 0.7, maxTokens: 1000 }, '{"_dspy_lm_class": "dspy.clients.lm.LM", "model": "openai/gpt-4o-mini", "model_type": "chat", "cache": true, "num_retries": 3, "temperature": 0.7, "max_tokens": 1000, "finetuning_model": null, "launch_kwargs": {}, "train_kwargs": {}}'],
    ["openai/gpt-4o-mini", {}, '{"_dspy_lm_class": "dspy.clients.lm.LM", "model": "openai/gpt-4o-mini", "model_type": "chat", "cache": true, "num_retries": 3, "temperature": null, "max_tokens": null, "finetuning_model": null, "launch_kwargs": {}, "train_kwargs": {}}'],
    ["openai/gpt-5-mini", { temperature: 1, maxTokens: 16000, cache: false }, '{"_dspy_lm_class": "dspy.clients.lm.LM", "model": "openai/gpt-5-mini", "model_type": "chat", "cache": false, "num_retries": 3, "temperature": 1.0, "finetuning_model": null, "launch_kwargs": {}, "train_kwargs": {}, "max_tokens": 16000}'],
    ["anthropic/claude-sonnet-4-5", { temperature: 0, maxTokens: 512, top_p: 0.9, numRetries: 5, rollout_id: 3 }, '{"_dspy_lm_class": "dspy.clients.lm.LM", "model": "anthropic/claude-sonnet-4-5", "model_type": "chat", "cache": true, "num_retries": 5, "temperature": 0.0, "max_tokens": 512, "top_p": 0.9, "rollout_id": 3, "finetuning_model": null, "launch_kwargs": {}, "train_kwargs": {}}'],
    ["ollama_chat/llama3.2", { api_base: "http://localhost:11434", api_key: "secret", stop: ["\n"] }, '{"_dspy_lm_class": "dspy.clients.lm.LM", "model": "ollama_chat/llama3.2", "model_type": "chat", "cache": true, "num_retries": 3, "temperature": null, "max_tokens": null, "api_base": "http://localhost:11434", "stop": ["\\n"], "finetuning_model": null, "launch_kwargs": {}, "train_kwargs": {}}'],
  ];

  it.each(cases)("dumpState of %s %j equals DSPy's, key order included", (model, options, expected) => {
    withSettings({ logger: { debug() {}, info() {}, warn() {}, error() {} } }, () => {
      expect(pyJsonDumps(new LM(model, options).dumpState())).toBe(expected);
    });
  });

  it("refuses reasoning-model settings DSPy refuses, naming the LM options", () => {
    expect(() => new LM("openai/o3", { temperature: 0.5 })).toThrow(LMConfigurationError);
    expect(() => new LM("openai/o3", { temperature: 0.5 })).toThrow(
      "[openai/o3] OpenAI's reasoning models require `temperature` 1.0 or unset and `maxTokens` >= 16000 or unset in `new LM(...)`",
    );
    expect(new LM("openai/gpt-5", { maxTokens: 20000 }).kwargs).toEqual({ temperature: null, max_completion_tokens: 20000 });
    expect(new LM("openai/gpt-5-chat-latest", { maxTokens: 100 }).kwargs).toEqual({ temperature: null, max_tokens: 100 });
  });

  it("loadState round-trips, drops unsafe endpoint keys unless allowed, and refuses unknown classes", () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => void warnings.push(m) };
    const state = new LM("openai/gpt-5-mini", { temperature: 1, maxTokens: 16000, seed: 7 }).dumpState();
    expect((LM.loadState(state) as LM).dumpState()).toEqual(state);
    const withBase = { ...state, api_base: "http://evil.example" };
    expect(LM.loadState(withBase, { logger }).kwargs.api_base).toBeUndefined();
    expect(warnings[0]).toContain("Ignoring unsafe LM config key(s) during state load: ['api_base']");
    expect(LM.loadState(withBase, { allowUnsafeLmState: true }).kwargs.api_base).toBe("http://evil.example");
    expect(() => LM.loadState({ ...state, _dspy_lm_class: "my.module.MyLM" })).toThrow(ValueError);
    expect(() => LM.loadState({ ...state, _dspy_lm_class: "my.module.MyLM" })).toThrow("Refusing to import custom serialized LM class `my.module.MyLM`");
    const legacy = LM.loadState({ model: "openai/gpt-4o-mini", temperature: 0.2, max_tokens: 50 });
    expect(legacy.kwargs).toEqual({ temperature: 0.2, max_tokens: 50 });
  });
});

describe("LM calls", () => {
  it("sends merged parameters without rollout_id/cache, and applies DSPy's n>1 temperature rule", async () => {
    const model = stubModel();
    const lm = new LM("stub/m", { languageModel: model, cache: false, temperature: 0 });
    await lm.call(hi, { n: 3, rollout_id: 2 });
    expect(model.requests[0]!.params).toEqual({ temperature: 0.7, n: 3 });
    expect(model.requests[0]!.model).toBe("m");
    expect(lm.history[0]!.kwargs).toEqual({ n: 3, rollout_id: 2, temperature: 0.7 });
    await lm.call(hi, { n: 2, temperature: 0.9 });
    expect(model.requests[1]!.params.temperature).toBe(0.9);
  });

  it("copy changes parameters and shares the concurrency limit; maxConcurrency holds under parallel calls", async () => {
    const model = stubModel({ delayMs: 5 });
    const lm = new LM("stub/m", { languageModel: model, cache: false, maxConcurrency: 2 });
    const copy = lm.copy({ rollout_id: 1, temperature: 1 });
    expect(copy.kwargs).toMatchObject({ rollout_id: 1, temperature: 1 });
    await Promise.all([...Array(6)].map((_, i) => (i % 2 ? lm : copy).call(hi)));
    expect(model.peak()).toBe(2);
  });

  it("a budget stops cleanly at the cap, counting calls, tokens and cost but not cache hits", async () => {
    const model = stubModel();
    const lm = new LM("stub/m", { languageModel: model, cacheStore: new LMCache({ enableDisk: false }), price: { input: 1, output: 2 } });
    const budget = new Budget({ maxCalls: 2 });
    await withBudget(budget, async () => {
      await lm.call(hi);
      await lm.call(hi); // cache hit: free
      await lm.call(hi, { rollout_id: 1 });
      const error = await lm.call(hi, { rollout_id: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect((error as BudgetExceededError).message).toContain("spent 2 LM calls, 30 tokens, $0.0000");
    });
    expect(budget.spent).toEqual({ calls: 2, tokens: 30, cost: (2 * (10 * 1 + 5 * 2)) / 1e6 });
    expect(model.requests).toHaveLength(2);
    // Worst case of a call: 16 + (16 + 2 bytes of "hi") prompt tokens + max_tokens 5 = 39; each really spends 15.
    const tokens = new LM("stub/m", { languageModel: model, cache: false, maxTokens: 5, budget: { maxTokens: 100 } });
    for (let i = 0; i < 5; i++) await tokens.call(hi);
    await expect(tokens.call(hi)).rejects.toThrow("the next LM call could cross the tokens limit of 100 (its worst case is 39, 25 left)");
    expect(tokens.budget!.spent.tokens).toBe(75);
  });

  it("a cached value of the wrong shape from any store is a miss, answered by the provider and replaced", async () => {
    const model = stubModel();
    const stored = new Map<string, unknown>();
    const junk: unknown[] = ["text", null, { outputs: [] }, { outputs: [{ text: 5 }] }];
    const store = {
      get: (key: string) => (stored.has(key) ? stored.get(key) : junk.shift()) as never,
      put: (key: string, value: unknown) => void stored.set(key, value),
    };
    const lm = new LM("stub/m", { languageModel: model, cacheStore: store });
    for (let i = 0; i < 4; i++) expect((await lm.call(hi, { rollout_id: i }))[0]!.text).toBe("ok");
    expect(model.requests).toHaveLength(4);
    await lm.call(hi, { rollout_id: 0 });
    expect(model.requests).toHaveLength(4);
  });

  it("trackUsage collects usage and cost per model; unknown prices stay null", async () => {
    const priced = new LM("openai/gpt-4o-mini", { languageModel: stubModel(), cache: false });
    const unpriced = new LM("stub/m", { languageModel: stubModel(), cache: false });
    const [, tracker] = await trackUsage(async () => {
      await priced.call(hi);
      await priced.call(hi);
      await unpriced.call(hi);
    });
    expect(tracker.getTotalTokens()).toEqual({
      "openai/gpt-4o-mini": { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
      "stub/m": { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
    const cost = tracker.getTotalCost();
    expect(cost["openai/gpt-4o-mini"]).toBeCloseTo((20 * 0.15 + 10 * 0.6) / 1e6, 15);
    expect(cost["stub/m"]).toBeNull();
    expect(priced.history[0]!.cost).toBeCloseTo((10 * 0.15 + 5 * 0.6) / 1e6, 15);
  });

  it("prices: defaults are immutable and extended explicitly; cached tokens without a cached price give null", () => {
    const table = PriceTable.defaults();
    const extended = table.with({ "ollama/llama3.2": { input: 0, output: 0 } });
    expect(table.priceOf("ollama/llama3.2")).toBeUndefined();
    expect(extended.costOf("ollama/llama3.2", { prompt_tokens: 5, completion_tokens: 5 })).toBe(0);
    expect(extended.costOf("gemini/gemini-2.5-flash", { prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 2 } })).toBeNull();
    expect(table.costOf("gemini/gemini-2.5-pro", { prompt_tokens: 300_000, completion_tokens: 0 })).toBeCloseTo(0.75, 10);
  });

  it("resolves provider strings and explains what is missing", async () => {
    const ready = async (lm: LM) => {
      await lm.prepare();
      return lm;
    };
    expect((await ready(new LM("ollama/llama3.2"))).provider.provider).toBe("ollama");
    expect((await ready(new LM("gpt-4o-mini"))).provider.provider).toBe("openai");
    expect(() => new LM("nosuch/model")).toThrow(LMConfigurationError);
    expect(() => new LM("nosuch/model")).toThrow(/Unknown provider "nosuch". Use one of openai, anthropic, gemini, ollama, /);
    expect((await ready(new LM("nosuch/model", { apiBase: "http://127.0.0.1:9/v1" }))).provider.provider).toBe("nosuch");
    const saved = process.env.HOSTED_VLLM_API_BASE;
    delete process.env.HOSTED_VLLM_API_BASE;
    expect(() => new LM("hosted_vllm/qwen")).toThrow(LMNotConfiguredError);
    if (saved !== undefined) process.env.HOSTED_VLLM_API_BASE = saved;
    expect(() => lmFromEnv({}, {})).toThrow("set TSDSPY_LM");
    const lm = lmFromEnv({}, { TSDSPY_LM: "ollama/qwen3", TSDSPY_API_BASE: "http://127.0.0.1:11434" });
    expect(lm.model).toBe("ollama/qwen3");
    expect(lm.kwargs.api_base).toBe("http://127.0.0.1:11434");
  });
});

describe("provider registration", () => {
  it("loads a registered provider's code when its first LM is made, once, and later LMs are ready at once", async () => {
    const loads: string[] = [];
    registerProvider({
      name: "lazytest",
      baseURL: "http://127.0.0.1:9/v1",
      apiKeyEnvVars: ["LAZYTEST_API_KEY"],
      load: async () => {
        loads.push("loaded");
        return { languageModel: (modelId, settings) => ({ ...stubModel(), provider: settings.provider, modelId, baseURL: settings.baseURL }) };
      },
    });
    expect(registeredProviders()).toContain("lazytest");
    expect(loads).toEqual([]);
    const first = new LM("lazytest/m1", { cache: false });
    expect(loads).toEqual(["loaded"]);
    expect(() => first.provider).toThrow("still loading: await lm.prepare()");
    expect(await first.call(hi)).toEqual([{ text: "ok", finishReason: "stop" }]);
    expect(first.provider.modelId).toBe("m1");
    expect((first.provider as unknown as { baseURL: string }).baseURL).toBe("http://127.0.0.1:9/v1");
    const second = new LM("lazytest/m2");
    expect(second.prepare()).toBeUndefined();
    expect(second.provider.modelId).toBe("m2");
    expect(loads).toEqual(["loaded"]);
  });

  it("reports a provider whose code fails to load on the first call, as a typed error", async () => {
    registerProvider({ name: "brokentest", baseURL: "http://127.0.0.1:9", load: () => Promise.reject(new Error("no such module")) });
    const lm = new LM("brokentest/m", { cache: false });
    await expect(lm.call(hi)).rejects.toThrow(LMConfigurationError);
    await expect(lm.prepare()).rejects.toThrow("Could not load the code of the brokentest provider: no such module");
  });
});

describe("LM over an AI SDK model", () => {
  it("wraps any AI SDK language model passed to the constructor", async () => {
    const { MockLanguageModelV3 } = await import("ai/test");
    const mock = new MockLanguageModelV3({
      provider: "mock-provider",
      modelId: "mock-model",
      doGenerate: async () => ({
        content: [{ type: "text", text: "from the AI SDK" }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 3, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 2, text: undefined, reasoning: undefined },
        },
        warnings: [],
      }),
    });
    const lm = new LM(mock, { cache: false });
    expect(lm.model).toBe("mock-provider/mock-model");
    expect(await lm.call(hi)).toEqual([{ text: "from the AI SDK", finishReason: "stop" }]);
    expect(lm.history[0]!.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });
});
