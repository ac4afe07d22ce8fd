import { ChainOfThought } from "../../../predict/chain-of-thought.js";
import { Predict } from "../../../predict/predict.js";
import { Example } from "../../../primitives/example.js";
import { Module } from "../../../primitives/module.js";
import { Prediction } from "../../../primitives/prediction.js";

/** The programs, metrics and data of `rule_task.py`, written the same way in TypeScript. */

export class Single extends Module {
  solve = new Predict("word -> answer");
  async forward(inputs: { word: string }) {
    return this.solve.call({ word: inputs.word });
  }
}

export class Cot extends Module {
  solve = new ChainOfThought("word -> answer");
  async forward(inputs: { word: string }) {
    return this.solve.call({ word: inputs.word });
  }
}

export class TwoStep extends Module {
  classify = new Predict("word -> category");
  solve = new Predict("word, category -> answer");
  async forward(inputs: { word: string }) {
    const category = (await this.classify.call({ word: inputs.word })).category;
    const answer = (await this.solve.call({ word: inputs.word, category })).answer;
    return new Prediction({ category, answer });
  }
}

export const PROGRAMS: Record<string, () => Module> = { single: () => new Single(), cot: () => new Cot(), two_step: () => new TwoStep() };

type M = (gold: Example, pred: Prediction, trace?: unknown, predName?: string | null, predTrace?: unknown) => unknown;

const feedback: M = (gold, pred, _trace, predName, _predTrace) => {
  const ok = pred.answer === gold.answer;
  let text = ok ? "Correct." : `Expected '${gold.answer}' (rule ${gold.rule}), got '${pred.answer}'.`;
  if (predName === "classify") text += ` The category should be cat${gold.rule}.`;
  return new Prediction({ score: ok ? 1 : 0, feedback: text });
};

const twoPart: M = (gold, pred, _trace, predName, _predTrace) => {
  const catOk = pred.category === `cat${gold.rule}`;
  const ansOk = pred.answer === gold.answer;
  const score = 0.5 * Number(catOk) + 0.5 * Number(ansOk);
  let text: string | null = null;
  if (predName === "classify") text = catOk ? "Category right." : `The category should be cat${gold.rule} (rule ${gold.rule}).`;
  else if (predName === "solve") text = ansOk ? "Correct." : `Expected '${gold.answer}' (rule ${gold.rule}), got '${pred.answer}'.`;
  return new Prediction({ score, feedback: text });
};

const bare: M = (gold, pred, _trace, _predName, _predTrace) => (pred.answer === gold.answer ? 1 : 0);

const partial: M = (gold, pred, _trace, _predName, _predTrace) => {
  const answer = (pred.answer as string | undefined) || "";
  const score = answer === gold.answer ? 1.0 : answer.toLowerCase() === String(gold.answer).toLowerCase() ? 0.5 : 0.0;
  return new Prediction({ score, feedback: null });
};

export const METRICS: Record<string, M> = { feedback, two_part: twoPart, bare, partial };

export function dataset(rows: Array<{ word: string; rule: number; answer: string }>): Example[] {
  return rows.map((row) => new Example({ ...row }).withInputs("word"));
}
