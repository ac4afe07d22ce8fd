import { ValueError } from "../errors/value-error.js";
import type { Example } from "../primitives/example.js";
import { pyStr } from "../python/pyfmt.js";

/**
 * Turns texts into vectors: an `Embedder` (`embedder.embed(texts)`), a `LexicalEmbedder`, or a plain function.
 * Vectors are compared by dot product, so normalized vectors give cosine similarity.
 */
export type Vectorizer =
  | { embed(texts: string[]): Promise<number[][]> | number[][] }
  | ((texts: string[]) => Promise<number[][]> | number[][]);

/** Runs a vectorizer and checks it returned one vector per text. */
async function vectorize(vectorizer: Vectorizer, texts: string[]): Promise<number[][]> {
  const vectors = typeof vectorizer === "function" ? await vectorizer(texts) : await vectorizer.embed(texts);
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw new ValueError(`The vectorizer returned ${Array.isArray(vectors) ? vectors.length : "no"} vectors for ${texts.length} texts.`);
  }
  return vectors;
}

function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new ValueError(`Vectors of different sizes (${a.length} and ${b.length}) cannot be compared; use one vectorizer for both.`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** DSPy's text of a record for embedding: `key: value | key: value`. */
function recordText(entries: Array<[string, unknown]>): string {
  return entries.map(([key, value]) => `${key}: ${pyStr(value)}`).join(" | ");
}

/**
 * Finds the `k` training examples nearest to some inputs (DSPy's `KNN`): examples are embedded once, as
 * `key: value | …` over their input fields, and ranked by dot product with the embedded inputs.
 *
 * @example
 * const knn = new KNN(3, trainset, new LexicalEmbedder());
 * const neighbours = await knn.call({ question: "What is the capital of Belgium?" });
 */
export class KNN {
  readonly k: number;
  readonly trainset: readonly Example[];
  readonly vectorizer: Vectorizer;
  #trainsetVectors: Promise<number[][]> | null = null;

  constructor(k: number, trainset: readonly Example[], vectorizer: Vectorizer) {
    if (!Number.isInteger(k) || k < 1) throw new ValueError(`KNN needs a whole number k >= 1, got ${k}.`);
    this.k = k;
    this.trainset = trainset;
    this.vectorizer = vectorizer;
  }

  /** The texts the training examples are embedded as. */
  trainsetTexts(): string[] {
    return this.trainset.map((example, index) => {
      const keys = example.inputKeys();
      if (!keys) {
        throw new ValueError(`Training example ${index} has no input keys; build the trainset with example.withInputs(...).`);
      }
      const inputKeys = new Set(keys);
      return recordText(example.items().filter(([key]) => inputKeys.has(key)));
    });
  }

  /** The `k` nearest training examples, nearest first; equal scores put the later example first (as DSPy's argsort). */
  async call(inputs: Record<string, unknown>): Promise<Example[]> {
    this.#trainsetVectors ??= vectorize(this.vectorizer, this.trainsetTexts()).catch((error: unknown) => {
      this.#trainsetVectors = null;
      throw error;
    });
    const trainsetVectors = await this.#trainsetVectors;
    const [query] = await vectorize(this.vectorizer, [recordText(Object.entries(inputs))]);
    const scores = trainsetVectors.map((vector) => dot(vector, query as number[]));
    const ascending = scores.map((score, index) => [score, index] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return ascending
      .slice(Math.max(0, ascending.length - this.k))
      .reverse()
      .map(([, index]) => this.trainset[index] as Example);
  }
}
