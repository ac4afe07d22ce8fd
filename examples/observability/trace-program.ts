/**
 * Traces a two-module program with OpenTelemetry, offline: the program runs on two questions under `Parallel`, then
 * an `Evaluate` scores it; every module call, LM request and the evaluation become spans, and the span tree is
 * written to standard error when the tracer provider shuts down. The LM is scripted (`DummyLM`); set
 * `TSDSPY_LM=provider/model` to trace real requests. See docs/observability.md for sending spans to a collector.
 *
 *   npx tsx examples/observability/trace-program.ts
 */
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ChainOfThought, configure, Evaluate, Example, LM, Module, Parallel, Predict } from "tsdspy";
import { OpenTelemetryCallback } from "tsdspy/otel";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";
import { SpanTreeExporter } from "./span-tree-exporter.js";

// #region snippet
class Pipeline extends Module {
  classify = new Predict("question -> topic");
  answer = new ChainOfThought("question, topic -> answer");

  async forward(inputs: { question: string }) {
    const { topic } = await this.classify.call(inputs);
    return this.answer.call({ question: inputs.question, topic });
  }
}

class AskAll extends Module {
  pipeline = new Pipeline();

  forward(inputs: { questions: string[] }) {
    const pairs = inputs.questions.map((question) => [this.pipeline, new Example({ question }).withInputs("question")] as [Module, Example]);
    return new Parallel({ numThreads: 2, disableProgressBar: true }).call(pairs);
  }
}
// #endregion

const SCRIPT = {
  "What is 2 + 2?": { topic: "arithmetic", reasoning: "Two plus two is four.", answer: "4" },
  "What is the capital of France?": { topic: "geography", reasoning: "France's capital is Paris.", answer: "Paris" },
};

export async function main(print: Print, writeTree?: (text: string) => void): Promise<void> {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new SpanTreeExporter(writeTree))] });
  configure({
    lm: process.env.TSDSPY_LM ? new LM(process.env.TSDSPY_LM) : new DummyLM(SCRIPT),
    callbacks: [new OpenTelemetryCallback({ tracer: provider.getTracer("trace-program") })],
  });
  const answers = (await new AskAll().call({ questions: Object.keys(SCRIPT) })) as Array<{ answer: string } | null>;
  for (const answer of answers) print(`answer: ${answer?.answer}`);
  const devset = Object.entries(SCRIPT).map(([question, { answer }]) => new Example({ question, answer }).withInputs("question"));
  const result = await new Evaluate({ devset, metric: (example, pred) => example.answer === pred.answer, numThreads: 1 }).call(new Pipeline());
  print(`score: ${result.score}`);
  await provider.shutdown(); // the exporter writes the span tree
}

runIfMain(import.meta, (print) => main(print));
