import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { SignatureError } from "../errors/signature-error.js";
import { ValueError } from "../errors/value-error.js";
import { InputField, OutputField } from "./field.js";
import { signature } from "./signature.js";
import { typeName } from "./type-name.js";

describe("string signatures", () => {
  it("parses names, types and default instructions", () => {
    const sig = signature("question, context: list[str] -> answer: str, score: float");
    expect(Object.keys(sig.inputFields)).toEqual(["question", "context"]);
    expect(Object.keys(sig.outputFields)).toEqual(["answer", "score"]);
    expect(typeName(sig.fields.context!.type)).toBe("list[str]");
    expect(sig.instructions).toBe("Given the fields `question`, `context`, produce the fields `answer`, `score`.");
    expect(sig.fields.question!.prefix).toBe("Question:");
    expect(sig.fields.question!.desc).toBe("${question}");
    expect(sig.fields.question!.typeUndefined).toBe(true);
    expect(sig.fields.context!.typeUndefined).toBe(false);
    expect(sig.fields.answer!.typeUndefined).toBeUndefined();
    expect(sig.signatureString).toBe("question, context -> answer, score");
  });

  it("types `|` unions as typing.Union, like DSPy's string parser", () => {
    expect(typeName(signature("a: int | None -> b").fields.a!.type)).toBe("Union[int, NoneType]");
  });

  it("rejects a bad arrow count and duplicated names with DSPy's messages", () => {
    expect(() => signature("a -> b -> c")).toThrow("Invalid signature format: 'a -> b -> c', must contain exactly one '->'.");
    expect(() => signature("a, b -> b, a")).toThrow(
      "Input and output fields must have distinct names, but found duplicates: 'a, b'.",
    );
    expect(() => signature("a: Frob -> b")).toThrow(SignatureError);
  });

  it("cleans instructions like inspect.cleandoc", () => {
    const sig = signature("a -> b", "\n    Leading newline then indented block.\n    Second line.\n");
    expect(sig.instructions).toBe("Leading newline then indented block.\nSecond line.");
  });

  it("treats empty instructions as none, as DSPy does (pydantic drops an empty docstring)", () => {
    expect(signature("a -> b", "").instructions).toBe("Given the fields `a`, produce the fields `b`.");
    expect(signature("a -> b").withInstructions("").instructions).toBe("Given the fields `a`, produce the fields `b`.");
  });
});

describe("signature edits return new signatures", () => {
  const base = signature("question -> answer");

  it("withInstructions / appendInstructions", () => {
    const a = base.withInstructions("Answer briefly.");
    expect(a.instructions).toBe("Answer briefly.");
    expect(base.instructions).toBe("Given the fields `question`, produce the fields `answer`.");
    expect(a.appendInstructions("Be kind.").instructions).toBe("Answer briefly.\n\nBe kind.");
  });

  it("prepend/append/insert/delete by section, keeping instructions", () => {
    const cot = base.prepend("reasoning", OutputField({ desc: "${reasoning}" }));
    expect(Object.keys(cot.outputFields)).toEqual(["reasoning", "answer"]);
    expect(cot.instructions).toBe(base.instructions);
    const ctx = cot.insert(0, "context", InputField()).append("confidence", OutputField(), "float");
    expect(Object.keys(ctx.fields)).toEqual(["context", "question", "reasoning", "answer", "confidence"]);
    expect(typeName(ctx.fields.confidence!.type)).toBe("float");
    expect(Object.keys(ctx.delete("reasoning").fields)).toEqual(["context", "question", "answer", "confidence"]);
    expect(Object.keys(ctx.delete("missing").fields)).toHaveLength(5);
    expect(() => base.insert(5, "x", InputField())).toThrow(ValueError);
    expect(() => base.insert(5, "x", InputField())).toThrow(
      "Invalid index to insert: 5, index must be in the range of [0, 1] for input fields, but received: 5.",
    );
  });

  it("withUpdatedFields and equality (instructions + per-field description/prefix/markers)", () => {
    const updated = base.withUpdatedFields("answer", { desc: "A short answer" });
    expect(updated.fields.answer!.desc).toBe("A short answer");
    expect(base.equals(signature("question -> answer"))).toBe(true);
    expect(base.equals(updated)).toBe(false);
    expect(base.equals(base.withInstructions("x"))).toBe(false);
  });

  it("dumps and loads state positionally, without mutating", () => {
    const sig = signature("question, context -> answer");
    expect(sig.dumpState()).toEqual({
      instructions: "Given the fields `question`, `context`, produce the fields `answer`.",
      fields: [
        { prefix: "Question:", description: "${question}" },
        { prefix: "Context:", description: "${context}" },
        { prefix: "Answer:", description: "${answer}" },
      ],
    });
    const loaded = sig.loadState({
      instructions: "New.",
      fields: [{ prefix: "Q:", description: "q" }, { prefix: "C:", description: "c" }, { prefix: "A:", description: "a" }],
    });
    expect(loaded.instructions).toBe("New.");
    expect(loaded.fields.context!.desc).toBe("c");
    expect(sig.fields.context!.desc).toBe("${context}");
  });
});

describe("object signatures", () => {
  it("builds the article's GenerateResolution", () => {
    const GenerateResolution = signature({
      name: "GenerateResolution",
      instructions: "Generate a support resolution using retrieved policy documents.",
      inputs: {
        policy_context: { type: "str", desc: "Retrieved policy passages" },
        ticket_text: { type: "str", desc: "The customer's message" },
      },
      outputs: { resolution: { type: "str", desc: "Concise resolution with policy citation" } },
    });
    expect(Object.keys(GenerateResolution.inputFields)).toEqual(["policy_context", "ticket_text"]);
    expect(GenerateResolution.fields.resolution!.desc).toBe("Concise resolution with policy citation");
    expect(GenerateResolution.name).toBe("GenerateResolution");
  });

  it("reads zod schemas: types, descriptions, defaults, constraints and named nested models", () => {
    const Address = z.object({ city: z.string().describe("the city"), zip: z.number().int().optional() }).meta({ title: "Address" });
    const sig = signature({
      inputs: { text: z.string().describe("Input text") },
      outputs: {
        address: Address,
        score: z.number().min(0).max(1),
        tags: z.array(z.string()),
        label: z.enum(["pos", "neg"]),
        note: z.string().nullable(),
      },
    });
    expect(sig.fields.text!.desc).toBe("Input text");
    expect(typeName(sig.fields.address!.type)).toBe("Address");
    expect(typeName(sig.fields.score!.type)).toBe("float");
    expect(sig.fields.score!.constraints).toBe("greater than or equal to: 0, less than or equal to: 1");
    expect(typeName(sig.fields.tags!.type)).toBe("list[str]");
    expect(typeName(sig.fields.label!.type)).toBe("Literal['pos', 'neg']");
    expect(typeName(sig.fields.note!.type)).toBe("Union[str, NoneType]");
    expect(sig.fields.address!.schema).toBe(Address);
  });

  it("infers call types from strings and schemas", () => {
    const s = signature("question, context: list[str], k: int -> answer, score: float, ok: bool, label: Literal['a', 'b'], maybe: Optional[int], m: dict[str, list[int]]");
    expectTypeOf<NonNullable<typeof s.__types>["inputs"]>().toEqualTypeOf<{ question: string; context: string[]; k: number }>();
    expectTypeOf<NonNullable<typeof s.__types>["outputs"]>().toEqualTypeOf<{
      answer: string; score: number; ok: boolean; label: "a" | "b"; maybe: number | null; m: Record<string, number[]>;
    }>();
    const o = signature({ inputs: { q: {} }, outputs: { n: "int | None", tags: z.array(z.string()), a: { desc: "x" } } });
    expectTypeOf<NonNullable<typeof o.__types>["outputs"]>().toEqualTypeOf<{ n: number | null; tags: string[]; a: string }>();
  });
});

describe("leading-underscore field names (pydantic's NameError text)", () => {
  it("rejects them wherever a signature is built, naming pydantic's suggestion", () => {
    const cases: Array<[() => unknown, string]> = [
      [() => signature("q -> _x"), "'x' instead of '_x'"],
      [() => signature("_q -> x"), "'q' instead of '_q'"],
      [() => signature("q -> __proto__"), "'proto__' instead of '__proto__'"],
      [() => signature("q -> _"), "'my_field' instead of '_'"],
      [() => signature("_a, _b -> x: int"), "'a' instead of '_a'"],
      [() => signature({ inputs: { a: "str" }, outputs: { _b: "str", _c: "str" } }), "'b' instead of '_b'"],
      [() => signature("q -> x").append("_y", { io: "output" }), "'y' instead of '_y'"],
      [() => signature("q -> x").prepend("_y", { io: "input" }), "'y' instead of '_y'"],
    ];
    for (const [make, suggestion] of cases) {
      expect(make).toThrow(SignatureError);
      expect(make).toThrow(`Fields must not use names with leading underscores; e.g., use ${suggestion}.`);
    }
    expect(Object.keys(signature("q -> a_b_").fields)).toEqual(["q", "a_b_"]);
  });
});
