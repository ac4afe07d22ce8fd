import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { Callback, OptimizerTrial } from "../context/callback.js";
import { getSettings } from "../context/settings.js";
import type { LMResponse } from "../lm/lm-response.js";
import { requestAttributes, responseAttributes, splitModelName } from "./gen-ai-attributes.js";

export interface OpenTelemetryOptions {
  /** Where spans are created; default `trace.getTracer("tsdspy")` (the globally registered provider). */
  tracer?: Tracer;
  /**
   * Also record prompts, completions, and module/tool inputs and outputs (as JSON attributes). Off by default: they
   * may hold personal or confidential data.
   */
  captureContent?: boolean;
}

const nameOf = (instance: object) => instance.constructor.name.replace(/Impl$/, "");

function json(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? "null";
  } catch {
    return String(value);
  }
}

/**
 * A `Callback` that turns tsdspy's calls into OpenTelemetry spans: one per module call, per LM request (with the
 * GenAI semantic-convention attributes), per tool call, per Evaluate run, per optimizer compile and per optimizer
 * trial. Spans nest by the call that made them, across `Parallel`, `batch` and every async boundary; a call outside
 * any tsdspy call is a child of the active OpenTelemetry span.
 *
 * @example
 * import { OpenTelemetryCallback } from "tsdspy/otel";
 * configure({ lm, callbacks: [new OpenTelemetryCallback()] });
 */
export class OpenTelemetryCallback implements Callback {
  readonly tracer: Tracer;
  readonly captureContent: boolean;
  readonly #spans = new Map<string, Span>();
  /** When each optimizer's last trial ended (or its compile started), by compile call id: where the next trial span starts. */
  readonly #trialStart = new Map<string, number>();

  constructor(options: OpenTelemetryOptions = {}) {
    this.tracer = options.tracer ?? trace.getTracer("tsdspy");
    this.captureContent = options.captureContent ?? false;
  }

  onModuleStart(callId: string, instance: object, inputs: Record<string, unknown>): void {
    const attributes: Attributes = { "tsdspy.module": nameOf(instance) };
    const signature = (instance as { signature?: { signatureString?: unknown } }).signature;
    if (typeof signature?.signatureString === "string") attributes["tsdspy.signature"] = signature.signatureString;
    if (this.captureContent) attributes["tsdspy.module.inputs"] = json(inputs);
    this.#start(callId, `${nameOf(instance)}.call`, SpanKind.INTERNAL, attributes);
  }

  onModuleEnd(callId: string, outputs: unknown, error: unknown): void {
    this.#end(callId, error, this.captureContent && !error ? { "tsdspy.module.outputs": json(outputs) } : {});
  }

  onLmStart(callId: string, instance: object, inputs: Record<string, unknown>): void {
    const model = String((instance as { model?: unknown }).model ?? nameOf(instance));
    const attributes = requestAttributes(model, (inputs.params ?? {}) as Record<string, unknown>);
    if (this.captureContent) attributes["gen_ai.input.messages"] = json(inputs.messages);
    this.#start(callId, `chat ${splitModelName(model).model}`, SpanKind.CLIENT, attributes);
  }

  onLmEnd(callId: string, outputs: unknown, error: unknown, response?: LMResponse): void {
    const attributes = response ? responseAttributes(response) : {};
    if (this.captureContent && !error) attributes["gen_ai.output.messages"] = json(outputs);
    this.#end(callId, error, attributes);
  }

  onToolStart(callId: string, instance: object, inputs: Record<string, unknown>): void {
    const name = String((instance as { name?: unknown }).name ?? nameOf(instance));
    const attributes: Attributes = { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": name };
    if (this.captureContent) attributes["gen_ai.tool.call.arguments"] = json(inputs);
    this.#start(callId, `execute_tool ${name}`, SpanKind.INTERNAL, attributes);
  }

  onToolEnd(callId: string, outputs: unknown, error: unknown): void {
    this.#end(callId, error, this.captureContent && !error ? { "gen_ai.tool.call.result": json(outputs) } : {});
  }

  onEvaluateStart(callId: string, instance: object, inputs: Record<string, unknown>): void {
    const devset = (inputs.devset ?? (instance as { devset?: unknown }).devset) as unknown[] | undefined;
    const attributes: Attributes = Array.isArray(devset) ? { "tsdspy.evaluate.devset_size": devset.length } : {};
    this.#start(callId, "Evaluate", SpanKind.INTERNAL, attributes);
  }

  onEvaluateEnd(callId: string, outputs: unknown, error: unknown): void {
    const score = (outputs as { score?: unknown } | null)?.score;
    this.#end(callId, error, typeof score === "number" ? { "tsdspy.evaluate.score": score } : {});
  }

  onCompileStart(callId: string, instance: object): void {
    this.#start(callId, `${nameOf(instance)}.compile`, SpanKind.INTERNAL, { "tsdspy.optimizer": nameOf(instance) });
    this.#trialStart.set(callId, Date.now());
  }

  onCompileEnd(callId: string, _outputs: unknown, error: unknown): void {
    this.#trialStart.delete(callId);
    this.#end(callId, error, {});
  }

  /** A span from the previous trial's end (or the compile's start) to now, under the compile that logged it. */
  onOptimizerTrial(record: OptimizerTrial): void {
    const compileId = [...getSettings().callPath].reverse().find((id) => this.#trialStart.has(id));
    const now = Date.now();
    const startTime = compileId === undefined ? now : (this.#trialStart.get(compileId) as number);
    if (compileId !== undefined) this.#trialStart.set(compileId, now);
    const attributes: Attributes = {
      "tsdspy.optimizer": record.optimizer,
      "tsdspy.trial.number": record.trial,
      "tsdspy.trial.kind": record.kind,
      "tsdspy.trial.eval_size": record.evalSize,
      "tsdspy.trial.lm_calls": record.lmCalls,
      "tsdspy.trial.metric_calls": record.metricCalls,
    };
    if (record.score !== null) attributes["tsdspy.trial.score"] = record.score;
    if (record.bestScore !== null) attributes["tsdspy.trial.best_score"] = record.bestScore;
    const span = this.tracer.startSpan(`${record.optimizer} trial ${record.trial}`, { kind: SpanKind.INTERNAL, attributes, startTime }, this.#parentContext());
    span.end(now);
  }

  #start(callId: string, name: string, kind: SpanKind, attributes: Attributes): void {
    this.#spans.set(callId, this.tracer.startSpan(name, { kind, attributes }, this.#parentContext()));
  }

  #end(callId: string, error: unknown, attributes: Attributes): void {
    const span = this.#spans.get(callId);
    if (!span) return;
    this.#spans.delete(callId);
    span.setAttributes(attributes);
    if (error !== null && error !== undefined) {
      const exception = error instanceof Error ? error : new Error(String(error));
      span.recordException(exception);
      span.setAttribute("error.type", exception.name);
      span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
    }
    span.end();
  }

  /** The span of the innermost tsdspy call running here, else whatever span is active in OpenTelemetry's context. */
  #parentContext(): Context {
    const path = getSettings().callPath;
    for (let i = path.length - 1; i >= 0; i--) {
      const parent = this.#spans.get(path[i] as string);
      if (parent) return trace.setSpan(context.active(), parent);
    }
    return context.active();
  }
}
