import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Example } from "../../primitives/example.js";
import { Prediction } from "../../primitives/prediction.js";
import { answerExactMatch } from "./answer-exact-match.js";
import { answerPassageMatch } from "./answer-passage-match.js";
import { dprNormalize } from "./dpr-normalize.js";
import { EM } from "./em.js";
import { F1 } from "./f1.js";
import { hasAnswer } from "./has-answer.js";
import { HotPotF1 } from "./hotpot-f1.js";
import { normalizeText } from "./normalize-text.js";
import { precisionScore } from "./precision-score.js";

/** DSPy 3.3.1's answers, written by __fixtures__/generate-metrics-fixture.py. */
interface Fixture {
  normalize_text: Array<[string, string]>;
  DPR_normalize: Array<[string, string[]]>;
  scores: Array<{ prediction: string; answers: string[]; EM: boolean; F1: number; HotPotF1: number; precision: number[] }>;
  answer_exact_match: Array<{ answer: string | string[]; prediction: string; frac: number; result: boolean }>;
  answer_passage_match: Array<{ answer: string | string[]; context: string[]; result: boolean }>;
  has_answer: Array<{ answers: string[][]; text: string; result: boolean }>;
}

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/metrics.json", import.meta.url), "utf8")) as Fixture;

describe("metrics agree with DSPy", () => {
  it(`normalizeText (${fixture.normalize_text.length} strings: articles, punctuation, Unicode words and spaces)`, () => {
    const got = fixture.normalize_text.map(([text]) => [text, normalizeText(text)]);
    expect(got).toEqual(fixture.normalize_text);
  });

  it(`dprNormalize (${fixture.DPR_normalize.length} strings)`, () => {
    expect(fixture.DPR_normalize.map(([text]) => [text, dprNormalize(text)])).toEqual(fixture.DPR_normalize);
  });

  it(`EM, F1, HotPotF1 and precisionScore (${fixture.scores.length} cases, floats bit for bit)`, () => {
    const got = fixture.scores.map(({ prediction, answers }) => ({
      prediction,
      answers,
      EM: EM(prediction, answers),
      F1: F1(prediction, answers),
      HotPotF1: HotPotF1(prediction, answers),
      precision: answers.map((answer) => precisionScore(prediction, answer)),
    }));
    expect(got).toEqual(fixture.scores);
  });

  it("answerExactMatch with string and list answers, and the frac < 1 path", () => {
    for (const { answer, prediction, frac, result } of fixture.answer_exact_match) {
      expect(answerExactMatch(new Example({ answer }), new Prediction({ answer: prediction }), undefined, frac)).toBe(result);
    }
  });

  it("answerPassageMatch and hasAnswer", () => {
    for (const { answer, context, result } of fixture.answer_passage_match) {
      expect([answer, context, answerPassageMatch(new Example({ answer }), new Prediction({ context }))]).toEqual([answer, context, result]);
    }
    for (const { answers, text, result } of fixture.has_answer) expect(hasAnswer(answers, text)).toBe(result);
  });
});

describe("metric argument errors", () => {
  it("uses DSPy's messages", () => {
    expect(() => EM("x", "x" as unknown as string[])).toThrow("`answersList` must be an array of strings, got <class 'str'>");
    expect(() => F1("x", [])).toThrow("`answersList` is empty: pass at least one reference answer.");
    expect(() => answerExactMatch(new Example({ answer: 2 }), new Prediction({ answer: "2" }))).toThrow(
      "Invalid answer type: <class 'int'>",
    );
    expect(() => answerPassageMatch(new Example({ answer: "x" }), new Prediction({}))).toThrow(
      "`pred.context` must be a list of passages, got <class 'NoneType'>.",
    );
  });
});
