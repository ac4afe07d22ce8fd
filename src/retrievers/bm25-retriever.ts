import { ValueError } from "../errors/value-error.js";
import { Prediction } from "../primitives/prediction.js";
import { topK } from "./retriever.js";

export interface BM25Options {
  /** Passages per query (default 5). */
  k?: number;
  /** Term-frequency saturation (default 1.5). */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full) (default 0.75). */
  b?: number;
  /** Splits a text into terms (default: lower-cased Unicode letter/digit runs). */
  tokenize?: (text: string) => string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased runs of Unicode letters and digits. */
export function defaultTokenize(text: string): string[] {
  return [...text.normalize("NFKC").toLowerCase().matchAll(WORD)].map((m) => m[0]);
}

/**
 * Okapi BM25 over an in-memory corpus, for when no embedding model is available: no network, no model, deterministic.
 * Scores use `idf = ln(1 + (N − df + 0.5) / (df + 0.5))` and `tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl))`.
 * A retriever for `Retrieve` (`configure({ rm: new BM25Retriever(corpus) })`).
 *
 * @example
 * const bm25 = new BM25Retriever(policies, { k: 3 });
 * const { passages } = await bm25.call("refund for damaged item");
 */
export class BM25Retriever {
  readonly corpus: readonly string[];
  k: number;
  readonly k1: number;
  readonly b: number;
  readonly #tokenize: (text: string) => string[];
  readonly #postings = new Map<string, Array<[doc: number, tf: number]>>();
  readonly #lengths: number[];
  readonly #avgLength: number;

  constructor(corpus: readonly string[], options: BM25Options = {}) {
    this.corpus = [...corpus];
    this.k = options.k ?? 5;
    this.k1 = options.k1 ?? 1.5;
    this.b = options.b ?? 0.75;
    if (!(this.k1 >= 0) || !(this.b >= 0 && this.b <= 1)) throw new ValueError(`BM25 needs k1 >= 0 and 0 <= b <= 1 (got k1=${this.k1}, b=${this.b}).`);
    this.#tokenize = options.tokenize ?? defaultTokenize;
    this.#lengths = this.corpus.map((text, doc) => {
      const counts = new Map<string, number>();
      const terms = this.#tokenize(text);
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = this.#postings.get(term);
        if (!list) this.#postings.set(term, (list = []));
        list.push([doc, tf]);
      }
      return terms.length;
    });
    this.#avgLength = this.#lengths.length ? this.#lengths.reduce((a, n) => a + n, 0) / this.#lengths.length : 0;
  }

  /** BM25 score of every passage for a query (0 for passages sharing no term). */
  scores(query: string): Float64Array {
    const scores = new Float64Array(this.corpus.length);
    const n = this.corpus.length;
    for (const term of new Set(this.#tokenize(query))) {
      const postings = this.#postings.get(term);
      if (!postings) continue;
      const idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
      for (const [doc, tf] of postings) {
        const norm = this.k1 * (1 - this.b + (this.b * (this.#lengths[doc] as number)) / (this.#avgLength || 1));
        scores[doc] = (scores[doc] as number) + (idf * tf * (this.k1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }

  /** The `k` best passages with their corpus indices and scores. */
  search(query: string, k = this.k): { passages: string[]; indices: number[]; scores: number[] } {
    const scores = this.scores(query);
    const best = topK(Array.from({ length: scores.length }, (_, i) => i), scores, k);
    return { passages: best.map(([id]) => this.corpus[id] as string), indices: best.map(([id]) => id), scores: best.map(([, s]) => s) };
  }

  /** The `k` best passages and their indices, as `Embeddings.call` returns them. */
  async call(query: string): Promise<Prediction<{ passages: string[]; indices: number[] }>> {
    const { passages, indices } = this.search(query);
    return new Prediction({ passages, indices });
  }

  /** As a retriever for `Retrieve`. */
  async retrieve(query: string, options: { k?: number } = {}): Promise<string[]> {
    return this.search(query, options.k ?? this.k).passages;
  }
}
