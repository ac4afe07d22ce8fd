import { DSPY_LM_CLASS, loadLMState, registerLMStateLoader, type LMStateOptions } from "../context/lm-state-loaders.js";
import { getSettings, type Settings } from "../context/settings.js";
import { isRetryableLMError, LMConfigurationError, LMServerError, LMTimeoutError, LMTransportError, type LMError } from "../errors/lm-errors.js";
import type { LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMCopyOverrides } from "../lm/lm-copy-overrides.js";
import type { LMParams, LMRequest } from "../lm/lm-request.js";
import type { LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import type { ResponseCache } from "../lm/response-cache.js";
import { isOpenAIReasoningModel } from "../lm/is-openai-reasoning-model.js";
import { unwrapNumber } from "../python/py-float.js";
import { cloneData } from "../utils/clone-data.js";
import { backoffDelay } from "../utils/retry.js";
import { Secret } from "../utils/secret.js";
import { Semaphore } from "../utils/semaphore.js";
import { sleep } from "../utils/sleep.js";
import { AttemptDeadline } from "./attempt-deadline.js";
import { BaseLM, type LMForwardRequest } from "./base-lm.js";
import { IGNORED_CACHE_PARAMS, lmCacheKey } from "./cache/cache-key.js";
import { isLMResponse } from "./cache/is-lm-response.js";
import { activeResponseCache } from "./cache/configure-cache.js";
import { LM_OPTION_KEYS, normalizeLMOptions, type LMOptions } from "./lm-options.js";
import type { ModelPrice } from "./model-price.js";
import { costFromPrice, PriceTable } from "./pricing.js";
import { resolveLanguageModel, splitModel, wrapLanguageModel, type Resolved } from "./provider-registry.js";
import { responseParts } from "./response-parts.js";

export type { LMOptions } from "./lm-options.js";

const DEFAULT_TIMEOUT_MS = 600_000;

/**
 * A language model at a provider, called the way DSPy's `dspy.LM` is: `provider/model` strings, default request
 * parameters, a two-level cache, retries with backoff, typed errors, a concurrency limit, budgets, usage and cost.
 *
 * @example
 * const lm = new LM("openai/gpt-4o-mini", { temperature: 0.7, maxTokens: 1000 });
 * const local = new LM("ollama/llama3.2");
 * const viaAiSdk = new LM(openai("gpt-4o-mini"));   // any AI SDK model
 * configure({ lm });
 */
export class LM extends BaseLM {
  readonly finetuningModel: string | null;
  readonly launchKwargs: Record<string, unknown>;
  readonly trainKwargs: Record<string, unknown>;
  readonly useDeveloperRole: boolean;
  private readonly options: Omit<LMOptions, "apiKey" | "headers">;
  /** Extra HTTP headers, which may carry credentials: out of reach of serialization and inspection. */
  private readonly headersSecret: Secret<Record<string, string>> | undefined;
  private readonly limiter: Semaphore | null;
  private readonly prices: PriceTable;
  private warnedZeroTempRollout = false;
  /** The provider model, or its promise while the provider's code loads (the first LM of a provider). */
  private languageModel: Resolved<LanguageModel>;

  constructor(model: string | LanguageModel | object, options: LMOptions = {}) {
    const normalized = normalizeLMOptions(options);
    const languageModel = typeof model === "string" ? normalized.languageModel : toLanguageModel(model);
    const name = typeof model === "string" ? model : `${(model as LanguageModel).provider}/${(model as LanguageModel).modelId}`;
    const { base, own } = splitOptions(normalized);
    super(name, base);
    const { apiKey, headers, ...rest } = own;
    this.options = rest;
    this.apiKeySecret = Secret.of(apiKey) ?? this.apiKeySecret;
    this.headersSecret = headers ? new Secret({ ...headers }) : undefined;
    this.finetuningModel = own.finetuningModel ?? null;
    this.launchKwargs = { ...own.launchKwargs };
    this.trainKwargs = { ...own.trainKwargs };
    this.useDeveloperRole = own.useDeveloperRole ?? false;
    this.limiter = own.maxConcurrency !== undefined ? new Semaphore(own.maxConcurrency) : null;
    this.prices = own.prices ?? PriceTable.defaults();
    this.languageModel = settle(languageModel ?? this.resolveProvider());
    this.warnZeroTempRollout(this.kwargs.temperature, this.kwargs.rollout_id);
  }

  /** DSPy's rules for OpenAI reasoning models: temperature 1 or unset, `max_tokens` ≥ 16000 or unset, sent as `max_completion_tokens`. */
  protected override initialKwargs(temperature: number | null, maxTokens: number | null, params: LMParams): LMParams {
    temperature = unwrapNumber(temperature) as number | null;
    maxTokens = unwrapNumber(maxTokens) as number | null;
    let kwargs: LMParams;
    if (isOpenAIReasoningModel(this.model)) {
      if ((temperature && temperature !== 1) || (maxTokens && maxTokens < 16000)) {
        throw new LMConfigurationError(
          "OpenAI's reasoning models require `temperature` 1.0 or unset and `maxTokens` >= 16000 or unset in " +
            '`new LM(...)`, e.g. `new LM("openai/gpt-5", { temperature: 1.0, maxTokens: 16000 })`.',
          { model: this.model, provider: splitModel(this.model).provider },
        );
      }
      kwargs = { temperature, max_completion_tokens: maxTokens, ...params };
    } else {
      kwargs = super.initialKwargs(temperature, maxTokens, params);
    }
    if (kwargs.rollout_id === null || kwargs.rollout_id === undefined) delete kwargs.rollout_id;
    return kwargs;
  }

  /**
   * The provider model behind this LM. A model string's provider code is imported when its first LM is made; until
   * it has loaded this throws, so `await lm.prepare()` first (every call does).
   */
  get provider(): LanguageModel {
    if (this.languageModel instanceof Promise) {
      throw new LMConfigurationError(`The provider of ${this.model} is still loading: await lm.prepare() before reading lm.provider or lm.capabilities.`, {
        model: this.model,
      });
    }
    return this.languageModel;
  }

  override get capabilities(): LMCapabilities {
    return this.provider.capabilities;
  }

  /** Waits for the provider's code to load, if it has not yet; `undefined` when there is nothing to wait for. */
  override prepare(): Promise<void> | undefined {
    const pending = this.languageModel;
    if (!(pending instanceof Promise)) return undefined;
    return pending.then((model) => {
      this.languageModel = model;
    });
  }

  /**
   * One call: the cache, then (on a miss) the budgets and the provider. A hit is a copy marked `cacheHit` with empty
   * usage, replayed as deltas when streaming; an entry of the wrong shape is a miss.
   */
  protected override async *generate(request: LMForwardRequest, settings: Settings, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    this.warnZeroTempRollout(request.params.temperature, request.params.rollout_id);
    if ((request.params.cache ?? this.cache) === false) return yield* super.generate(request, settings, streaming);
    const store = this.cacheStore();
    const key = lmCacheKey(this.model, this.modelType, request.messages, request.params);
    const cached = await store.get(key);
    if (cached !== undefined && isLMResponse(cached)) {
      const hit = cacheHit(cached);
      if (streaming) yield* responseParts(hit);
      return hit;
    }
    const response = yield* super.generate(request, settings, streaming);
    await store.put(key, cloneData(response));
    return response;
  }

  /** `forward` for DSPy compatibility: one request through the same path as `call()` (concurrency, retries, timeouts). */
  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    const parts = this.produce(request, false);
    for (;;) {
      const step = await parts.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Sends one request to the provider: a concurrency slot, then attempts with backoff, each under its own deadline
   * (for a stream, the longest wait for the next part). A stream is retried only until its first part is out; a
   * provider without `doStream` is called with `doGenerate` and its reply sent as deltas.
   */
  protected override async *produce(request: LMForwardRequest, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    const providerRequest = this.providerRequest(request);
    const loading = this.prepare();
    if (loading) await loading;
    const provider = this.provider;
    const timeoutMs = typeof request.params.timeout === "number" ? request.params.timeout * 1000 : (this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const retry = this.retryOptions(request.signal);
    const release = this.limiter ? await this.limiter.acquire(request.signal) : null;
    try {
      for (let attempt = 0; ; attempt++) {
        const deadline = new AttemptDeadline(timeoutMs, request.signal, this.options.clock);
        let started = false;
        let finished = false;
        try {
          let response: LMResponse;
          if (streaming && provider.doStream) {
            const parts = provider.doStream({ ...providerRequest, signal: deadline.signal })[Symbol.asyncIterator]();
            try {
              for (;;) {
                deadline.arm();
                const step = await deadline.race(parts.next());
                deadline.disarm();
                if (step.done) throw new LMTransportError("The provider's stream ended without a finish event.", { model: this.model });
                if (step.value.type === "finish") {
                  response = step.value.response;
                  break;
                }
                started = true;
                yield step.value;
              }
            } finally {
              void parts.return?.()?.catch(() => {});
            }
          } else {
            deadline.arm();
            response = await deadline.race(provider.doGenerate({ ...providerRequest, signal: deadline.signal }));
          }
          response = this.finishResponse(response);
          finished = true;
          if (streaming && !provider.doStream) yield* responseParts(response);
          return response;
        } catch (raw) {
          const error = this.attemptError(raw, deadline, request.signal);
          if (started || attempt >= retry.retries || request.signal?.aborted || !isRetryableLMError(error)) throw error;
          const delay = backoffDelay(attempt, retry, error);
          retry.onRetry(error, attempt + 1, delay);
          await (retry.sleep ?? sleep)(delay, request.signal);
        } finally {
          deadline.dispose(finished);
        }
      }
    } finally {
      release?.();
    }
  }

  /** A failed attempt's error: a deadline that passed is an `LMTimeoutError` whatever the provider threw. */
  private attemptError(error: unknown, deadline: AttemptDeadline, outer: AbortSignal | undefined): unknown {
    if (deadline.timedOut && !(error instanceof LMTimeoutError) && !outer?.aborted) {
      const provider = splitModel(this.model).provider;
      return new LMTimeoutError(`The request to ${provider} timed out.`, { model: this.model, provider, cause: error });
    }
    return error;
  }

  /** DSPy's `LM.dump_state()`: the base state plus fine-tuning fields; reasoning models save `max_tokens`. */
  override dumpState(): Record<string, unknown> {
    const state = super.dumpState();
    state.finetuning_model = this.finetuningModel;
    state.launch_kwargs = this.launchKwargs;
    state.train_kwargs = this.trainKwargs;
    if (this.useDeveloperRole) state.use_developer_role = true;
    if (isOpenAIReasoningModel(this.model) && "max_completion_tokens" in state) {
      const value = state.max_completion_tokens;
      delete state.max_completion_tokens;
      state.max_tokens = value;
    }
    return state;
  }

  /**
   * An LM from `dumpState()` output (DSPy's `BaseLM.load_state`). Every known key is checked (a wrong value is a
   * `StateFileError` naming it); credentials, headers and endpoints (`api_key`, `headers`, `api_base`, `base_url`,
   * `model_list`, …) are dropped with a warning unless `allowUnsafeLmState`; a class other than `dspy.clients.lm.LM`
   * is refused unless allowed and found in `lmClasses` (or registered with `registerLMStateLoader`). States without a
   * class marker (older DSPy) load as `LM`.
   */
  static loadState(state: Record<string, unknown>, options: LMStateOptions & { lmOptions?: LMOptions } = {}): BaseLM {
    return loadLMState(state, options) as BaseLM;
  }

  static {
    // `Predict.loadState` and `Module.load` build LMs from state files through this registration.
    registerLMStateLoader(DSPY_LM_CLASS, (state, options) => LM.fromState(state, options));
  }

  /** An `LM` from a `dspy.clients.lm.LM` state already checked, its unsafe keys handled (see `loadLMState`). */
  private static fromState(state: Record<string, unknown>, options: LMStateOptions & { lmOptions?: LMOptions }): LM {
    const rest: Record<string, unknown> = { ...state };
    if (isOpenAIReasoningModel(rest.model as string) && "max_completion_tokens" in rest) {
      if (!("max_tokens" in rest)) rest.max_tokens = rest.max_completion_tokens;
      delete rest.max_completion_tokens;
    }
    const { model, model_type, cache, num_retries, temperature, max_tokens, finetuning_model, launch_kwargs, train_kwargs, use_developer_role, ...params } = rest;
    return new LM(model as string, {
      ...options.lmOptions,
      ...(model_type !== undefined ? { modelType: model_type as LMOptions["modelType"] } : {}),
      ...(cache !== undefined ? { cache: Boolean(cache) } : {}),
      ...(num_retries !== undefined ? { numRetries: Number(num_retries) } : {}),
      temperature: (temperature ?? null) as number | null,
      maxTokens: (max_tokens ?? null) as number | null,
      finetuningModel: (finetuning_model ?? null) as string | null,
      launchKwargs: (launch_kwargs ?? {}) as Record<string, unknown>,
      trainKwargs: (train_kwargs ?? {}) as Record<string, unknown>,
      ...(use_developer_role ? { useDeveloperRole: true } : {}),
      params: { ...(options.lmOptions?.params as LMParams | undefined), ...params },
    });
  }

  /** A copy with some parameters changed (history not shared); a new `api_base`/`base_url`/`api_key` gets a new provider client. */
  override copy(overrides: LMCopyOverrides = {}): this {
    const clone = super.copy(overrides);
    const endpointChanged =
      clone.apiKeySecret !== this.apiKeySecret || ["api_base", "base_url"].some((key) => clone.kwargs[key] !== this.kwargs[key]);
    if (endpointChanged && this.options.languageModel === undefined) {
      (clone as unknown as { languageModel: Resolved<LanguageModel> }).languageModel = settle(clone.resolveProvider());
    }
    (clone as unknown as { warnedZeroTempRollout: boolean }).warnedZeroTempRollout = false;
    return clone;
  }

  protected override stateClassName(): string {
    return DSPY_LM_CLASS;
  }

  private resolveProvider(): Resolved<LanguageModel> {
    const apiKey = this.apiKeySecret?.reveal();
    const headers = this.headersSecret?.reveal();
    const apiBase = (this.kwargs.api_base ?? this.kwargs.base_url) as string | undefined;
    return resolveLanguageModel(this.model, {
      modelType: this.modelType,
      ...(apiKey ? { apiKey } : {}),
      ...(apiBase ? { apiBase } : {}),
      ...(headers ? { headers } : {}),
      ...(this.options.capabilities ? { capabilities: this.options.capabilities } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  private providerRequest(request: LMForwardRequest): LMRequest {
    const params: LMParams = {};
    let headers: Record<string, string> | undefined;
    for (const [key, value] of Object.entries(request.params)) {
      if (key === "headers") headers = value as Record<string, string>;
      else if (key !== "rollout_id" && key !== "model_list" && !IGNORED_CACHE_PARAMS.has(key)) params[key] = value;
    }
    if ("api_key" in request.params) {
      throw new LMConfigurationError("Pass the API key when creating the LM (`new LM(model, { apiKey })`), not as a per-call parameter.", { model: this.model });
    }
    const messages =
      this.useDeveloperRole && this.modelType === "responses"
        ? request.messages.map((m) => (m.role === "system" ? { ...m, role: "developer" as const } : m))
        : request.messages;
    return { model: splitModel(this.model).modelId, messages, params, ...(headers ? { headers } : {}) };
  }

  private retryOptions(signal: AbortSignal | undefined) {
    const retry = this.options.retry ?? {};
    return {
      retries: this.numRetries,
      isRetryable: isRetryableLMError,
      retryAfterMs: (error: unknown) => {
        const seconds = (error as LMError).retryAfter;
        return typeof seconds === "number" ? seconds * 1000 : undefined;
      },
      ...(retry.baseDelayMs !== undefined ? { baseDelayMs: retry.baseDelayMs } : {}),
      ...(retry.maxDelayMs !== undefined ? { maxDelayMs: retry.maxDelayMs } : {}),
      ...(retry.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: retry.maxRetryAfterMs } : {}),
      ...(retry.sleep ? { sleep: retry.sleep } : {}),
      ...(retry.random ? { random: retry.random } : {}),
      ...(signal ? { signal } : {}),
      onRetry: (error: unknown, attempt: number, delay: number) =>
        getSettings().logger.debug(`LM call to ${this.model} failed (${(error as Error).message}); retry ${attempt} of ${this.numRetries} in ${Math.round(delay)} ms.`),
    };
  }

  /** Checks a fresh response (no completion is a malformed reply, retried like a 5xx), warns on truncation, prices it. */
  private finishResponse(response: LMResponse): LMResponse {
    if (!Array.isArray(response?.outputs) || response.outputs.length === 0) {
      throw new LMServerError(`${this.provider.provider} returned a reply without any completion.`, { model: this.model, provider: this.provider.provider });
    }
    if (this.modelType !== "responses" && response.outputs.some((o) => o.finishReason === "length")) {
      getSettings().logger.warn(
        `LM response was truncated due to exceeding maxTokens (${String(this.kwargs.max_tokens ?? "unset")}). ` +
          "You can inspect the latest LM interactions with `lm.inspectHistory()`. " +
          "To avoid truncation, consider passing a larger maxTokens when setting up the LM. " +
          `You may also consider increasing the temperature (currently ${String(this.kwargs.temperature ?? "unset")}) ` +
          "if the reason for truncation is repetition.",
      );
    }
    if (typeof response.cost !== "number") response.cost = this.costOf(response);
    return response;
  }

  /** The price of this model: the `price` option, else the price table's. */
  protected override priceOf(): ModelPrice | undefined {
    return this.price ?? this.prices.priceOf(this.model);
  }

  private costOf(response: LMResponse): number | null {
    if (this.price) return costFromPrice(this.price, response.usage);
    const direct = this.prices.costOf(this.model, response.usage);
    if (direct !== null || !response.model) return direct;
    return this.prices.costOf(`${splitModel(this.model).provider}/${response.model}`, response.usage);
  }

  private cacheStore(): ResponseCache {
    return this.options.cacheStore ?? activeResponseCache();
  }

  private warnZeroTempRollout(temperature: unknown, rolloutId: unknown): void {
    if (!this.warnedZeroTempRollout && rolloutId !== undefined && rolloutId !== null && temperature === 0) {
      getSettings().logger.warn("`rollout_id` has no effect at temperature 0; set a `temperature` above 0 to bypass the cache.");
      this.warnedZeroTempRollout = true;
    }
  }
}

function splitOptions(options: LMOptions): { base: LMOptions; own: LMOptions } {
  const base: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (LM_OPTION_KEYS.has(key)) own[key] = value;
    else base[key] = value;
  }
  if (typeof own.apiBase === "string") base.params = { ...(base.params as LMParams | undefined), api_base: own.apiBase };
  return { base: base as LMOptions, own: own as LMOptions };
}

function toLanguageModel(model: object): Resolved<LanguageModel> {
  if ((model as LanguageModel).specificationVersion === "tsdspy-lm-v1") return model as LanguageModel;
  const wrapped = wrapLanguageModel(model);
  if (wrapped) return wrapped;
  throw new LMConfigurationError(
    "new LM(model) takes a 'provider/model' string, a tsdspy LanguageModel or an AI SDK language model (specification v2, v3 or v4).",
  );
}

/** A pending model whose failure is reported by the first call, never as an unhandled rejection. */
function settle(model: Resolved<LanguageModel>): Resolved<LanguageModel> {
  if (model instanceof Promise) model.catch(() => {});
  return model;
}

/** A stored response as a cache hit: a deep copy (callers may change it; the entry stays as stored), marked, with empty usage and no cost (as DSPy). */
function cacheHit(stored: LMResponse): LMResponse {
  const copy = cloneData(stored);
  copy.cacheHit = true;
  copy.usage = {};
  copy.cost = null;
  return copy;
}
