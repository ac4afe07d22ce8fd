import { contentTerms, FULL_LEXICON, type Lexicon } from "./text-tokens.js";

/** Sparse TF-IDF vector. */
export type TermVector = Map<string, number>;

/** TF-IDF over a small collection of texts (the demos and the query), compared by cosine similarity. */
export class TfIdf {
  private readonly idf = new Map<string, number>();
  private readonly count: number;

  constructor(
    texts: readonly string[],
    private readonly lexicon: Lexicon = FULL_LEXICON,
  ) {
    this.count = texts.length;
    const df = new Map<string, number>();
    for (const text of texts) for (const term of new Set(contentTerms(text, lexicon))) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, n] of df) this.idf.set(term, Math.log((this.count + 1) / (n + 1)) + 1);
  }

  vector(text: string): TermVector {
    const tf = new Map<string, number>();
    for (const term of contentTerms(text, this.lexicon)) tf.set(term, (tf.get(term) ?? 0) + 1);
    const vec: TermVector = new Map();
    for (const [term, n] of tf) vec.set(term, (1 + Math.log(n)) * (this.idf.get(term) ?? Math.log(this.count + 1) + 1));
    return vec;
  }

  similarity(a: string, b: string): number {
    return cosine(this.vector(a), this.vector(b));
  }
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of a) {
    na += w * w;
    const other = b.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
