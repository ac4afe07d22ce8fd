/** A passage a retriever returns: text, or an object with `long_text` (DSPy's retriever results). */
export type Passage = string | { long_text: string };

/**
 * What `Retrieve` calls (DSPy's `settings.rm`): a function, or an object with `retrieve`, taking a query and `k` and
 * returning passages. `Embeddings` and `BM25Retriever` are retrievers.
 */
export type Retriever =
  | ((query: string, options: { k: number }) => Promise<readonly Passage[]> | readonly Passage[])
  | { retrieve(query: string, options: { k: number }): Promise<readonly Passage[]> | readonly Passage[] };

/** The text of a passage. */
export function passageText(passage: Passage): string {
  return typeof passage === "string" ? passage : passage.long_text;
}

/** The `k` best `[id, score]` pairs, highest score first; equal scores keep the lower id first. */
export function topK(ids: ArrayLike<number>, scores: ArrayLike<number>, k: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = Array.from({ length: ids.length }, (_, i) => [ids[i] as number, scores[i] as number]);
  return pairs.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
}
