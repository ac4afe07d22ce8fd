import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { NO_CAPABILITIES, type LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMLike } from "../lm/lm-like.js";
import type { ContentPart } from "../lm/message.js";
import { signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import { PyFloat } from "../python/py-float.js";
import type { Adapter } from "./adapter.js";
import { History } from "./types/history.js";
import { Image } from "./types/image.js";

/** A minimal LM for plan tests: never called. */
export function stubLM(capabilities: Partial<LMCapabilities> = {}, model = "openai/test", kwargs: Record<string, unknown> = {}): LMLike {
  const lm: LMLike = {
    model,
    modelType: "chat",
    kwargs,
    capabilities: { ...NO_CAPABILITIES, ...capabilities },
    history: [],
    call: () => Promise.reject(new TypeError("stubLM is never called")),
    copy: () => lm,
    dumpState: () => ({}),
  };
  return lm;
}

const person: TypeNode = {
  kind: "model",
  name: "Person",
  fields: [
    { name: "name", type: { kind: "str" } },
    { name: "age", type: { kind: "int" } },
    { name: "tags", type: { kind: "list", item: { kind: "str" } }, default: { value: [] } },
  ],
};

/**
 * Behaviour every adapter shares (hono's shared router suite): message layout, demo ordering, history placement,
 * parse ∘ format round trips for typed outputs, defaults, errors and call plans. Each adapter runs it from its own
 * test file.
 */
export function runAdapterConformance(adapterName: string, make: () => Adapter, options: { fallsBackToJSON: boolean }): void {
  describe(`${adapterName} conformance`, () => {
    const qa = signature("question -> answer", "Answer the question.");
    const typed = signature(
      {
        inputs: { question: "str" },
        outputs: {
          answer: "str",
          count: "int",
          ratio: "float",
          ok: "bool",
          tags: "list[str]",
          scores: "dict[str, int]",
          label: "Literal['yes', 'no']",
          person: { type: person },
        },
      },
    );

    it("has the adapter's name", () => {
      expect(make().name).toBe(adapterName);
    });

    it("formats system, demos (incomplete first, unusable dropped), then the request", () => {
      const messages = make().format(qa, [{ question: "Q1", answer: "A1" }, { question: "Q2" }, { answer: "A3" }, { question: "Q4", answer: null }], { question: "Q" });
      expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
      expect(messages[0]!.content).toBe(make().formatSystemMessage(qa));
      expect(messages[1]!.content).toMatch(/^This is an example of the task, though some input or output fields are not supplied\./);
      expect(messages[1]!.content).toContain("Q4");
      expect(messages[3]!.content).toContain("Q1");
      expect(messages[4]!.content).toContain("A1");
      expect(messages[5]!.content).toContain("Q");
    });

    it("places history turns after demos and before the request", () => {
      const sig = signature({ inputs: { question: "str", history: { type: { kind: "custom", name: "History" } } }, outputs: { answer: "str" } });
      const history = new History([{ question: "Earlier?", answer: "Before." }]);
      const messages = make().format(sig, [{ question: "Demo?", answer: "Yes." }], { question: "Now?", history });
      expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
      expect(messages[3]!.content).toContain("Earlier?");
      expect(messages[4]!.content).toContain("Before.");
      expect(messages[5]!.content).toContain("Now?");
      expect(messages[5]!.content).not.toContain("Earlier?");
    });

    it("parses what it formats as an assistant turn (typed outputs round trip)", () => {
      const adapter = make();
      const outputs = {
        answer: "Paris & <Lyon>",
        count: 3,
        ratio: new PyFloat(2),
        ok: false,
        tags: ["a", "b"],
        scores: { x: 1 },
        label: "no",
        person: { name: "Ada", age: 36, tags: ["math"] },
      };
      expect(adapter.parse(typed, adapter.formatAssistantMessageContent(typed, outputs))).toEqual(outputs);
      const entries = Object.values(typed.outputFields).map((f) => [f, outputs[f.name as keyof typeof outputs]] as const);
      expect(adapter.parse(typed, adapter.formatFieldWithValue(entries, { role: "assistant" }))).toEqual(outputs);
    });

    it("fills missing optional outputs and rejects missing required ones", () => {
      const sig = signature({ inputs: { q: "str" }, outputs: { a: "str", b: { type: "Optional[int]" }, c: { type: "int", default: 7 } } });
      const adapter = make();
      const onlyA = adapter.formatAssistantMessageContent(sig.delete("b").delete("c"), { a: "x" });
      expect(adapter.parse(sig, onlyA)).toEqual({ a: "x", b: null, c: 7 });
      expect(() => adapter.parse(qa, "nothing useful")).toThrow(AdapterParseError);
      try {
        adapter.parse(qa, "nothing useful");
      } catch (error) {
        expect((error as AdapterParseError).adapterName).toBe(adapterName);
        expect((error as AdapterParseError).expectedFields).toEqual(["answer"]);
      }
    });

    it("rejects an empty LM reply in postprocess", () => {
      const adapter = make();
      for (const text of ["", null]) {
        expect(() => adapter.postprocess(qa, qa, { text })).toThrow("The LM returned an empty or null response.");
      }
      // DSPy shows a reply without text as its output dict (`LMOutput.to_output_dict()`), an empty one as "".
      expect(() => adapter.postprocess(qa, qa, { text: null })).toThrow("LM Response: {'text': None} \n");
      expect(() => adapter.postprocess(qa, qa, { text: null, reasoningContent: "r" })).toThrow(
        "LM Response: {'text': None, 'reasoning_content': 'r'} \n",
      );
      expect(() => adapter.postprocess(qa, qa, { text: "" })).toThrow("LM Response:  \n");
    });

    it("sends images as content parts", () => {
      const sig = signature({ inputs: { image: { type: { kind: "custom", name: "Image" } } }, outputs: { text: "str" } });
      const messages = make().format(sig, [], { image: new Image("https://example.com/cat.png") });
      const parts = messages[messages.length - 1]!.content as ContentPart[];
      expect(parts).toContainEqual({ type: "image_url", image_url: { url: "https://example.com/cat.png" } });
      expect(parts[0]!.type).toBe("text");
    });

    it(`plans ${options.fallsBackToJSON ? "itself, then JSONAdapter" : "itself only"} for an LM without capabilities`, () => {
      const plans = make().callPlans(qa, stubLM(), { temperature: 0 });
      expect(plans.map((p) => p.adapter.name)).toEqual(options.fallsBackToJSON ? [adapterName, "JSONAdapter"] : [adapterName]);
      for (const plan of plans) {
        expect(plan.params).toEqual({ temperature: 0 });
        expect(plan.signature).toBe(qa);
      }
    });
  });
}
