import { ValueError } from "../errors/value-error.js";

export interface LexicalEmbedderOptions {
  /** Vector size (hash buckets); default 1024. */
  dimensions?: number;
  /** Character n-gram sizes taken inside each word (padded with spaces); default `[3]`. `[]` keeps words only. */
  charNgrams?: readonly number[];
  /** Texts to learn inverse document frequencies from; without them every feature weighs the same. */
  corpus?: readonly string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Words (`w:word`) and the character n-grams of ` word ` (`c:gram`), with counts. */
function features(text: string, charNgrams: readonly number[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  for (const [word] of text.normalize("NFKC").toLowerCase().matchAll(WORD)) {
    add(`w:${word}`);
    const padded = [..." " + word + " "];
    for (const n of charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n).join("")}`);
    }
  }
  return counts;
}

/**
 * A small deterministic embedder that runs offline: hashed word and character n-gram features with sublinear term
 * frequency (`1 + ln tf`), optional IDF learned from a corpus, and L2 normalisation, so dot products are cosine
 * similarities. Good enough for nearest-neighbour demo selection (`KNNFewShot`) and tests; not a semantic model.
 *
 * @example
 * const embedder = new LexicalEmbedder({ corpus: trainset.map((ex) => ex.question) });
 * const [a, b] = await embedder.embed(["capital of France", "France's capital city"]);
 */
export class LexicalEmbedder {
  readonly dimensions: number;
  readonly charNgrams: readonly number[];
  readonly #idf: Map<string, number> | null;
  readonly #defaultIdf: number;

  constructor(options: LexicalEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? 1024;
    this.charNgrams = [...(options.charNgrams ?? [3])];
    if (!Number.isInteger(this.dimensions) || this.dimensions < 1) {
      throw new ValueError(`LexicalEmbedder dimensions must be a whole number >= 1, got ${this.dimensions}.`);
    }
    if (this.charNgrams.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new ValueError(`LexicalEmbedder charNgrams must be whole numbers >= 1, got [${this.charNgrams.join(", ")}].`);
    }
    const corpus = options.corpus ?? null;
    if (corpus && corpus.length > 0) {
      const documents = new Map<string, number>();
      for (const text of corpus) for (const feature of features(text, this.charNgrams).keys()) documents.set(feature, (documents.get(feature) ?? 0) + 1);
      // Smoothed IDF (as scikit-learn's): ln((1 + N) / (1 + df)) + 1; unseen features get the df = 0 value.
      const n = corpus.length;
      this.#idf = new Map([...documents].map(([feature, df]) => [feature, Math.log((1 + n) / (1 + df)) + 1]));
      this.#defaultIdf = Math.log(1 + n) + 1;
    } else {
      this.#idf = null;
      this.#defaultIdf = 1;
    }
  }

  /** One unit-length vector per text (all zeros for a text without words). */
  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.vector(text));
  }

  /** The vector of one text. */
  vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const [feature, count] of features(text, this.charNgrams)) {
      const weight = (1 + Math.log(count)) * (this.#idf ? (this.#idf.get(feature) ?? this.#defaultIdf) : 1);
      const bucket = fnv1a(feature, 0) % this.dimensions;
      const sign = fnv1a(feature, 0x9e3779b9) & 1 ? -1 : 1;
      vector[bucket] = (vector[bucket] as number) + sign * weight;
    }
    let squares = 0;
    for (const x of vector) squares += x * x;
    const norm = Math.sqrt(squares);
    return norm > 0 ? vector.map((x) => x / norm) : vector;
  }
}
