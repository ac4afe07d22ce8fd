/**
 * TwoStepAdapter: the main LM answers a plain prompt in its own words; a second (smaller) LM extracts the fields.
 * Both LMs are scripted here.
 *
 *   npx tsx --conditions=source examples/agents/two-step.ts
 */
import { Predict, TwoStepAdapter, withSettings } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";

export async function main(print: Print): Promise<void> {
  const main = new DummyLM([{ answer: "Counting the letters of 'strawberry' I find three r's." }]);
  const extractor = new DummyLM([{ count: 3 }]);
  // #region snippet
  const count = new Predict("word, letter -> count: int");
  const pred = await withSettings({ lm: main, adapter: new TwoStepAdapter(extractor) }, () => count.call({ word: "strawberry", letter: "r" }));
  // #endregion
  print(`main LM saw: ${JSON.stringify(main.history[0]!.messages!.at(-1)!.content)}`);
  print(`count: ${pred.count} (${typeof pred.count})`);
}

runIfMain(import.meta, main);
