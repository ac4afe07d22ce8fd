import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import { LabeledFewShot } from "../optimizers/labeled-few-shot/labeled-few-shot.js";
import { BootstrapFewShotWithRandomSearch } from "../optimizers/random-search/bootstrap-few-shot-with-random-search.js";
import { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Parallel } from "../predict/parallel.js";
import { Predict } from "../predict/predict.js";
import { Evaluate } from "../evaluate/evaluate.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { OpenTelemetryCallback } from "./opentelemetry-callback.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
afterEach(() => resetSettings());

function tracing(captureContent = false) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const callback = new OpenTelemetryCallback({ tracer: provider.getTracer("test"), captureContent });
  return { exporter, callback };
}

/** The spans as an indented tree, children in start order. */
function tree(spans: readonly ReadableSpan[]): string {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const span of children) {
      lines.push(`${"  ".repeat(depth)}${span.name}${span.status.code === SpanStatusCode.ERROR ? " [ERROR]" : ""}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join("\n");
}

/** Runs the pipeline on every question under `Parallel`. */
class AskAll extends Module {
  pipeline = new Pipeline();
  forward(inputs: { questions: string[] }) {
    const pairs = inputs.questions.map((question) => [this.pipeline, new Example({ question }).withInputs("question")] as [Module, Example]);
    return new Parallel({ numThreads: 2, disableProgressBar: true }).call(pairs);
  }
}

class Pipeline extends Module {
  classify = new Predict("question -> topic");
  answer = new ChainOfThought("question, topic -> answer");
  async forward(inputs: { question: string }) {
    const { topic } = await this.classify.call(inputs);
    return this.answer.call({ question: inputs.question, topic });
  }
}

describe("OpenTelemetryCallback", () => {
  it("nests a two-module program run under Parallel: each example's modules under its own pipeline span", async () => {
    const { exporter, callback } = tracing();
    const lm = new DummyLM({ "What is 2+2?": { topic: "math", reasoning: "Add.", answer: "4" }, "Capital of France?": { topic: "geo", reasoning: "Known.", answer: "Paris" } });
    await withSettings({ lm, logger: silent, callbacks: [callback] }, () => new AskAll().call({ questions: ["What is 2+2?", "Capital of France?"] }));
    const spans = exporter.getFinishedSpans();
    const pipelineSpans = spans.filter((s) => s.name === "Pipeline.call");
    expect(pipelineSpans).toHaveLength(2);
    // Under concurrency the two subtrees interleave in time; each subtree is complete and separate.
    for (const root of pipelineSpans) {
      const sub = spans.filter((s) => isUnder(s, root, spans));
      expect(tree([root, ...sub])).toBe(
        ["Pipeline.call", "  Predict.call", "    chat dummy", "  ChainOfThought.call", "    Predict.call", "      chat dummy"].join("\n"),
      );
      expect(root.parentSpanContext?.spanId).toBe(spans.find((s) => s.name === "AskAll.call")!.spanContext().spanId);
    }
    expect(spans).toHaveLength(1 + 2 * 6);
    expect(spans.find((s) => s.name === "AskAll.call")!.parentSpanContext).toBeUndefined();
  });

  it("records GenAI attributes on LM spans, and content only when asked", async () => {
    for (const captureContent of [false, true]) {
      const { exporter, callback } = tracing(captureContent);
      const lm = new DummyLM([{ answer: "4" }], { temperature: 0.5, maxTokens: 100 } as never);
      await withSettings({ lm, logger: silent, callbacks: [callback] }, () => new Predict("question -> answer").call({ question: "2+2?" }, { config: { n: 1, top_p: 0.9 } } as never));
      const lmSpan = exporter.getFinishedSpans().find((s) => s.name.startsWith("chat "))!;
      expect(lmSpan.kind).toBe(2); // CLIENT
      expect(lmSpan.attributes).toMatchObject({
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "dummy",
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.choice.count": 1,
      });
      expect(typeof lmSpan.attributes["gen_ai.usage.input_tokens"]).toBe("number");
      expect(typeof lmSpan.attributes["gen_ai.usage.output_tokens"]).toBe("number");
      expect(lmSpan.attributes["gen_ai.input.messages"] !== undefined).toBe(captureContent);
      expect(lmSpan.attributes["gen_ai.output.messages"] !== undefined).toBe(captureContent);
      const moduleSpan = exporter.getFinishedSpans().find((s) => s.name === "Predict.call")!;
      expect(moduleSpan.attributes["tsdspy.signature"]).toBe("question -> answer");
      expect(moduleSpan.attributes["tsdspy.module.inputs"] !== undefined).toBe(captureContent);
    }
  });

  it("marks failed calls with error status, up the tree", async () => {
    const { exporter, callback } = tracing();
    const { BaseLM } = await import("../clients/base-lm.js");
    class BrokenLM extends BaseLM {
      protected async forward(): Promise<never> {
        throw new TypeError("connection refused");
      }
    }
    const lm = new BrokenLM("openai/gpt-4o-mini");
    await withSettings({ lm, logger: silent, callbacks: [callback] }, () => new ChainOfThought("question -> answer").call({ question: "q" })).catch(() => {});
    const spans = exporter.getFinishedSpans();
    // The ChatAdapter's failure falls back to the JSONAdapter: two LM requests, both failed.
    expect(tree(spans)).toBe(["ChainOfThought.call [ERROR]", "  Predict.call [ERROR]", "    chat gpt-4o-mini [ERROR]", "    chat gpt-4o-mini [ERROR]"].join("\n"));
    const lmSpan = spans.find((s) => s.name === "chat gpt-4o-mini")!;
    expect(lmSpan.attributes).toMatchObject({ "gen_ai.system": "openai", "error.type": "TypeError" });
    expect(lmSpan.status.message).toBe("connection refused");
    expect(lmSpan.events.map((e) => e.name)).toEqual(["exception"]);
    expect(spans.find((s) => s.name === "ChainOfThought.call")!.status).toMatchObject({ code: SpanStatusCode.ERROR, message: "connection refused" });
  });

  it("traces an Evaluate run and an optimizer's compile with one span per trial", async () => {
    const { exporter, callback } = tracing();
    const trainset = ["alpha?", "bravo?", "charlie?", "delta?"].map((q) => new Example({ question: q, answer: q.toUpperCase() }).withInputs("question"));
    const lm = new DummyLM(Object.fromEntries(trainset.map((e) => [e.question as string, { answer: (e.question as string).toUpperCase() }])));
    const metric = (example: Example, pred: { answer?: unknown }) => example.answer === pred.answer;
    await withSettings({ lm, logger: silent, callbacks: [callback] }, async () => {
      await new Evaluate({ devset: trainset, metric, numThreads: 2 }).call(new Predict("question -> answer"));
      await new BootstrapFewShotWithRandomSearch({ metric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, numCandidatePrograms: 1, displayProgress: false, output: { write: () => true } } as never).compile(
        new Predict("question -> answer"),
        { trainset, valset: trainset },
      );
      await new LabeledFewShot({ k: 1 }).compile(new Predict("question -> answer"), { trainset });
    });
    const spans = exporter.getFinishedSpans();
    const evaluate = spans.find((s) => s.name === "Evaluate" && !s.parentSpanContext)!;
    expect(evaluate.attributes).toMatchObject({ "tsdspy.evaluate.devset_size": 4, "tsdspy.evaluate.score": 100 });
    expect(spans.filter((s) => s.parentSpanContext?.spanId === evaluate.spanContext().spanId).map((s) => s.name)).toEqual(Array(4).fill("Predict.call"));
    const compile = spans.find((s) => s.name === "BootstrapFewShotWithRandomSearch.compile")!;
    const children = spans.filter((s) => s.parentSpanContext?.spanId === compile.spanContext().spanId).map((s) => s.name);
    const trials = children.filter((name) => name.startsWith("BootstrapFewShotWithRandomSearch trial "));
    expect(trials.length).toBeGreaterThanOrEqual(3);
    expect(children).toContain("Evaluate");
    const trial = spans.find((s) => s.name === "BootstrapFewShotWithRandomSearch trial 1")!;
    expect(trial.attributes).toMatchObject({ "tsdspy.optimizer": "BootstrapFewShotWithRandomSearch", "tsdspy.trial.number": 1 });
    expect(spans.find((s) => s.name === "LabeledFewShot.compile")).toBeDefined();
  });
});

function isUnder(span: ReadableSpan, root: ReadableSpan, all: readonly ReadableSpan[]): boolean {
  let parent = span.parentSpanContext?.spanId;
  while (parent) {
    if (parent === root.spanContext().spanId) return true;
    parent = all.find((s) => s.spanContext().spanId === parent)?.parentSpanContext?.spanId;
  }
  return false;
}
