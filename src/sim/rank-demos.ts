import { cosine, TfIdf } from "./similarity.js";
import type { SimDemo, SimPrompt } from "./sim-prompt.js";
import { FULL_LEXICON, type Lexicon } from "./text-tokens.js";

/** A demo with its similarity to the query. */
export interface RankedDemo {
  demo: SimDemo;
  /** Position in the prompt. */
  index: number;
  score: number;
}

/** The text of the input fields the query has, in field order. */
export function inputsText(values: SimDemo["inputs"], names: readonly string[]): string {
  return names
    .filter((name) => values[name] !== undefined)
    .map((name) => values[name]!.text)
    .join("\n");
}

/**
 * Demos ranked by TF-IDF cosine similarity of their inputs to the query's inputs (leaving out inputs that are
 * identical everywhere), most similar first;
 * ties go to complete demos, then to the demo nearest the end of the prompt (a recency bias, as models have).
 */
export function rankDemos(prompt: SimPrompt, lexicon: Lexicon = FULL_LEXICON): RankedDemo[] {
  const present = prompt.inputs.map((f) => f.name).filter((name) => prompt.query[name] !== undefined);
  // A field that reads the same in the query and every demo (a shared context) tells the demos apart by nothing.
  const varying = present.filter((name) => prompt.demos.some((d) => d.inputs[name]?.text !== prompt.query[name]!.text));
  const names = varying.length > 0 ? varying : present;
  const texts = prompt.demos.map((demo) => inputsText(demo.inputs, names));
  const queryText = inputsText(prompt.query, names);
  const tfidf = new TfIdf([...texts, queryText], lexicon);
  const qv = tfidf.vector(queryText);
  const scores = texts.map((text) => cosine(tfidf.vector(text), qv));
  const order = prompt.demos.map((_, i) => i);
  order.sort((a, b) => {
    const da = prompt.demos[a]!;
    const db = prompt.demos[b]!;
    return scores[b]! - scores[a]! || Number(db.complete) - Number(da.complete) || b - a;
  });
  return order.map((index) => ({ demo: prompt.demos[index]!, index, score: scores[index]! }));
}
