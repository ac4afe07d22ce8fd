import { describe, expect, expectTypeOf, it } from "vitest";
import { LMConfigurationError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LMCopyOverrides } from "../lm/lm-copy-overrides.js";
import type { LMRequestParams } from "../lm/lm-request-params.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Predict } from "../predict/predict.js";
import type { PredictConfig } from "../predict/predict-config.js";
import { LM } from "./lm.js";
import type { LMOptions } from "./lm-options.js";
import "../providers/builtin-providers.js";

const at = "http://127.0.0.1:9/v1";

describe("options are typed: a typo is a type error, and a runtime error for untyped callers", () => {
  it("LM", () => {
    // @ts-expect-error: `temprature` is not an option
    expect(() => new LM("openai/gpt-4o-mini", { temprature: 0 })).toThrow(LMConfigurationError);
    // @ts-expect-error: `maxToken` is not an option
    expect(() => new LM("openai/gpt-4o-mini", { maxToken: 10 })).toThrow('Unknown LM option "maxToken" (did you mean "maxTokens"?)');
    expect(() => new LM("openai/gpt-4o-mini", { temprature: 0 } as LMOptions)).toThrow(
      'Unknown LM option "temprature" (did you mean "temperature"?). A provider-specific request parameter goes in params: new LM(model, { params: { temprature: … } }).',
    );
    // DSPy's request-parameter names are typed options; provider extras go in `params`.
    const lm = new LM("ollama/llama3.2", { temperature: 0.2, top_p: 0.9, stop: ["\n"], seed: 1, rollout_id: 2, params: { num_ctx: 8192 } });
    expect(lm.kwargs).toEqual({ temperature: 0.2, max_tokens: null, top_p: 0.9, stop: ["\n"], seed: 1, rollout_id: 2, num_ctx: 8192 });
    expectTypeOf<LMOptions["top_p"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<LMOptions["params"]>().toEqualTypeOf<Record<string, unknown> | undefined>();
  });

  it("Predict and ChainOfThought", () => {
    // @ts-expect-error: `temprature` is not a request parameter
    expect(() => new Predict("question -> answer", { temprature: 0 })).toThrow(ValueError);
    expect(() => new Predict("question -> answer", { temprature: 0 } as PredictConfig)).toThrow(
      'Unknown request parameter "temprature" in new Predict(signature, config) (did you mean "temperature"?).',
    );
    // @ts-expect-error: `temprature` is not a request parameter
    expect(() => new ChainOfThought("question -> answer", { config: { temprature: 0 } })).toThrow(ValueError);
    const predictor = new Predict("question -> answer", { temperature: 0.7, n: 3, maxTokens: 50, params: { top_k: 40 } });
    expect(predictor.config).toEqual({ temperature: 0.7, n: 3, max_tokens: 50, top_k: 40 });
    expectTypeOf<PredictConfig>().toMatchTypeOf<LMRequestParams>();
  });
});

describe("lm.copy(overrides) is typed the same way", () => {
  it("a typo is a type error and an LMConfigurationError; maxTokens, params and null work as for new LM", () => {
    const lm = new LM("ollama/llama3.2", { temperature: 0, params: { num_ctx: 4096 } });
    // @ts-expect-error: `temprature` is not a parameter
    expect(() => lm.copy({ temprature: 1 })).toThrow(LMConfigurationError);
    expect(() => lm.copy({ temprature: 1 } as LMCopyOverrides)).toThrow(
      'Unknown request parameter "temprature" in lm.copy(overrides) (did you mean "temperature"?). A provider-specific parameter goes in params: { params: { temprature: … } }.',
    );
    expect(() => lm.copy({ maxTokens: 1, max_tokens: 2 })).toThrow("gives both maxTokens and max_tokens");
    expect(() => lm.copy({ temperature: 1, params: { temperature: 2 } })).toThrow("gives temperature both directly and in params");
    const copy = lm.copy({ rollout_id: 3, temperature: 1, maxTokens: 64, numRetries: 2, cache: false, params: { num_ctx: 8192, top_k: null } });
    expect(copy.kwargs).toMatchObject({ temperature: 1, rollout_id: 3, max_tokens: 64, num_ctx: 8192 });
    expect([copy.numRetries, copy.cache, "top_k" in copy.kwargs, "maxTokens" in copy.kwargs]).toEqual([2, false, false, false]);
    expect(lm.kwargs).toMatchObject({ temperature: 0, num_ctx: 4096 });
    expect(lm.copy({ temperature: null }).kwargs).not.toHaveProperty("temperature");
  });
});

describe("one spelling per setting: giving two is an error", () => {
  it.each<[string, LMOptions, string]>([
    ["maxTokens + max_tokens", { maxTokens: 10, max_tokens: 20 }, 'LM options "maxTokens" and "max_tokens" set the same thing; give only "maxTokens".'],
    ["apiKey + api_key", { apiKey: "a", api_key: "b" }, 'give only "apiKey"'],
    ["apiBase + api_base", { apiBase: at, api_base: at }, 'give only "apiBase"'],
    ["api_base + base_url", { api_base: at, base_url: at }, 'LM options "api_base" and "base_url" set the same thing; give only "apiBase".'],
    ["numRetries + num_retries", { numRetries: 1, num_retries: 2 }, 'give only "numRetries"'],
    ["temperature + params.temperature", { temperature: 0, params: { temperature: 1 } }, 'LM option "temperature" is also given as params.temperature; give it once.'],
    ["maxTokens + params.max_tokens", { maxTokens: 1, params: { max_tokens: 2 } }, 'LM option "maxTokens" is also given as params.max_tokens'],
  ])("LM: %s", (_name, options, message) => {
    expect(() => new LM("ollama/llama3.2", options)).toThrow(message);
  });

  it("DSPy's snake_case spellings alone keep working", () => {
    const lm = new LM("ollama/llama3.2", { max_tokens: 20, num_retries: 5, api_base: at, model_type: "chat" });
    expect([lm.kwargs.max_tokens, lm.numRetries, lm.kwargs.api_base, lm.modelType]).toEqual([20, 5, at, "chat"]);
  });

  it("Predict: maxTokens with max_tokens, or a parameter both direct and in params", () => {
    expect(() => new Predict("q -> a", { maxTokens: 1, max_tokens: 2 })).toThrow("gives both maxTokens and max_tokens");
    expect(() => new Predict("q -> a", { n: 1, params: { n: 2 } })).toThrow("gives n both directly and in params");
  });
});
