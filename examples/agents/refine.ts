/**
 * Refinement offline (scripted LM): `BestOfN` keeps the best of N attempts, `Refine` also asks the LM for advice
 * after a weak attempt and hands it to the next one as a hint, `MultiChainComparison` compares several reasoning
 * attempts before answering.
 *
 *   npx tsx --conditions=source examples/agents/refine.ts
 */
import { BestOfN, ChainOfThought, globalHistory, MultiChainComparison, Refine, withSettings } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";

// #region snippet
const qa = new ChainOfThought("question -> answer");
const oneWord = (_inputs: unknown, pred: { answer: string }) => (pred.answer.trim().split(/\s+/).length === 1 ? 1 : 0);

const bestOf3 = new BestOfN(qa, { N: 3, rewardFn: oneWord, threshold: 1 });
const refined = new Refine(qa, { N: 3, rewardFn: oneWord, threshold: 1 });
// #endregion

export async function main(print: Print): Promise<void> {
  const question = "What is the capital of Belgium?";
  const best = await withSettings(
    { lm: new DummyLM([{ reasoning: "It is Brussels.", answer: "It is Brussels" }, { reasoning: "One word.", answer: "Brussels" }]) },
    () => bestOf3.call({ question }),
  );
  print(`BestOfN: ${best.answer}`);

  const lm = new DummyLM([
    { reasoning: "It is Brussels.", answer: "The capital is Brussels" },
    { discussion: "The answer was a sentence.", advice: { predict: "Answer with the city name only." } },
    { reasoning: "Single word.", answer: "Brussels" },
  ]);
  // The feedback step passes JSON text to float and list fields, which DSPy also warns about; silenced here.
  const pred = await withSettings({ lm, warnOnTypeMismatch: false }, () => refined.call({ question }));
  const lastPrompt = String(globalHistory().at(-1)!.messages!.at(-1)!.content);
  const hint = lastPrompt.split("[[ ## hint_ ## ]]\n")[1]!.split("\n")[0];
  print(`Refine: ${pred.answer} (hint given: ${hint})`);

  const compare = new MultiChainComparison("question -> answer", { M: 3 });
  const attempts = [
    { reasoning: "Belgium's capital is Brussels.", answer: "Brussels" },
    { reasoning: "Antwerp is the largest port.", answer: "Antwerp" },
    { reasoning: "The EU sits in Brussels.", answer: "Brussels" },
  ];
  const final = await withSettings({ lm: new DummyLM([{ rationale: "Two of three say Brussels, correctly.", answer: "Brussels" }]) }, () =>
    compare.call({ completions: attempts, question }),
  );
  print(`MultiChainComparison: ${final.answer} — ${final.rationale}`);
}

runIfMain(import.meta, main);
