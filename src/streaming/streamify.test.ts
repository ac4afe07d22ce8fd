import { afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { XMLAdapter } from "../adapters/xml-adapter.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { ValueError } from "../errors/value-error.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Predict } from "../predict/predict.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { SimLM } from "../sim/sim-lm.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { StatusMessage } from "./status-message.js";
import { StatusMessageProvider } from "./status-message-provider.js";
import { StreamListener } from "./stream-listener.js";
import { StreamResponse } from "./stream-response.js";
import { streamify } from "./streamify.js";

afterEach(() => resetSettings());

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of stream) out.push(value);
  return out;
}

const QUESTION = { question: "What is the capital of France? Paris is the capital of France." };

describe("streamify", () => {
  for (const [name, adapter] of [
    ["ChatAdapter", new ChatAdapter()],
    ["JSONAdapter", new JSONAdapter()],
    ["XMLAdapter", new XMLAdapter()],
  ] as const) {
    it(`streams a ChainOfThought's answer token by token with the ${name} over the simulator`, async () => {
      const lm = new SimLM({ cache: false });
      const cot = new ChainOfThought("question -> answer");
      const program = streamify(cot, { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] });
      const values = await withSettings({ lm, adapter }, () => collect(program(QUESTION)));
      const pieces = values.filter((v): v is StreamResponse => v instanceof StreamResponse);
      const prediction = values.at(-1);
      expect(prediction).toBeInstanceOf(Prediction);
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.every((p) => p.predictName === "predict" && p.signatureFieldName === "answer")).toBe(true);
      expect(pieces.at(-1)!.isLastChunk).toBe(true);
      expect(pieces.slice(0, -1).every((p) => !p.isLastChunk)).toBe(true);
      const streamed = pieces.map((p) => p.chunk).join("");
      const answer = String((prediction as Prediction).answer);
      expect(answer.length).toBeGreaterThan(0);
      // The listener passes the field's raw text on: a JSON string keeps its quotes and escapes, as DSPy's does.
      expect(name === "JSONAdapter" ? JSON.parse(streamed.trim()) : streamed.trim()).toBe(answer);
      // The same prompt without streaming gives the same prediction.
      const plain = await withSettings({ lm, adapter }, () => cot.call(QUESTION));
      expect(plain.toDict()).toEqual((prediction as Prediction).toDict());
    });
  }

  it("without listeners yields the raw LM parts of every call, then the prediction", async () => {
    const lm = new SimLM({ cache: false });
    const program = streamify(new Predict("question -> answer"));
    const values = await withSettings({ lm }, () => collect(program(QUESTION)));
    const parts = values.slice(0, -1) as Array<{ type: string; delta: string }>;
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.type === "text-delta")).toBe(true);
    expect(parts.map((p) => p.delta).join("")).toContain("[[ ## answer ## ]]");
    expect(values.at(-1)).toBeInstanceOf(Prediction);
  });

  it("leaves out the final prediction when asked, unless nothing streamed", async () => {
    const lm = new SimLM({ cache: false });
    const listener = () => new StreamListener({ signatureFieldName: "answer" });
    const noFinal = streamify(new Predict("question -> answer"), { streamListeners: [listener()], includeFinalPredictionInOutputStream: false });
    const values = await withSettings({ lm }, () => collect(noFinal(QUESTION)));
    expect(values.every((v) => v instanceof StreamResponse)).toBe(true);
    // A reply that arrives in one piece (DummyLM does not stream token by token) is a cache hit: the prediction comes.
    const dummy = new DummyLM([{ answer: "Paris" }]);
    const oneShot = streamify(new Predict("question -> answer"), { streamListeners: [listener()], includeFinalPredictionInOutputStream: false });
    const got = await withSettings({ lm: dummy }, () => collect(oneShot(QUESTION)));
    expect(got).toHaveLength(1);
    expect((got[0] as Prediction).answer).toBe("Paris");
  });

  it("streams only the predictors its listeners watch, and several fields of one program", async () => {
    class TwoSteps extends Module {
      draft = new Predict("question -> draft");
      polish = new Predict("draft -> answer, note");
      override async forward(inputs: { question: string }) {
        const { draft } = await this.draft.call(inputs);
        return this.polish.call({ draft });
      }
    }
    const lm = new SimLM({ cache: false });
    const listeners = [new StreamListener({ signatureFieldName: "answer" }), new StreamListener({ signatureFieldName: "note" })];
    const program = streamify(new TwoSteps(), { streamListeners: listeners });
    const values = await withSettings({ lm }, () => collect(program(QUESTION)));
    const fields = new Set(values.filter((v) => v instanceof StreamResponse).map((v) => `${(v as StreamResponse).predictName}.${(v as StreamResponse).signatureFieldName}`));
    expect(fields).toEqual(new Set(["polish.answer", "polish.note"]));
    expect(lm.history).toHaveLength(2);
  });

  it("streams a predictor called in a loop with allowReuse, once without it", async () => {
    class Loop extends Module {
      step = new Predict("question -> answer");
      override async forward(inputs: { question: string }) {
        await this.step.call(inputs);
        return this.step.call(inputs);
      }
    }
    const lm = new SimLM({ cache: false });
    for (const allowReuse of [true, false]) {
      const program = streamify(new Loop(), { streamListeners: [new StreamListener({ signatureFieldName: "answer", allowReuse })] });
      const values = await withSettings({ lm }, () => collect(program(QUESTION)));
      const lastChunks = values.filter((v) => v instanceof StreamResponse && v.isLastChunk).length;
      expect(lastChunks).toBe(allowReuse ? 2 : 1);
    }
  });

  it("refuses listeners it cannot place, with DSPy's messages", () => {
    class Two extends Module {
      a = new Predict("question -> answer");
      b = new Predict("draft -> answer");
      override forward(inputs: { question: string }) {
        return this.a.call(inputs);
      }
    }
    expect(() => streamify(new Two(), { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] })).toThrow(
      new ValueError("Signature field answer is not unique in the program, cannot automatically determine which predictor to use for streaming. Please specify the predictor to listen to."),
    );
    expect(() => streamify(new Predict("q -> a"), { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] })).toThrow(/Signature field answer is not a field of any predictor/);
    const two = new Two();
    const listener = new StreamListener({ signatureFieldName: "answer", predict: two.b });
    expect(() => streamify(two, { streamListeners: [listener] })).not.toThrow();
  });

  it("streams status messages from its provider, DSPy's default tool texts and custom LM texts", async () => {
    class Loud extends StatusMessageProvider {
      override lmStartStatusMessage() {
        return "Calling the LM...";
      }
      override moduleEndStatusMessage(outputs: unknown) {
        return outputs instanceof Prediction ? "Predicted." : undefined;
      }
    }
    const lm = new DummyLM([{ answer: "Paris" }]);
    const program = streamify(new Predict("question -> answer"), { statusMessageProvider: new Loud() });
    const values = await withSettings({ lm }, () => collect(program(QUESTION)));
    const messages = values.filter((v) => v instanceof StatusMessage).map((v) => (v as StatusMessage).message);
    expect(messages).toEqual(["Calling the LM...", "Predicted."]);
    const defaults = new StatusMessageProvider();
    expect(defaults.toolStartStatusMessage({ name: "search" }, {})).toBe("Calling tool search...");
    expect(defaults.toolEndStatusMessage("x")).toBe("Tool calling finished! Querying the LLM with tool calling results...");
    expect(defaults.lmStartStatusMessage({}, {})).toBeUndefined();
  });

  it("streams DSPy's default status messages around tool calls, none for ReAct's finish tool", async () => {
    const { Tool } = await import("../tools/tool.js");
    const capital = new Tool(({ country }: { country: string }) => (country === "France" ? "Paris" : "?"), { name: "capital", desc: "Capital of a country.", args: { country: { type: "string" } } });
    const finish = new Tool(() => "Completed.", { name: "finish", desc: "Done." });
    const program = streamify(async (inputs: { country: string }) => {
      const city = await capital.call({ country: inputs.country });
      await finish.call({});
      return new Prediction({ city });
    });
    const values = await collect(program({ country: "France" }));
    expect(values.map((v) => (v instanceof StatusMessage ? v.message : (v as Prediction).city))).toEqual([
      "Calling tool capital...",
      "Tool calling finished! Querying the LLM with tool calling results...",
      "Paris",
    ]);
  });

  it("runs the program in the settings of the call, wherever the stream is read", async () => {
    const lm = new DummyLM([{ answer: "Paris" }]);
    const program = streamify(new Predict("question -> answer"));
    const stream = withSettings({ lm }, () => program(QUESTION));
    const values = await collect(stream);
    expect((values.at(-1) as Prediction).answer).toBe("Paris");
  });

  it("hands the program's error to the reader", async () => {
    const program = streamify(async () => {
      throw new ValueError("boom");
    });
    await expect(collect(program({}))).rejects.toThrow("boom");
  });

  it("stops the LM stream when the reader stops early, and starts no other LM call for it", async () => {
    const lm = new SimLM({ cache: false });
    const program = streamify(new Predict("question -> answer"), { bufferSize: 1 });
    let starts = 0;
    let ended!: () => void;
    const firstEnd = new Promise<void>((resolve) => (ended = resolve));
    const counter = { onLmStart: () => void starts++, onLmEnd: () => ended() };
    const seen = await withSettings({ lm, callbacks: [counter] }, async () => {
      let n = 0;
      for await (const _ of program(QUESTION)) if (++n === 2) break;
      return n;
    });
    expect(seen).toBe(2);
    await firstEnd;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    // ChatAdapter's JSON fallback would call the LM again; the stream is closed, so it does not.
    expect(starts).toBe(1);
  });
});
