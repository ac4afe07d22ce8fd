import { ValueError } from "../errors/value-error.js";

/** Candidate search over many vectors (an HNSW graph from the `usearch` package). */
export interface ApproximateIndex {
  /** Ids of about the `count` nearest vectors by inner product, for each query. */
  search(query: Float32Array, count: number): number[];
}

interface UsearchModule {
  Index: new (options: { dimensions: number; metric: unknown; connectivity?: number; quantization?: string }) => {
    add(keys: bigint | BigUint64Array, vectors: Float32Array): void;
    search(query: Float32Array, count: number): { keys: BigUint64Array };
  };
  MetricKind: { IP: unknown };
}

/**
 * Builds an HNSW index over the rows of `vectors` with `usearch` (an optional peer dependency, loaded only when a
 * corpus reaches `Embeddings`' brute-force threshold), as DSPy builds a FAISS index there.
 */
export async function buildApproximateIndex(vectors: Float32Array, rows: number, cols: number): Promise<ApproximateIndex> {
  let usearch: UsearchModule;
  try {
    const loaded = (await import("usearch")) as unknown as UsearchModule & { default?: UsearchModule };
    usearch = loaded.Index ? loaded : (loaded.default as UsearchModule);
  } catch (error) {
    throw new ValueError(
      `A corpus of ${rows} passages reaches Embeddings' bruteForceThreshold, which uses an approximate index: ` +
        "`npm install usearch`, or raise `bruteForceThreshold` to search exhaustively.",
      { cause: error },
    );
  }
  const index = new usearch.Index({ dimensions: cols, metric: usearch.MetricKind.IP, connectivity: 16, quantization: "f32" });
  const keys = new BigUint64Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = BigInt(i);
  index.add(keys, vectors);
  return {
    search(query: Float32Array, count: number): number[] {
      return Array.from(index.search(query, Math.min(count, rows)).keys, (key) => Number(key));
    },
  };
}
