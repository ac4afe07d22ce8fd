// Type tests (checked by `npm run typecheck`): `call` and `batch` take and return what the subclass's `forward` does.
import { expectTypeOf } from "vitest";
import { Evaluate } from "../evaluate/evaluate.js";
import type { EvaluationResult } from "../evaluate/evaluation-result.js";
import { LabeledFewShot } from "../optimizers/labeled-few-shot/labeled-few-shot.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Predict, type PredictCallOptions } from "../predict/predict.js";
import { signature } from "../signatures/signature.js";
import type { Example } from "./example.js";
import { Module, type BatchResult, type CallOptions, type ModuleCallOptions, type ModuleInputs, type ModuleOutput } from "./module.js";
import type { Prediction } from "./prediction.js";

declare const examples: Example[];

const GenerateResolution = signature({
  instructions: "Generate a support resolution using retrieved policy documents.",
  inputs: { policy_context: { type: "str" }, ticket_text: { type: "str" } },
  outputs: { resolution: { type: "str" } },
});

// The README's pattern: no type arguments, a typed `forward` that returns a predictor's call (a Promise, not async).
class SupportPipeline extends Module {
  generate_resolution = new ChainOfThought(GenerateResolution);
  forward(inputs: { ticket_text: string; policy_context: string }) {
    return this.generate_resolution.call(inputs);
  }
}
type SupportInputs = { ticket_text: string; policy_context: string };
type SupportOutput = Prediction<{ resolution: string } & { reasoning: string }>;
const pipeline = new SupportPipeline();
expectTypeOf(pipeline.call({ ticket_text: "t", policy_context: "p" })).resolves.toEqualTypeOf<SupportOutput>();
expectTypeOf((await pipeline.call({ ticket_text: "t", policy_context: "p" })).resolution).toEqualTypeOf<string>();
expectTypeOf<ModuleInputs<SupportPipeline>>().toEqualTypeOf<SupportInputs>();
expectTypeOf<ModuleOutput<SupportPipeline>>().toEqualTypeOf<SupportOutput>();
// @ts-expect-error a missing input field
void pipeline.call({ ticket_text: "t" });
// @ts-expect-error a misspelt input field
void pipeline.call({ ticket_text: "t", policy_contxt: "p" });

// An async forward returning a Prediction from a string signature.
class Answerer extends Module {
  qa = new Predict("question -> answer: int");
  async forward(inputs: { question: string }) {
    return this.qa.call(inputs);
  }
}
expectTypeOf(new Answerer().call({ question: "q" })).resolves.toEqualTypeOf<Prediction<{ answer: number }>>();

// A sync forward returning a plain object, and an async one returning a plain object.
class Lengths extends Module {
  forward(inputs: { text: string }) {
    return { length: inputs.text.length, upper: inputs.text.toUpperCase() };
  }
}
class Later extends Module {
  async forward(inputs: { n: number }) {
    return { doubled: inputs.n * 2 };
  }
}
expectTypeOf(new Lengths().call({ text: "abc" })).resolves.toEqualTypeOf<{ length: number; upper: string }>();
expectTypeOf(new Later().call({ n: 2 })).resolves.toEqualTypeOf<{ doubled: number }>();
// @ts-expect-error wrong input type
void new Later().call({ n: "2" });

// batch: one result (or null) per example, typed like call's.
expectTypeOf(pipeline.batch(examples)).resolves.toEqualTypeOf<Array<SupportOutput | null>>();
expectTypeOf(new Lengths().batch(examples, { numThreads: 2 })).resolves.toEqualTypeOf<Array<{ length: number; upper: string } | null>>();
expectTypeOf(new Later().batch(examples, { returnFailedExamples: true })).resolves.toEqualTypeOf<BatchResult<{ doubled: number }>>();

// Per-call options: those of forward's second parameter (Predict's), else CallOptions.
expectTypeOf<ModuleCallOptions<Predict<{ q: string }, { a: string }>>>().toEqualTypeOf<PredictCallOptions | undefined>();
expectTypeOf<ModuleCallOptions<Lengths>>().toEqualTypeOf<CallOptions>();
void new Predict("q -> a").call({ q: "x" }, { config: { temperature: 0.5 } });
// @ts-expect-error Predict's per-call options are checked
void new Predict("q -> a").call({ q: "x" }, { confg: {} });

// A forward with no parameter or an `any` one takes any record (never `undefined`).
class NoInputs extends Module {
  forward() {
    return { ok: true };
  }
}
expectTypeOf<ModuleInputs<NoInputs>>().toEqualTypeOf<Record<string, any>>();
expectTypeOf(new NoInputs().call({})).resolves.toEqualTypeOf<{ ok: boolean }>();

// Optimizers and Evaluate keep the types: a compiled program is the student's class, results carry its output.
declare const trainset: Example[];
const compiled = await new LabeledFewShot().compile(new Answerer(), { trainset });
expectTypeOf(compiled.call({ question: "q" })).resolves.toEqualTypeOf<Prediction<{ answer: number }>>();
expectTypeOf(new Evaluate({ devset: trainset }).call(pipeline)).resolves.toEqualTypeOf<EvaluationResult<SupportOutput>>();
expectTypeOf(new Evaluate({ devset: trainset }).call(new Lengths())).resolves.toEqualTypeOf<EvaluationResult<{ length: number; upper: string }>>();

// Subclasses stay assignable to the base and to their default-typed classes.
expectTypeOf<SupportPipeline>().toExtend<Module>();
expectTypeOf<Lengths>().toExtend<Module>();
expectTypeOf(new Predict("question -> answer")).toExtend<Predict>();
expectTypeOf(new ChainOfThought("question -> answer")).toExtend<ChainOfThought>();

// Optional type arguments constrain forward.
class Constrained extends Module<{ q: string }, Prediction<{ a: string }>> {
  qa = new Predict("q -> a");
  forward(inputs: { q: string }) {
    return this.qa.call(inputs);
  }
}
expectTypeOf(new Constrained().call({ q: "x" })).resolves.toEqualTypeOf<Prediction<{ a: string }>>();
class WrongOutput extends Module<{ q: string }, Prediction<{ a: string }>> {
  // @ts-expect-error forward must return what the type argument says
  forward(inputs: { q: string }) {
    return { a: inputs.q };
  }
}
void WrongOutput;
