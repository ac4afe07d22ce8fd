import { randomUUID } from "node:crypto";
import { Budget, startBudgetedCall, type BudgetLimits } from "../context/budget.js";
import { getSettings, recordGlobalHistory, type Settings } from "../context/settings.js";
import type { HistoryEntry } from "../lm/history-entry.js";
import { NO_CAPABILITIES, type LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMCallOptions, LMLike } from "../lm/lm-like.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMOutput, LMResponse } from "../lm/lm-response.js";
import type { Message } from "../lm/message.js";
import { formatHistory } from "../context/format-history.js";
import { PyFloat, pyFloat } from "../python/py-float.js";
import { temperatureForGenerations } from "./temperature-for-generations.js";

/** What `BaseLM.forward` receives: the messages and the merged request parameters. */
export interface LMForwardRequest {
  messages: Message[];
  params: LMParams;
  signal?: AbortSignal;
}

export interface BaseLMOptions {
  modelType?: "chat" | "text" | "responses";
  /** Default `temperature` request parameter. */
  temperature?: number | null;
  /** Default `max_tokens` request parameter. */
  maxTokens?: number | null;
  cache?: boolean;
  numRetries?: number;
  /** Other default request parameters, in OpenAI naming (`top_p`, `stop`, `seed`, …). */
  params?: LMParams;
  /** A hard cap for this LM's calls, on top of any `withBudget` scope. */
  budget?: BudgetLimits | Budget;
  /** Any other option is a default request parameter, as DSPy's `**kwargs` (`top_p: 0.9`, `seed: 1`, …). */
  [param: string]: unknown;
}

const BASE_OPTION_KEYS = new Set(["modelType", "temperature", "maxTokens", "cache", "numRetries", "params", "budget"]);

/** Parameters that Python holds as floats, so that `1` is saved as `1.0` in state files as DSPy saves it. */
const FLOAT_PARAMS = new Set(["temperature", "top_p", "presence_penalty", "frequency_penalty"]);

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
 * Base class of language models (DSPy's `BaseLM`): subclasses implement `forward`; `call` adds the bookkeeping
 * every call needs — default parameters, callbacks, history (the LM's, the global one, the calling modules'),
 * and usage tracking.
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

  constructor(model: string, options: BaseLMOptions = {}) {
    this.model = model;
    this.modelType = options.modelType ?? "chat";
    this.cache = options.cache ?? true;
    this.numRetries = options.numRetries ?? 3;
    this.budget = options.budget === undefined ? null : options.budget instanceof Budget ? options.budget : new Budget(options.budget);
    this.kwargs = this.initialKwargs(options.temperature ?? null, options.maxTokens ?? null, {
      ...extraParams(options),
      ...options.params,
    });
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
    const settings = getSettings();
    const { params: callParams, merged } = this.mergeCallParams(params);
    params = callParams;
    const callId = settings.callbacks.length ? randomUUID() : "";
    for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmStart?.(callId, this, { messages, params }));
    let response: LMResponse;
    try {
      response = await this.generate({ messages, params: merged, ...(options.signal ? { signal: options.signal } : {}) }, settings);
    } catch (error) {
      for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmEnd?.(callId, null, error));
      throw error;
    }
    this.record(settings, messages, params, response);
    for (const cb of settings.callbacks) safeHook(settings, () => cb.onLmEnd?.(callId, response.outputs, null));
    return response.outputs;
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

  /** One call after parameter merging: the budget check, then `forward`. `LM` consults its cache first. */
  protected generate(request: LMForwardRequest, settings: Settings): Promise<LMResponse> {
    return this.spendBudget(settings, () => this.forward(request));
  }

  /** Runs `send` (which reaches a provider) against every active budget: refused once a cap is reached, then charged. */
  protected async spendBudget(settings: Settings, send: () => Promise<LMResponse>): Promise<LMResponse> {
    const budgets = this.activeBudgets(settings);
    if (budgets.length === 0) return send();
    startBudgetedCall(budgets);
    const response = await send();
    for (const budget of budgets) budget.charge(response.usage, response.cost ?? null);
    return response;
  }

  /** Adds usage to the active tracker and the call to every history that should hold it. */
  protected record(settings: Settings, messages: Message[], params: LMParams, response: LMResponse): void {
    if (!response.cacheHit && settings.usageTracker) {
      settings.usageTracker.addUsage(this.model, response.usage);
      settings.usageTracker.addCost(this.model, response.cost ?? null);
    }
    if (settings.disableHistory) return;
    const kwargs: LMParams = {};
    for (const [key, value] of Object.entries(params)) if (!key.startsWith("api_")) kwargs[key] = value;
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
   * A copy with some request parameters changed; history is not shared. A `null` value removes the parameter.
   *
   * @example
   * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0 });
   */
  copy(overrides: LMParams = {}): this {
    const clone = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(clone, this);
    clone.history = [];
    clone.kwargs = { ...this.kwargs };
    for (const [key, value] of Object.entries(overrides)) {
      if (key === "cache" && typeof value === "boolean") clone.cache = value;
      else if (key === "numRetries" && typeof value === "number") clone.numRetries = value;
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
