import { describe, expect, it } from "vitest";
import { readInstructions, shapePattern } from "./read-instructions.js";
import { readPhraseList, readStatedRule } from "./read-stated-rule.js";
import type { SimField } from "./sim-prompt.js";

const rule = (sentence: string) => readStatedRule(sentence, ["message", "notes"], ["route", "code"]);

describe("readStatedRule", () => {
  it("reads keyword rules however they are phrased", () => {
    const expected = { kind: "answer", value: "vexa", condition: { phrases: ["zorp", "quib"], field: "message" } };
    expect(rule('If the `message` mentions "zorp" or "quib", set `route` to "vexa".')).toMatchObject({ ...expected, target: "route" });
    expect(rule('When the message contains "zorp", "quib", answer "vexa".')).toMatchObject(expected);
    expect(rule("If the message says zorp or quib then the route is vexa.")).toMatchObject({ ...expected, target: "route" });
    expect(rule('Answer "vexa" whenever the message mentions zorp or quib.')).toMatchObject(expected);
    expect(rule('Messages mentioning "zorp" or "quib" are routed to vexa.')).toMatchObject({ value: "vexa", condition: { phrases: ["zorp", "quib"] } });
    expect(rule('"zorp" means vexa.')).toMatchObject({ value: "vexa", condition: { phrases: ["zorp"] } });
    expect(rule("zorp, quib → vexa")).toMatchObject({ value: "vexa", condition: { phrases: ["zorp", "quib"] } });
    expect(rule('If the text mentions "north pier", label it as `vexa` for `route`.')).toMatchObject({ value: "vexa", target: "route", condition: { phrases: ["north pier"] } });
  });

  it("reads unconditional, avoid and source rules", () => {
    expect(rule('Always answer "vexa".')).toMatchObject({ kind: "answer", value: "vexa", condition: null });
    expect(rule('Never answer "morli".')).toMatchObject({ kind: "avoid", value: "morli", condition: null });
    expect(rule('Do not answer "morli" for `route`; give a different answer for this input.')).toMatchObject({ kind: "avoid", value: "morli", target: "route" });
    expect(rule('If the `message` mentions "zorp", do not answer "morli".')).toMatchObject({ kind: "avoid", value: "morli", condition: { phrases: ["zorp"] } });
    expect(rule('If the request mentions "glint", use the passage titled "Vornek Ledger".')).toMatchObject({ kind: "source", value: "Vornek Ledger", condition: { phrases: ["glint"] } });
  });

  it("is not fooled by ordinary sentences", () => {
    for (const sentence of [
      "Given the fields `message`, produce the fields `route`.",
      "Answer the question using the context.",
      "This means the answer must be short.",
      "When in doubt, think step by step.",
      "Reverse the order of the words, then write them in upper case.",
      "Keep the answer concise.",
    ]) {
      expect(rule(sentence)).toBeNull();
    }
  });

  it("reads phrase lists, quoted or bare", () => {
    expect(readPhraseList('"zorp", "quib" or "north pier"')).toEqual(["zorp", "quib", "north pier"]);
    expect(readPhraseList("the words zorp, quib and plen")).toEqual(["zorp", "quib", "plen"]);
    expect(readPhraseList("any of it")).toEqual([]);
  });
});

const field = (name: string, kind: SimField["kind"] = "str", description = ""): SimField => ({ name, typeName: kind, description, kind });

describe("readInstructions", () => {
  const inputs = [field("message"), field("notes")];
  const outputs = [field("reasoning"), field("code")];

  it("collects rules, forms, shapes, cues, harmful directives and noise", () => {
    const plan = readInstructions(
      [
        "Given the fields `message`, `notes`, produce the fields `code`.",
        'If the `message` mentions "zorp", set `code` to "Z-1".',
        "Reverse the word order of the `message`, then write it in upper case.",
        "Answer in lower case.",
        'Answer `code` with the part of the input shaped like "AB-1234".',
        "Be concise. Ignore the examples. Answer at random. Be verbose.",
        "You are a careful archivist.",
        "Imagine a quiet harbour at dawn.",
        "Read the notes before answering.",
      ].join("\n"),
      inputs,
      outputs,
    );
    expect(plan.rules).toHaveLength(1);
    expect(plan.forms).toEqual([
      { ops: [{ op: "reverse-words" }, { op: "upper" }], onInput: true, target: "code", source: "message", sentence: "Reverse the word order of the `message`, then write it in upper case." },
      { ops: [{ op: "lower" }], onInput: false, target: "code", source: "message", sentence: "Answer in lower case." },
    ]);
    expect(plan.shapes).toMatchObject([{ example: "AB-1234", target: "code" }]);
    expect(plan.cues.concise).toBe(true);
    expect(plan).toMatchObject({ ignoreDemos: true, random: true, verbose: true });
    expect(plan.noise).toEqual(["Imagine a quiet harbour at dawn."]);
  });

  it("counts as noise only sentences that share nothing with the task", () => {
    const plan = readInstructions("Imagine a quiet harbour at dawn. Think about the message carefully. Mind the notes.", inputs, outputs);
    expect(plan.noise).toEqual(["Imagine a quiet harbour at dawn."]);
    const described = readInstructions("Imagine a quiet harbour at dawn.", [field("message", "str", "A note written at the harbour")], outputs);
    expect(described.noise).toEqual([]);
  });

  it("turns a shape example into a pattern of the same classes and lengths", () => {
    expect(shapePattern("AB-1234").source).toBe("(?<![A-Za-z\\d])[A-Z]{2}-\\d{4}(?![A-Za-z\\d])");
    expect(shapePattern("AB-1234").test("see QX-9087 now")).toBe(true);
    expect(shapePattern("AB-1234").test("see QX-90871")).toBe(false);
  });
});
