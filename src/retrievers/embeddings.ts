import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ValueError } from "../errors/value-error.js";
import { Prediction } from "../primitives/prediction.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { buildApproximateIndex, type ApproximateIndex } from "./approximate-index.js";
import { decodeNpy, encodeNpy } from "./npy.js";
import { topK } from "./retriever.js";

/** Turns texts into vectors: an `Embedder`, a `LexicalEmbedder`, or a function. */
export type EmbedderLike = { embed(texts: string[]): Promise<number[][]> | number[][] } | ((texts: string[]) => Promise<number[][]> | number[][]);

export interface EmbeddingsOptions {
  /** Passages per query (default 5). */
  k?: number;
  /**
   * Corpus size from which an approximate index (HNSW, the optional `usearch` package) finds `k × 10` candidates that
   * are then re-ranked exactly; below it every passage is scored (default 20,000, as DSPy).
   */
  bruteForceThreshold?: number;
  /** L2-normalise corpus and query vectors, so scores are cosine similarities (default true). */
  normalize?: boolean;
}

/** One search result: passages best first, their corpus indices and scores. */
export interface SearchResult {
  passages: string[];
  indices: number[];
  scores: number[];
}

async function embedWith(embedder: EmbedderLike, texts: string[]): Promise<number[][]> {
  return typeof embedder === "function" ? embedder(texts) : embedder.embed(texts);
}

/** NumPy's pairwise summation of float32 values (`np.add.reduce`), rounding as float32 arithmetic does. */
function pairwiseSum32(a: Float32Array, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + (a[start + i] as number));
    return res;
  }
  if (n <= 128) {
    const r = Array.from({ length: 8 }, (_, j) => a[start + j] as number);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f((r[j] as number) + (a[start + i + j] as number));
    let res = f(f(f(r[0]! + r[1]!) + f(r[2]! + r[3]!)) + f(f(r[4]! + r[5]!) + f(r[6]! + r[7]!)));
    for (; i < n; i++) res = f(res + (a[start + i] as number));
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSum32(a, start, n2) + pairwiseSum32(a, start + n2, n - n2));
}

/** Row-major float32 copy of the vectors, each row divided by max(‖row‖, 1e-10) when normalising, in NumPy's float32 arithmetic. */
function toMatrix(vectors: number[][], normalize: boolean): { data: Float32Array; rows: number; cols: number } {
  const rows = vectors.length;
  const cols = rows ? (vectors[0] as number[]).length : 0;
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = vectors[r] as number[];
    if (row.length !== cols) throw new ValueError(`Embedding ${r} has ${row.length} dimensions; the first has ${cols}.`);
    const values = Float32Array.from(row);
    if (normalize) {
      const squares = values.map((x) => Math.fround(x * x));
      const norm = Math.max(Math.fround(Math.sqrt(pairwiseSum32(squares, 0, cols))), Math.fround(1e-10));
      for (let c = 0; c < cols; c++) data[r * cols + c] = Math.fround((values[c] as number) / norm);
    } else {
      data.set(values, r * cols);
    }
  }
  return { data, rows, cols };
}

interface Index {
  vectors: Float32Array;
  rows: number;
  cols: number;
  approximate: ApproximateIndex | null;
}

/**
 * Retrieves the passages of a corpus most similar to a query by embedding similarity (DSPy's `dspy.Embeddings`).
 * Corpus vectors are computed on first use. Below `bruteForceThreshold` (20,000 passages) every passage is scored;
 * from there an approximate HNSW index proposes `k × 10` candidates that are re-ranked exactly. It is also a
 * retriever for `Retrieve` (`configure({ rm: embeddings })`).
 *
 * @example
 * const search = new Embeddings(policies, new LexicalEmbedder({ corpus: policies }), { k: 3 });
 * const { passages } = await search.call("refund for a late delivery");
 */
export class Embeddings {
  corpus: string[];
  embedder: EmbedderLike;
  k: number;
  normalize: boolean;
  readonly bruteForceThreshold: number;
  #index: Promise<Index> | null = null;

  constructor(corpus: readonly string[], embedder: EmbedderLike, options: EmbeddingsOptions = {}) {
    this.corpus = [...corpus];
    this.embedder = embedder;
    this.k = options.k ?? 5;
    this.normalize = options.normalize ?? true;
    this.bruteForceThreshold = options.bruteForceThreshold ?? 20_000;
  }

  /** The corpus vectors (and the approximate index for a large corpus), computed once. */
  private index(): Promise<Index> {
    this.#index ??= (async () => {
      const { data, rows, cols } = toMatrix(await embedWith(this.embedder, this.corpus), this.normalize);
      if (rows !== this.corpus.length) throw new ValueError(`The embedder returned ${rows} vectors for ${this.corpus.length} passages.`);
      const approximate = rows >= this.bruteForceThreshold ? await buildApproximateIndex(data, rows, cols) : null;
      return { vectors: data, rows, cols, approximate };
    })();
    this.#index.catch(() => (this.#index = null));
    return this.#index;
  }

  /** The `k` best passages for each query, with indices and scores. */
  async search(queries: string[], k = this.k): Promise<SearchResult[]> {
    const index = await this.index();
    const q = toMatrix(await embedWith(this.embedder, queries), this.normalize);
    if (queries.length && q.cols !== index.cols) throw new ValueError(`Query embeddings have ${q.cols} dimensions; the corpus has ${index.cols}.`);
    return queries.map((_, qi) => {
      const query = q.data.subarray(qi * q.cols, (qi + 1) * q.cols);
      const ids = index.approximate ? index.approximate.search(query, k * 10) : Array.from({ length: index.rows }, (_, i) => i);
      const scores = ids.map((id) => {
        let dot = 0;
        const row = id * index.cols;
        for (let c = 0; c < index.cols; c++) dot += (query[c] as number) * (index.vectors[row + c] as number);
        return dot;
      });
      const best = topK(ids, scores, k);
      return { passages: best.map(([id]) => this.corpus[id] as string), indices: best.map(([id]) => id), scores: best.map(([, s]) => s) };
    });
  }

  /** The `k` passages most similar to the query and their corpus indices (DSPy's `forward`). */
  async call(query: string): Promise<Prediction<{ passages: string[]; indices: number[] }>> {
    const [result] = await this.search([query]);
    return new Prediction({ passages: result!.passages, indices: result!.indices });
  }

  /** As a retriever for `Retrieve`: the passages for a query. */
  async retrieve(query: string, options: { k?: number } = {}): Promise<string[]> {
    const [result] = await this.search([query], options.k ?? this.k);
    return result!.passages;
  }

  /**
   * Writes `config.json` and `corpus_embeddings.npy` in DSPy's layout, so Python's `Embeddings.from_saved` can load
   * it (the approximate index is rebuilt on load rather than saved).
   */
  async save(path: string): Promise<void> {
    const index = await this.index();
    await mkdir(path, { recursive: true });
    const config = { k: this.k, normalize: this.normalize, corpus: this.corpus, has_faiss_index: false };
    await writeFile(join(path, "config.json"), pyJsonDumps(config, { indent: 2 }));
    await writeFile(join(path, "corpus_embeddings.npy"), encodeNpy({ data: index.vectors, rows: index.rows, cols: index.cols }));
  }

  /** Loads what `save` (or DSPy's `Embeddings.save`) wrote; `embedder` embeds new queries. */
  static async fromSaved(path: string, embedder: EmbedderLike, options: Pick<EmbeddingsOptions, "bruteForceThreshold"> = {}): Promise<Embeddings> {
    const config = JSON.parse(await readFile(join(path, "config.json"), "utf8")) as Record<string, unknown>;
    for (const field of ["k", "normalize", "corpus", "has_faiss_index"]) {
      if (!(field in config)) throw new ValueError(`Invalid config: missing required field '${field}'`);
    }
    const matrix = decodeNpy(new Uint8Array(await readFile(join(path, "corpus_embeddings.npy"))));
    const embeddings = new this(config.corpus as string[], embedder, { k: config.k as number, normalize: config.normalize as boolean, ...options });
    const vectors = matrix.data instanceof Float32Array ? matrix.data : Float32Array.from(matrix.data);
    const approximate = config.has_faiss_index || matrix.rows >= embeddings.bruteForceThreshold ? await buildApproximateIndex(vectors, matrix.rows, matrix.cols) : null;
    embeddings.#index = Promise.resolve({ vectors, rows: matrix.rows, cols: matrix.cols, approximate });
    return embeddings;
  }
}
