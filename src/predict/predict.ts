import { randomBytes } from "node:crypto";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import type { Adapter } from "../adapters/adapter.js";
import { loadLMState } from "../context/lm-state-loaders.js";
import { getSettings } from "../context/settings.js";
import { recordTrace } from "../context/with-trace.js";
import { LMError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LMLike } from "../lm/lm-like.js";
import type { LMParams } from "../lm/lm-request.js";
import { ExampleImpl } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { PARAMETER, type LoadStateOptions, type Parameter } from "../primitives/parameter.js";
import { Prediction } from "../primitives/prediction.js";
import { checkPredictorState } from "../primitives/predictor-state.js";
import { ensureSignature, type Signature, type SignatureState } from "../signatures/signature.js";
import type { ParseSignature } from "../signatures/infer-types.js";
import { allowsNone } from "../signatures/type-node.js";
import { pyRepr, pyStr } from "../python/pyfmt.js";
import { callOrStreamLM } from "./call-or-stream-lm.js";
import { valueMatchesType, warningTypeName } from "./check-type.js";
import { predictConfigParams, type PredictConfig } from "./predict-config.js";
import { formatWithHooks, observeParse } from "./adapter-hooks.js";
import { rethrowIfCancelled } from "../context/with-signal.js";

type Fields = Record<string, any>;

/** Per-call overrides of a predictor (DSPy's privileged keyword arguments). */
export interface PredictCallOptions {
  /** Use this LM for the call instead of the predictor's or the configured one. */
  lm?: LMLike;
  /** Request parameters for this call (`temperature`, `n`, `rollout_id`, …; extras in `params`). */
  config?: PredictConfig;
  /** Demos for this call instead of the predictor's. */
  demos?: ReadonlyArray<Demo>;
  signature?: Signature | string;
}

/** A demo as stored: an Example or, after loading a state file, a plain object (as in DSPy). */
export type Demo = ExampleImpl | Record<string, unknown>;

function serializeDemo(demo: Demo): Record<string, unknown> {
  return demo instanceof ExampleImpl ? demo.toDict() : { ...demo };
}

class PredictImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O>> implements Parameter {
  readonly [PARAMETER] = true as const;
  signature: Signature<I, O>;
  config: LMParams;
  lm: LMLike | null = null;
  demos: Demo[] = [];
  traces: unknown[] = [];
  train: unknown[] = [];
  /** A random id of this predictor (DSPy's `stage`). */
  readonly stage: string = randomBytes(8).toString("hex");

  constructor(signature: Signature<I, O> | string, config: PredictConfig = {}) {
    super();
    this.signature = ensureSignature(signature) as Signature<I, O>;
    this.config = predictConfigParams(config, "new Predict(signature, config)");
  }

  /** Forgets the LM, demos and traces (DSPy's `reset`). */
  reset(): void {
    this.lm = null;
    this.traces = [];
    this.train = [];
    this.demos = [];
  }

  override async forward(inputs: I, options: PredictCallOptions = {}): Promise<Prediction<O>> {
    const settings = getSettings();
    const signature = options.signature ? ensureSignature(options.signature) : this.signature;
    const demos = options.demos ?? this.demos;
    const config: LMParams = options.config ? { ...this.config, ...predictConfigParams(options.config, "the call's config") } : { ...this.config };
    const lm = options.lm ?? this.lm ?? settings.lm;
    if (lm === null || lm === undefined) {
      throw new ValueError(
        "No LM is loaded. Please configure the LM using `configure({ lm: new LM(...) })`, e.g. " +
          '`configure({ lm: new LM("openai/gpt-4o-mini") })`.',
      );
    }
    if (typeof lm === "string") {
      throw new ValueError(
        `LM must be an LM instance, not a string. Instead of configure({ lm: "${lm}" }), use configure({ lm: new LM("${lm}") }).`,
      );
    }
    const values: Record<string, unknown> = { ...inputs };
    const prediction = values.prediction as { type?: unknown; content?: unknown } | undefined;
    if (prediction && typeof prediction === "object" && prediction.type === "content" && "content" in prediction) {
      config.prediction = prediction;
      delete values.prediction;
    }
    this.checkInputs(signature, values, settings);
    const adapter = settings.adapter ?? new ChatAdapter();
    const completions = await runPlans(adapter, lm, signature, demos, values, config, this);
    const result = Prediction.fromCompletions(completions) as Prediction<O>;
    recordTrace(this, values, result);
    return result;
  }

  /** Fills input defaults, then warns about extra, mistyped and missing inputs (DSPy's texts). */
  private checkInputs(signature: Signature, values: Record<string, unknown>, settings: ReturnType<typeof getSettings>): void {
    for (const [name, field] of Object.entries(signature.inputFields)) {
      if (!(name in values) && field.default !== undefined) values[name] = field.default.value;
    }
    const expected = Object.keys(signature.inputFields);
    const extra = Object.keys(values).filter((k) => !(k in signature.inputFields));
    if (extra.length) {
      settings.logger.warn(
        `Input contains fields not in signature. These fields will be ignored: ${pyRepr(extra)}. Expected fields: ${pyRepr(expected)}.`,
      );
    }
    if (settings.warnOnTypeMismatch) {
      for (const [name, field] of Object.entries(signature.inputFields)) {
        const value = values[name];
        if (!(name in values) || value === null || value === undefined || field.typeUndefined) continue;
        if (!valueMatchesType(value, field.type)) {
          settings.logger.warn(
            `Type mismatch for field '${name}': expected ${warningTypeName(field.type)} based on given Signature, ` +
              `but the provided value is incompatible: ${pyStr(value)}.`,
          );
        }
      }
    }
    const missing = expected.filter((k) => !(k in values) && !allowsNone(signature.inputFields[k]!.type));
    if (missing.length) {
      const present = expected.filter((k) => k in values);
      settings.logger.warn(`Not all input fields were provided to module. Present: ${pyRepr(present)}. Missing: ${pyRepr(missing)}.`);
    }
  }

  /** DSPy's `dump_state`: `traces`, `train`, `demos` (as plain objects), `signature`, `lm`. */
  override dumpState(): Record<string, unknown> {
    return {
      traces: this.traces,
      train: this.train,
      demos: this.demos.map(serializeDemo),
      signature: this.signature.dumpState(),
      lm: this.lm ? this.lm.dumpState() : null,
    };
  }

  /**
   * DSPy's `load_state`: demos stay plain objects, fields matched by position. Every value is checked first (a wrong
   * one is a `StateFileError` naming its JSON path); credentials, headers and endpoints in the LM state are dropped
   * unless `allowUnsafeLmState`.
   */
  override loadState(state: Record<string, unknown>, options: LoadStateOptions = {}): this {
    if (state && typeof state === "object" && "extended_signature" in state) {
      throw new ValueError("Loading extended_signature is no longer supported in DSPy 2.6+");
    }
    const path = options.statePath ?? "";
    const checked = checkPredictorState(state, path);
    const signature = this.signature.loadState(checked.signature);
    const lm = checked.lm ? loadLMState(checked.lm, { ...options, statePath: path ? `${path}.lm` : "lm" }) : null;
    this.traces = [...checked.traces];
    this.train = [...checked.train];
    this.demos = checked.demos.map((d) => ({ ...d }));
    this.signature = signature;
    this.lm = lm;
    return this;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.signature.toString()})`;
  }
}

/** The input fields of a signature given as a string or a `Signature`. */
export type InputsOf<S> = S extends string ? ParseSignature<S>["inputs"] : S extends Signature<infer I, Fields> ? I : Fields;
/** The output fields of a signature given as a string or a `Signature`. */
export type OutputsOf<S> = S extends string ? ParseSignature<S>["outputs"] : S extends Signature<Fields, infer O> ? O : Fields;

export interface PredictConstructor {
  /** A predictor for a signature; with a string literal, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(signature: S, config?: PredictConfig): PredictImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: PredictImpl;
}

/**
 * The basic module: formats a signature, demos and inputs into a prompt, calls the LM, parses the reply (DSPy's
 * `dspy.Predict`). `config` holds default request parameters for this predictor.
 *
 * @example
 * const classify = new Predict("ticket_text -> urgency: Literal['low', 'high']");
 * const { urgency } = await classify.call({ ticket_text: "The site is down!" }); // "low" | "high"
 */
export const Predict = PredictImpl as unknown as PredictConstructor;
export type Predict<I extends Fields = Fields, O extends Fields = Fields> = PredictImpl<I, O>;
export { PredictImpl };

/** Tries the adapter's call plans in order; an LM error ends the attempt at once, anything else moves to the next plan. */
async function runPlans(
  adapter: Adapter,
  lm: LMLike,
  signature: Signature,
  demos: ReadonlyArray<Demo>,
  inputs: Record<string, unknown>,
  config: LMParams,
  caller: object,
): Promise<Array<Record<string, unknown>>> {
  const loading = lm.prepare?.();
  if (loading) await loading;
  const plans = adapter.callPlans(signature, lm, config, inputs);
  let lastError: unknown;
  for (const plan of plans) {
    try {
      const messages = formatWithHooks(plan.adapter, plan.signature, demos as ReadonlyArray<Record<string, unknown>>, inputs);
      const outputs = await callOrStreamLM(lm, messages, plan.params, caller);
      const context = {
        complete: (a: Adapter, l: LMLike, s: Signature, i: object) => runPlans(a, l, s, [], i as Record<string, unknown>, {}, caller),
        observeParse,
      };
      const values: Array<Record<string, unknown>> = [];
      for (const output of outputs) values.push(await plan.adapter.postprocess(signature, plan.signature, output, context));
      return values;
    } catch (error) {
      rethrowIfCancelled(error);
      if (error instanceof LMError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
