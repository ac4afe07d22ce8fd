import { randomUUID } from "node:crypto";
import { Budget, reserveBudgets, type BudgetLimits, type CallEstimate } from "../context/budget.js";
import { formatHistory } from "../context/format-history.js";
import { getSettings, recordGlobalHistory, type Settings } from "../context/settings.js";
import { activeSignal } from "../context/with-signal.js";
import { AbortError } from "../errors/abort-error.js";
import { LMTimeoutError } from "../errors/lm-errors.js";
import type { HistoryEntry } from "../lm/history-entry.js";
import type { LMCopyOverrides } from "../lm/lm-copy-overrides.js";
import { NO_CAPABILITIES, type LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMCallOptions, LMLike } from "../lm/lm-like.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMRequestParams } from "../lm/lm-request-params.js";
import type { LMOutput, LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import type { Message } from "../lm/message.js";
import { PyFloat, pyFloat } from "../python/py-float.js";
import { Secret } from "../utils/secret.js";
import { estimatePromptTokens, maxCompletionTokens } from "./estimate-prompt-tokens.js";
import { lmCopyEntries } from "./lm-copy-overrides.js";
import type { ModelPrice } from "./model-price.js";
import { worstCaseCost } from "./pricing.js";
import { responseParts } from "./response-parts.js";
import { temperatureForGenerations } from "./temperature-for-generations.js";

/** What `BaseLM.forward` receives: the messages and the merged request parameters. */
export interface LMForwardRequest {
  messages: Message[];
  params: LMParams;
  signal?: AbortSignal;
}

/**
 * Options every LM takes. Request parameters keep DSPy's (OpenAI) names (`top_p`, `stop`, `seed`, …); anything a
 * provider accepts beyond them goes in `params`, the one escape hatch.
 */
export interface BaseLMOptions extends Omit<LMRequestParams, "temperature" | "max_tokens"> {
  modelType?: "chat" | "text" | "responses";
  /** Default `temperature` request parameter. */
  temperature?: number | null;
  /** Default `max_tokens` request parameter. */
  maxTokens?: number | null;
  /** @deprecated DSPy's spelling; use `maxTokens` (giving both is an error). */
  max_tokens?: number | null;
  cache?: boolean;
  numRetries?: number;
  /** Other default request parameters, sent as given (provider-specific extras: `{ top_k: 40, num_ctx: 8192 }`). */
  params?: LMParams;
  /** A hard cap for this LM's calls, on top of any `withBudget` scope. */
  budget?: BudgetLimits | Budget;
  /** This model's price (dollars per million tokens), for cost and for `maxCost` budgets. */
  price?: ModelPrice;
}

const BASE_OPTION_KEYS = new Set(["modelType", "temperature", "maxTokens", "max_tokens", "cache", "numRetries", "params", "budget", "price"]);

/** Parameters that Python holds as floats, so that `1` is saved as `1.0` in state files as DSPy saves it. */
const FLOAT_PARAMS = new Set(["temperature", "top_p", "presence_penalty", "frequency_penalty"]);

/** Request parameters that may carry credentials: never shown by `toJSON`/`inspect`, never kept in history. */
const SECRET_PARAMS = new Set(["api_key", "headers", "extra_headers"]);

function outputForHistory(output: LMOutput): string | Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (output.reasoningContent) extra.reasoning_content = output.reasoningContent;
  if (output.logprobs !== undefined) extra.logprobs = output.logprobs;
  if (output.toolCalls?.length) extra.tool_calls = output.toolCalls;
  if (output.citations !== undefined) extra.citations = output.citations;
  return Object.keys(extra).length === 0 && output.text !== null ? output.text : { text: output.text, ...extra };
}

function pushCapped<T>(list: T[], item: T, cap: number): void {
  if (cap <= 0) return;
  while (list.length >= cap) list.shift();
  list.push(item);
}

/**
 * Base class of language models (DSPy's `BaseLM`): subclasses implement `forward`; `call` and `stream` add the
 * bookkeeping every call needs, on one path — default parameters, callbacks, budgets, history (the LM's, the global
 * one, the calling modules'), and usage tracking.
 */
export abstract class BaseLM implements LMLike {
  readonly model: string;
  readonly modelType: "chat" | "text" | "responses";
  kwargs: LMParams;
  cache: boolean;
  numRetries: number;
  history: HistoryEntry[] = [];
  /** This LM's own budget (shared by its copies). */
  readonly budget: Budget | null;
  /** The API key given as DSPy's `api_key` keyword, out of reach of serialization and inspection. */
  protected apiKeySecret: Secret | undefined;
  /** This model's price, if given. */
  protected readonly price: ModelPrice | undefined;

  constructor(model: string, options: BaseLMOptions = {}) {
    this.model = model;
    this.modelType = options.modelType ?? "chat";
    this.cache = options.cache ?? true;
    this.numRetries = options.numRetries ?? 3;
    this.budget = options.budget === undefined ? null : options.budget instanceof Budget ? options.budget : new Budget(options.budget);
    this.price = options.price;
    const params: LMParams = { ...extraParams(options), ...options.params };
    if (typeof params.api_key === "string") this.apiKeySecret = Secret.of(params.api_key);
    delete params.api_key;
    this.kwargs = this.initialKwargs(options.temperature ?? null, options.maxTokens ?? options.max_tokens ?? null, params);
  }

  /** The default request parameters (DSPy's `_get_initial_kwargs`); `LM` renames `max_tokens` for reasoning models. */
  protected initialKwargs(temperature: number | null, maxTokens: number | null, params: LMParams): LMParams {
    return { temperature: unwrap(temperature), max_tokens: unwrap(maxTokens), ...params };
  }

  get capabilities(): LMCapabilities {
    return NO_CAPABILITIES;
  }

  /** Waits for whatever must load before `capabilities` can be read; `undefined` when nothing must (see `LMLike`). */
  prepare(): Promise<void> | undefined {
    return undefined;
  }

  /** Sends one request; `params` are already merged with `kwargs`. */
  protected abstract forward(request: LMForwardRequest): Promise<LMResponse>;

  /** Calls the model with chat messages and returns one output per completion. */
  async call(messages: Message[], params: LMParams = {}, options: LMCallOptions = {}): Promise<LMOutput[]> {
    const run = this.run(messages, params, options, false);
    for (;;) {
      const step = await run.next();
      if (step.done) return step.value.outputs;
    }
  }

  /**
   * Streams one call: deltas as the model produces them, then a `finish` part with the whole response. The same path
   * as `call()`: callbacks, cache (a hit is replayed as deltas), budgets, retries before the first delta, per-attempt
   * timeouts, history and usage. Stopping early (`break`) cancels the request.
   *
   * @example
   * for await (const part of lm.stream([{ role: "user", content: "Hi" }])) if (part.type === "text-delta") onToken(part.delta);
   */
  async *stream(messages: Message[], params: LMParams = {}, options: LMCallOptions = {}): AsyncGenerator<LMStreamPart, void, undefined> {
    const response = yield* this.run(messages, params, options, true);
    yield { type: "finish", response };
  }

  /** The one path of `call` and `stream`: callbacks around `generate`, then history and usage. */
  private async *run(messages: Message[], params: LMParams, options: LMCallOptions, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    const settings = getSettings();
    const signal = activeSignal(options.signal);
    const operation = `The LM call to ${this.model}`;
    AbortError.throwIfAborted(signal, operation);
    const { params: callParams, merged } = this.mergeCallParams(params);
    const callId = settings.callbacks.length ? randomUUID() : "";
    for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmStart?.(callId, this, { messages, params: callParams }));
    let ended = false;
    let response: LMResponse | undefined;
    try {
      response = yield* this.generate({ messages, params: merged, ...(signal ? { signal } : {}) }, settings, streaming);
    } catch (raw) {
      const error = AbortError.wrap(raw, signal, operation);
      ended = true;
      for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmEnd?.(callId, null, error));
      throw error;
    } finally {
      if (!ended && response === undefined) {
        const stopped = new DOMException("The stream was closed by its consumer before the LM call finished.", "AbortError");
        for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmEnd?.(callId, null, stopped));
      }
    }
    this.record(settings, messages, callParams, response);
    for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmEnd?.(callId, response.outputs, null, response));
    return response;
  }

  /** The call's parameters (after DSPy's n>1 temperature rule) and their merge over the defaults (`null` removes). */
  protected mergeCallParams(params: LMParams): { params: LMParams; merged: LMParams } {
    const callParams = temperatureForGenerations(params, this.kwargs);
    return { params: callParams, merged: mergeParams(this.kwargs, callParams) };
  }

  /** Every budget a call made here counts against: the scope's, then this LM's own. */
  protected activeBudgets(settings: Settings): readonly Budget[] {
    return this.budget ? [...settings.budgets, this.budget] : settings.budgets;
  }

  /**
   * One call after parameter merging: reserve its worst case on every budget, `produce` it, then settle the budgets
   * with what it spent. `LM` consults its cache first.
   */
  protected async *generate(request: LMForwardRequest, settings: Settings, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    const holds = await reserveBudgets(this.activeBudgets(settings), () => this.worstCase(request), request.signal);
    const parts = this.produce(request, streaming);
    let response: LMResponse | undefined;
    let failure: unknown;
    let started = false;
    try {
      for (;;) {
        const step = await parts.next();
        if (step.done) return (response = step.value);
        started = true;
        yield step.value;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (response === undefined && failure === undefined) await parts.return(undefined as never);
      if (response !== undefined) holds.settle(response.usage, response.cost ?? null);
      // Cut short after output began, or timed out: the provider may have billed it. Refused outright: it did not.
      else if (started || failure === undefined || failure instanceof LMTimeoutError) holds.forfeit();
      else holds.release();
    }
  }

  /** Sends the request; streaming, it yields the deltas. `BaseLM` calls `forward` and yields the whole text at once. */
  protected async *produce(request: LMForwardRequest, streaming: boolean): AsyncGenerator<LMStreamPart, LMResponse> {
    const forwarded = this.apiKeySecret && !("api_key" in request.params) ? { ...request, params: { ...request.params, api_key: this.apiKeySecret.reveal() } } : request;
    const response = await this.forward(forwarded);
    if (streaming) yield* responseParts(response);
    return response;
  }

  /** The most a call can spend, reserved on budgets before it is sent: prompt bound + `max_tokens`, times `n`, at the price. */
  protected worstCase(request: LMForwardRequest): CallEstimate {
    const prompt = estimatePromptTokens(request.messages, request.params);
    const completion = maxCompletionTokens(request.params);
    const n = typeof request.params.n === "number" && request.params.n > 1 ? request.params.n : 1;
    const unboundedReason = completion === null ? "the call has no max_tokens" : prompt === null ? "a message refers to a file by id" : undefined;
    const tokens = prompt === null || completion === null ? null : n * (prompt + completion);
    const price = this.priceOf();
    const cost = price && prompt !== null && completion !== null ? n * worstCaseCost(price, prompt, completion) : null;
    return { model: this.model, tokens, cost, ...(unboundedReason ? { unboundedReason } : {}) };
  }

  /** This model's price, if known (`LM` also looks in its price table). */
  protected priceOf(): ModelPrice | undefined {
    return this.price;
  }

  /** Adds usage to the active tracker and the call to every history that should hold it. */
  protected record(settings: Settings, messages: Message[], params: LMParams, response: LMResponse): void {
    if (!response.cacheHit && settings.usageTracker) {
      settings.usageTracker.addUsage(this.model, response.usage);
      settings.usageTracker.addCost(this.model, response.cost ?? null);
    }
    if (settings.disableHistory) return;
    const kwargs: LMParams = {};
    for (const [key, value] of Object.entries(params)) if (!key.startsWith("api_") && !SECRET_PARAMS.has(key)) kwargs[key] = value;
    const entry: HistoryEntry = {
      prompt: null,
      messages,
      kwargs,
      response: response.raw ?? null,
      outputs: response.outputs.map(outputForHistory),
      usage: response.usage,
      cost: response.cost ?? null,
      timestamp: new Date().toISOString(),
      uuid: randomUUID(),
      model: this.model,
      response_model: response.model ?? null,
      model_type: this.modelType,
    };
    recordGlobalHistory(entry, settings);
    pushCapped(this.history, entry, settings.maxHistorySize);
    for (const module of settings.callerModules) pushCapped(module.history, entry, settings.maxHistorySize);
  }

  /**
   * A copy with some request parameters changed; history is not shared. A `null` value removes the parameter. A typo
   * is a type error, and an `LMConfigurationError` for untyped callers; provider-specific parameters go in `params`.
   *
   * @example
   * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0 });
   */
  copy(overrides: LMCopyOverrides = {}): this {
    const entries = lmCopyEntries(overrides);
    const clone = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(clone, this);
    clone.history = [];
    clone.kwargs = { ...this.kwargs };
    for (const [key, value] of Object.entries(entries)) {
      if (key === "cache" && typeof value === "boolean") clone.cache = value;
      else if (key === "numRetries" && typeof value === "number") clone.numRetries = value;
      else if (key === "api_key") clone.apiKeySecret = Secret.of(value as string | null);
      else if (value === null) delete clone.kwargs[key];
      else clone.kwargs[key] = value;
    }
    return clone;
  }

  /** DSPy's `dump_state()`: class marker, model, type, cache, retries and default parameters (never an API key). */
  dumpState(): Record<string, unknown> {
    const state: Record<string, unknown> = {
      _dspy_lm_class: this.stateClassName(),
      model: this.model,
      model_type: this.modelType,
      cache: this.cache,
      num_retries: this.numRetries,
    };
    for (const [key, value] of Object.entries(this.kwargs)) {
      if (key === "api_key" || key === "_dspy_lm_class") continue;
      state[key] = FLOAT_PARAMS.has(key) && typeof value === "number" ? pyFloat(value) : value;
    }
    return state;
  }

  /** The class path recorded in state files; Python only loads `dspy.clients.lm.LM` without opting in. */
  protected stateClassName(): string {
    return `tsdspy.${this.constructor.name}`;
  }

  /** The last `n` calls of this LM, formatted like DSPy's `inspect_history`. */
  inspectHistory(n = 1, options: { colors?: boolean } = {}): string {
    return formatHistory(this.history, n, options);
  }

  /** What `JSON.stringify` shows: the model and its default parameters, never a key or a header. */
  toJSON(): Record<string, unknown> {
    return { model: this.model, model_type: this.modelType, cache: this.cache, num_retries: this.numRetries, kwargs: publicParams(this.kwargs) };
  }

  /** What `console.log` and `util.inspect` show: the same as `toJSON`, never a key or a header. */
  [Symbol.for("nodejs.util.inspect.custom")](_depth: number, options: { stylize?: unknown }, inspect: (value: unknown, options: unknown) => string): string {
    return `${this.constructor.name} ${inspect(this.toJSON(), options)}`;
  }
}

/** Parameters without the ones that may carry credentials (their names stay, their values do not). */
function publicParams(params: LMParams): LMParams {
  const out: LMParams = {};
  for (const [key, value] of Object.entries(params)) out[key] = SECRET_PARAMS.has(key) || key.startsWith("api_key") ? "[redacted]" : value;
  return out;
}

function unwrap<T>(value: T | PyFloat): T | number {
  return value instanceof PyFloat ? value.value : value;
}

function extraParams(options: BaseLMOptions): LMParams {
  const params: LMParams = {};
  for (const [key, value] of Object.entries(options)) {
    if (!BASE_OPTION_KEYS.has(key) && value !== undefined) params[key] = value instanceof PyFloat ? value.value : value;
  }
  return params;
}

function mergeParams(defaults: LMParams, params: LMParams): LMParams {
  const merged: LMParams = {};
  for (const [key, value] of Object.entries(defaults)) if (value !== null && value !== undefined) merged[key] = value;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function safeHook(settings: Settings, hook: () => void): void {
  try {
    hook();
  } catch (error) {
    settings.logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
  }
}
